import type { StudioState } from './index';
import { saveSummary } from './decisions';

// Selectors defined once, at module level, so components subscribe to exactly what they show.
export const selectInfo = (s: StudioState) => s.info;
export const selectProject = (s: StudioState) => s.project;
export const selectClasses = (s: StudioState) => s.classes;
export const selectStatus = (s: StudioState) => s.status;
export const selectAnnotator = (s: StudioState) => s.annotator;
export const selectView = (s: StudioState) => s.view;
export const selectToasts = (s: StudioState) => s.toasts;
export const selectImporter = (s: StudioState) => s.importer;
export const selectLabeling = (s: StudioState) => s.labeling;
export const selectGallery = (s: StudioState) => s.gallery;
export const selectDecisions = (s: StudioState) => s.labeling.decisions;
export const selectCurrentItem = (s: StudioState) => s.labeling.current;
export const selectCurrentRow = (s: StudioState) => (s.labeling.current ? s.labeling.rows[s.labeling.current.sampleId] : undefined);
export const selectSaveSummary = (s: StudioState) => saveSummary(s.labeling.decisions);
export const selectNativeDialogs = (s: StudioState) => s.info?.nativeDialogs ?? false;
