/**
 * Zoom and pan of the labeling image, as pure arithmetic: a point p of the image (in image
 * pixels) appears on screen at `offset + scale * p`. Zooming keeps the point under the
 * cursor still, the way every image viewer does.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const minScale = 0.05;
export const maxScale = 40;
/** Breathing room around a fitted image. */
const fitMargin = 16;

/** The whole image, centred and as large as the box allows (small images are enlarged). */
export function fitViewport(box: Size, image: Size): Viewport {
  if (box.width <= 0 || box.height <= 0 || image.width <= 0 || image.height <= 0) return { scale: 1, x: 0, y: 0 };
  const room = { width: Math.max(1, box.width - 2 * fitMargin), height: Math.max(1, box.height - 2 * fitMargin) };
  const scale = clamp(Math.min(room.width / image.width, room.height / image.height), minScale, maxScale);
  return { scale, x: (box.width - image.width * scale) / 2, y: (box.height - image.height * scale) / 2 };
}

/** A view the user chose by zooming or panning, for one image (`key`); null: fitted. */
export type ChosenView = { key: string; view: Viewport } | null;

/** What is on screen: the user's view of this image, else the image fitted to the box. */
export function viewShown(chosen: ChosenView, key: string, fitted: Viewport): Viewport {
  return chosen?.key === key ? chosen.view : fitted;
}

/** A zoom or pan of the image `key`, starting from what is on screen now. */
export function chooseView(chosen: ChosenView, key: string, fitted: Viewport, change: (view: Viewport) => Viewport): ChosenView {
  return { key, view: change(viewShown(chosen, key, fitted)) };
}

/** Multiplies the scale by `factor`, keeping the screen point `at` over the same image point. */
export function zoomAt(view: Viewport, factor: number, at: { x: number; y: number }): Viewport {
  const scale = clamp(view.scale * factor, minScale, maxScale);
  const ratio = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** Wheel and trackpad pinch (Chrome sends pinch as wheel + ctrlKey) both become a factor. */
export function wheelFactor(deltaY: number, deltaMode: number, pinch: boolean): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * (pinch ? 0.01 : 0.0015));
}

/** Once the image is enlarged well past its preview size, the original file is worth loading. */
export function wantsOriginal(view: Viewport, image: Size, previewLongSide: number): boolean {
  const shown = Math.max(image.width, image.height) * view.scale;
  return shown > previewLongSide * 1.25 && Math.max(image.width, image.height) > previewLongSide;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
