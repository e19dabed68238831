import { useEffect, useRef, type RefObject } from 'react';
import type { MapPoints } from '../../../../../shared/contract/quality';
import { fitCamera, type Camera, type Viewport } from './camera';
import { createPointsRenderer, type PointsRenderer } from './pointsRenderer';

/** Point size in CSS pixels: bigger when there are few points. */
export function pointSizeFor(count: number): number {
  return count > 20_000 ? 3 : count > 2_000 ? 4 : 7;
}

/**
 * Owns the map's renderer for one canvas: uploads the points and colours when they change
 * and redraws at most once per frame when the camera moves. Returns the camera ref (the
 * pointer handlers move it) and `redraw`.
 */
export function useMapCanvas(canvas: RefObject<HTMLCanvasElement | null>, points: MapPoints | null, colours: Uint8Array | null, view: Viewport) {
  const renderer = useRef<PointsRenderer | null>(null);
  const camera = useRef<Camera | null>(null);
  const frame = useRef<number | null>(null);
  const frames = useRef(0);
  // The frame callback reads the latest points and size, whichever render scheduled it.
  const latest = useRef({ points, view });
  latest.current = { points, view };

  const redraw = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const element = canvas.current;
      const { points: shown, view: size } = latest.current;
      if (!renderer.current || !camera.current || !shown || !element) return;
      renderer.current.draw(camera.current, size, pointSizeFor(shown.ids.length));
      frames.current += 1;
      element.dataset.frames = String(frames.current);
    });
  };

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    renderer.current = createPointsRenderer(element);
    element.dataset.renderer = renderer.current.kind;
    return () => {
      renderer.current?.dispose();
      renderer.current = null;
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [canvas]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !view.width || !view.height) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(view.width * ratio);
    element.height = Math.round(view.height * ratio);
    camera.current ??= fitCamera(view);
    redraw();
  }, [canvas, view.width, view.height]);

  useEffect(() => {
    if (!points || !colours || !renderer.current) return;
    renderer.current.setPoints(points.x, points.y, colours);
    if (canvas.current) canvas.current.dataset.points = String(points.ids.length);
    redraw();
  }, [points]);

  useEffect(() => {
    if (!colours || !renderer.current || !points) return;
    renderer.current.setColours(colours);
    redraw();
  }, [colours]);

  return { camera, redraw };
}
