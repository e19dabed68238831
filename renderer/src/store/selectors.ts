import type { StudioState } from './index';
import { saveSummary } from './decisions';
import { suggestionOf } from './labelingQueue';
import { prefetchDepth } from './labelingSlice';

// Selectors defined once, at module level, so components subscribe to exactly what they show.
// Each returns a stored value or a primitive: a selector that built a new object or array
// would re-render its component on every store update (or needs useStudioShallow).
export const selectInfo = (s: StudioState) => s.info;
export const selectProject = (s: StudioState) => s.project;
export const selectClasses = (s: StudioState) => s.classes;
export const selectStatus = (s: StudioState) => s.status;
export const selectAnnotator = (s: StudioState) => s.annotator;
export const selectView = (s: StudioState) => s.view;
export const selectToasts = (s: StudioState) => s.toasts;
export const selectImporter = (s: StudioState) => s.importer;
export const selectImportJob = (s: StudioState) => s.importer.job;
export const selectImportDialogOpen = (s: StudioState) => s.importer.dialogOpen;
export const selectGallery = (s: StudioState) => s.gallery;
export const selectNativeDialogs = (s: StudioState) => s.info?.nativeDialogs ?? false;
export const selectLoopStatus = (s: StudioState) => s.loop.status;
export const selectTrainingJob = (s: StudioState) => s.model.training;
export const selectReadOnly = (s: StudioState) => s.project?.readOnly ?? false;

// The labeling view: one field each, so a keypress re-renders only what it changed.
export const selectDecisions = (s: StudioState) => s.labeling.decisions;
export const selectCurrentItem = (s: StudioState) => s.labeling.current;
export const selectHasItem = (s: StudioState) => s.labeling.current !== null;
export const selectCurrentSampleId = (s: StudioState) => s.labeling.current?.sampleId ?? null;
export const selectCurrentRow = (s: StudioState) => (s.labeling.current ? s.labeling.rows[s.labeling.current.sampleId] : undefined);
export const selectCurrentWidth = (s: StudioState) => selectCurrentRow(s)?.width ?? null;
export const selectCurrentHeight = (s: StudioState) => selectCurrentRow(s)?.height ?? null;
/** The label on screen; none for a second opinion, which is given without seeing the other's. */
export const selectCurrentClassId = (s: StudioState) => (s.labeling.current?.secondOpinion ? null : (selectCurrentRow(s)?.label.classId ?? null));
export const selectSuggestedClassId = (s: StudioState) => suggestionOf(s.labeling.current)[0]?.classId ?? null;
export const selectOverlay = (s: StudioState) => s.labeling.overlay;
export const selectGuidelinesOpen = (s: StudioState) => s.labeling.guidelinesOpen;
export const selectQueueStatus = (s: StudioState) => s.labeling.queueStatus;
/** A new array each time: read it with useStudioShallow. */
export const selectUpcomingIds = (s: StudioState) => s.labeling.ahead.slice(0, prefetchDepth).map((i) => i.sampleId);
export const selectPendingSaves = (s: StudioState) => saveSummary(s.labeling.decisions).pending;
export const selectFailedSaves = (s: StudioState) => saveSummary(s.labeling.decisions).failed;

// Actions never change, so components reading them never re-render for them.
export const selectLabelCurrent = (s: StudioState) => s.labelCurrent;
export const selectMarkShown = (s: StudioState) => s.markShown;
export const selectSetView = (s: StudioState) => s.setView;
export const selectOpenSample = (s: StudioState) => s.openSample;
export const selectRetryDecision = (s: StudioState) => s.retryDecision;
export const selectOpenImport = (s: StudioState) => s.openImport;
export const selectStartTraining = (s: StudioState) => s.startTraining;
