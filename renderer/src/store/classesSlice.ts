import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { ClassInput } from '../../../shared/contract/project';
import type { ClassDef } from '../../../shared/domain/records';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import type { Slice } from './types';

export type ClassPatch = Partial<Pick<ClassDef, 'name' | 'color' | 'key' | 'guideline' | 'examples'>>;

/** The most example images a class keeps (the contract's bound). */
export const maxExamples = 24;

export interface ClassesSlice {
  classes: ClassDef[];
  loadClasses(): Promise<void>;
  /** Resolve to the studio's error (a name or key conflict, say) or null on success. */
  createClass(input: ClassInput): Promise<StudioErrorPayload | null>;
  updateClass(id: string, patch: ClassPatch): Promise<StudioErrorPayload | null>;
  /** How many labels a class holds, asked before merging or deleting it. */
  classUsage(id: string): Promise<number | null>;
  mergeClasses(from: string, into: string): Promise<void>;
  deleteClass(id: string): Promise<void>;
  addExample(classId: string, sampleId: string): Promise<void>;
  removeExample(classId: string, sampleId: string): Promise<void>;
}

export const createClassesSlice: Slice<ClassesSlice> = (set, get, { api }) => {
  const replace = (updated: ClassDef): void =>
    set((s) => ({ classes: s.classes.map((c) => (c.id === updated.id ? updated : c)) }));

  const mutate = async (work: () => Promise<unknown>, failure: string): Promise<void> => {
    try {
      await work();
    } catch (error) {
      get().showError(error, failure);
    }
    await get().loadClasses();
    void get().refreshStatus();
  };

  return {
    classes: [],

    async loadClasses() {
      try {
        set({ classes: await unwrap(api.classes.list({})) });
      } catch (error) {
        get().showError(error, 'Classes');
      }
    },

    async createClass(input) {
      try {
        const created = await unwrap(api.classes.create(input));
        set((s) => ({ classes: [...s.classes.filter((c) => c.id !== created.id), created] }));
        void get().refreshStatus();
        return null;
      } catch (error) {
        return errorPayloadOf(error);
      }
    },

    async updateClass(id, patch) {
      try {
        replace(await unwrap(api.classes.update({ id, ...patch })));
        return null;
      } catch (error) {
        return errorPayloadOf(error);
      }
    },

    async classUsage(id) {
      try {
        return (await unwrap(api.classes.usage({ id }))).labels;
      } catch (error) {
        get().showError(error, 'Counting labels');
        return null;
      }
    },

    async mergeClasses(from, into) {
      await mutate(async () => {
        const { moved } = await unwrap(api.classes.merge({ from, into, annotator: get().annotator || undefined }));
        get().notify('success', `Moved ${moved} label${moved === 1 ? '' : 's'}.`);
      }, 'The classes could not be merged');
    },

    async deleteClass(id) {
      await mutate(async () => {
        const { dropped } = await unwrap(api.classes.delete({ id, annotator: get().annotator || undefined }));
        get().notify('success', `Deleted the class${dropped ? ` and its ${dropped} label${dropped === 1 ? '' : 's'}` : ''}.`);
      }, 'The class could not be deleted');
    },

    async addExample(classId, sampleId) {
      const target = get().classes.find((c) => c.id === classId);
      if (!target) return;
      if (target.examples.includes(sampleId)) {
        get().notify('info', `This image is already an example of ${target.name}.`);
        return;
      }
      if (target.examples.length >= maxExamples) {
        get().notify('error', `${target.name} already has ${maxExamples} examples.`, 'Remove one in the Classes view first.');
        return;
      }
      const error = await get().updateClass(classId, { examples: [...target.examples, sampleId] });
      if (error) get().showError(error, 'The example could not be added');
      else get().notify('success', `Added as an example of ${target.name}.`);
    },

    async removeExample(classId, sampleId) {
      const target = get().classes.find((c) => c.id === classId);
      if (!target) return;
      const error = await get().updateClass(classId, { examples: target.examples.filter((e) => e !== sampleId) });
      if (error) get().showError(error, 'The example could not be removed');
    },
  };
};
