/**
 * The map's view: data coordinates ([0, 1] on both axes) to canvas pixels. `zoom` is pixels
 * per data unit; (`cx`, `cy`) the data point at the canvas centre. y grows upwards in data
 * and downwards on screen. Pure functions, so panning and zooming are tested without a DOM.
 */
export interface Camera {
  zoom: number;
  cx: number;
  cy: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export function fitCamera(view: Viewport): Camera {
  return { zoom: Math.max(1, Math.min(view.width, view.height) * 0.92), cx: 0.5, cy: 0.5 };
}

export function toScreen(camera: Camera, view: Viewport, x: number, y: number): [number, number] {
  return [view.width / 2 + (x - camera.cx) * camera.zoom, view.height / 2 - (y - camera.cy) * camera.zoom];
}

export function toData(camera: Camera, view: Viewport, sx: number, sy: number): [number, number] {
  return [camera.cx + (sx - view.width / 2) / camera.zoom, camera.cy - (sy - view.height / 2) / camera.zoom];
}

/** Moves the view by a drag of (dx, dy) screen pixels. */
export function pan(camera: Camera, dx: number, dy: number): Camera {
  return { ...camera, cx: camera.cx - dx / camera.zoom, cy: camera.cy + dy / camera.zoom };
}

/** Zooms by `factor` keeping the data point under (sx, sy) where it is. */
export function zoomAt(camera: Camera, view: Viewport, sx: number, sy: number, factor: number): Camera {
  const [x, y] = toData(camera, view, sx, sy);
  const zoom = Math.min(1e6, Math.max(10, camera.zoom * factor));
  return { zoom, cx: x - (sx - view.width / 2) / zoom, cy: y + (sy - view.height / 2) / zoom };
}

/** The shader's transform: clip = data · scale + offset. */
export function clipTransform(camera: Camera, view: Viewport): { scale: [number, number]; offset: [number, number] } {
  const sx = (2 * camera.zoom) / view.width;
  const sy = (2 * camera.zoom) / view.height;
  return { scale: [sx, sy], offset: [-camera.cx * sx, -camera.cy * sy] };
}
