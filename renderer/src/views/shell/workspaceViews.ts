import type { ComponentType } from 'react';
import type { ViewId } from '../../store/appSlice';
import { LabelingView } from '../labeling/LabelingView';
import { GalleryView } from '../gallery/GalleryView';
import { ClassesView } from '../classes/ClassesView';
import { ModelView } from '../model/ModelView';
import { EvaluateView } from '../evaluate/EvaluateView';
import { DataView } from '../data/DataView';
import { ReviewView } from '../review/ReviewView';

/** A top-level section of an open project. */
export interface WorkspaceView {
  id: ViewId;
  title: string;
  component: ComponentType;
}

export const workspaceViews: readonly WorkspaceView[] = [
  { id: 'label', title: 'Label', component: LabelingView },
  { id: 'gallery', title: 'Gallery', component: GalleryView },
  { id: 'classes', title: 'Classes', component: ClassesView },
  { id: 'model', title: 'Model', component: ModelView },
  { id: 'evaluate', title: 'Evaluate', component: EvaluateView },
  { id: 'data', title: 'Data', component: DataView },
  { id: 'review', title: 'Review', component: ReviewView },
];
