import type { RequestOf } from '../../../shared/contract';
import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { AppInfo, ClassInput, ProjectStatus, ProjectSummary, RecentProject } from '../../../shared/contract/project';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import { sameData } from './sameData';
import type { Slice } from './types';

/** The workspace's top-level sections. */

/** What a native picker is choosing: a folder, or a CSV or model file. */
export type FolderPurpose = RequestOf<'project:choose-folder'>['purpose'];
export type ViewId = 'label' | 'gallery' | 'classes' | 'model' | 'evaluate' | 'review' | 'data';

export interface NewProject {
  dir: string;
  name?: string;
  classes: ClassInput[];
}

export interface AppSlice {
  info: AppInfo | null;
  booted: boolean;
  bootError: StudioErrorPayload | null;
  annotator: string;
  /**
   * Browser mode, first visit of this browser: nobody has said who is labeling yet. The
   * studio asks before anything else (several people label through one studio, so its OS
   * user is nobody's name); the desktop app starts with the OS user instead.
   */
  needsName: boolean;
  project: ProjectSummary | null;
  recent: RecentProject[];
  status: ProjectStatus | null;
  view: ViewId;
  /** Which start-screen action is running, so its button can say so. */
  busy: 'create' | 'open' | 'demo' | null;
  boot(): Promise<void>;
  /** Form actions resolve to the error to show beside the form, or null on success. */
  setAnnotator(name: string): Promise<StudioErrorPayload | null>;
  createProject(input: NewProject): Promise<StudioErrorPayload | null>;
  /** `recovery` answers a `damaged` error: open read-only, or accept the loss it names. */
  openProject(dir: string, recovery?: 'read-only' | 'accept-loss'): Promise<StudioErrorPayload | null>;
  openDemo(): Promise<StudioErrorPayload | null>;
  closeProject(): Promise<void>;
  refreshRecent(): Promise<void>;
  refreshStatus(): Promise<void>;
  /** Another window or tab opened or closed a project: follow it. */
  syncCurrentProject(): Promise<void>;
  setView(view: ViewId): void;
  /** Electron's native folder/file picker; null when cancelled or unavailable. */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>;
}

export const createAppSlice: Slice<AppSlice> = (set, get, deps) => {
  const { api } = deps;
  /** The project open when the tab started, entered once the annotator has said who they are. */
  let waitingForName: ProjectSummary | null = null;

  const resetProjectState = (): void => {
    get().resetLabeling();
    get().resetGallery();
    get().resetModel();
    get().resetLoop();
    get().resetTeam();
    get().resetEvaluate();
    get().resetQuality();
  };

  const enterProject = (project: ProjectSummary): void => {
    resetProjectState();
    set({ project, classes: project.classes, status: null, view: 'label' });
    shownNotices = 0;
    showNewNotices(project.notices);
    void get().refreshStatus();
    void get().startLabeling();
    void get().loadLoop();
  };

  // Notices found after opening (the loop's or the runs' document restored) arrive with the
  // project's status; each is shown once.
  let shownNotices = 0;
  const showNewNotices = (notices: ProjectSummary['notices']): void => {
    for (const notice of notices.slice(shownNotices)) get().notify(notice.level === 'warning' ? 'error' : 'info', notice.message);
    shownNotices = Math.max(shownNotices, notices.length);
  };

  const switchProject = async (busy: AppSlice['busy'], work: () => Promise<ProjectSummary>): Promise<StudioErrorPayload | null> => {
    set({ busy });
    try {
      enterProject(await work());
      return null;
    } catch (error) {
      return errorPayloadOf(error);
    } finally {
      set({ busy: null });
    }
  };

  return {
    info: null,
    booted: false,
    bootError: null,
    annotator: '',
    needsName: false,
    project: null,
    recent: [],
    status: null,
    view: 'label',
    busy: null,

    async boot() {
      try {
        const [info, current, recent] = await Promise.all([
          unwrap(api.app.info({})),
          unwrap(api.project.current({})),
          unwrap(api.project.recent({})),
        ]);
        const remembered = deps.annotatorMemory ? deps.annotatorMemory.load() : info.annotator;
        const needsName = !remembered;
        set({ info, recent, annotator: remembered ?? '', needsName, booted: true, bootError: null });
        if (current && needsName) waitingForName = current;
        else if (current) enterProject(current);
      } catch (error) {
        set({ booted: true, bootError: errorPayloadOf(error) });
      }
    },

    async setAnnotator(name) {
      const trimmed = name.trim();
      if (!trimmed) return { code: 'invalid-request', message: 'Type a name, so every label says who made it.' };
      try {
        // In a browser each tab may be a different person: the name stays with the tab and
        // travels with every request. The desktop app saves it as the user's setting.
        const before = get().annotator;
        if (deps.annotatorMemory) deps.annotatorMemory.save(trimmed);
        else await unwrap(api.app.setAnnotator({ name: trimmed }));
        if (before && before !== trimmed && get().project) {
          // The images this tab holds were leased to the old name: hand them back and start afresh as the new one.
          await get().releaseLeases(before).catch(() => undefined);
          set({ annotator: trimmed, needsName: false });
          get().resetLabeling();
          void get().startLabeling();
        } else set({ annotator: trimmed, needsName: false });
        if (waitingForName) {
          const project = waitingForName;
          waitingForName = null;
          enterProject(project);
        } else void get().loadHistory();
        return null;
      } catch (error) {
        return errorPayloadOf(error);
      }
    },

    createProject: ({ dir, name, classes }) =>
      switchProject('create', () => unwrap(api.project.create({ dir, ...(name ? { name } : {}), classes }))),
    openProject: (dir, recovery) => switchProject('open', () => unwrap(api.project.open({ dir, ...(recovery ? { recovery } : {}) }))),
    openDemo: () => switchProject('demo', () => unwrap(api.project.demo({}))),

    async closeProject() {
      try {
        await unwrap(api.project.close({}));
      } catch (error) {
        get().showError(error, 'The project could not be closed');
        return;
      }
      resetProjectState();
      set({ project: null, status: null, classes: [] });
      await get().refreshRecent();
    },

    async refreshRecent() {
      try {
        set({ recent: await unwrap(api.project.recent({})) });
      } catch (error) {
        get().showError(error, 'Recent projects');
      }
    },

    async refreshStatus() {
      if (!get().project) return;
      try {
        const status = await unwrap(api.project.status({}));
        showNewNotices(status.notices);
        if (!sameData(status, get().status)) set({ status });
      } catch (error) {
        if (get().project) get().showError(error, 'Project counts');
      }
    },

    async syncCurrentProject() {
      if (get().busy) return; // our own create/open/demo is landing; it enters the project itself
      try {
        const current = await unwrap(api.project.current({}));
        const mine = get().project;
        if (current && (current.dir !== mine?.dir || current.id !== mine?.id)) enterProject(current);
        else if (!current && mine) {
          resetProjectState();
          set({ project: null, status: null, classes: [] });
          get().notify('info', 'The project was closed from another window.');
          await get().refreshRecent();
        }
      } catch (error) {
        get().showError(error);
      }
    },

    setView(view) {
      set({ view });
    },

    async chooseFolder(purpose) {
      try {
        return (await unwrap(api.project.chooseFolder({ purpose }))).path;
      } catch (error) {
        get().showError(error, 'The folder picker');
        return null;
      }
    },
  };
};
