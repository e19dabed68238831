import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { chooseView, fitViewport, panBy, viewShown, wheelFactor, zoomAt, type ChosenView, type Size, type Viewport } from '../views/labeling/viewport';

export interface ZoomPan {
  view: Viewport;
  fit(): void;
  zoom(factor: number): void;
  dragging: boolean;
}

/**
 * Zoom at the cursor (wheel, trackpad pinch, two-finger pinch), drag to pan, double-click to
 * fit. The image stays fitted while the window resizes until the user zooms or pans.
 * The fitted view is computed while rendering (not set by an effect afterwards), so a new
 * image is placed in the same commit that shows it, with no second render before its paint.
 */
export function useZoomPan(box: RefObject<HTMLElement | null>, boxSize: Size, imageSize: Size, resetKey: string): ZoomPan {
  // Depends on the numbers, not on the objects callers build each render.
  const { width: boxWidth, height: boxHeight } = boxSize;
  const { width: imageWidth, height: imageHeight } = imageSize;
  const fitted = useMemo(
    () => fitViewport({ width: boxWidth, height: boxHeight }, { width: imageWidth, height: imageHeight }),
    [boxWidth, boxHeight, imageWidth, imageHeight],
  );
  const [chosen, setChosen] = useState<ChosenView>(null);
  const view = viewShown(chosen, resetKey, fitted);
  const [dragging, setDragging] = useState(false);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  // The pointer handlers are attached once; they read the latest image and fit from here.
  const latest = useRef({ resetKey, fitted });
  useLayoutEffect(() => {
    latest.current = { resetKey, fitted };
  }, [resetKey, fitted]);
  const change = useCallback((update: (view: Viewport) => Viewport) => {
    const { resetKey: key, fitted: fit } = latest.current;
    setChosen((c) => chooseView(c, key, fit, update));
  }, []);

  const fit = useCallback(() => setChosen(null), []);
  const zoom = useCallback((factor: number) => change((v) => zoomAt(v, factor, { x: boxWidth / 2, y: boxHeight / 2 })), [change, boxWidth, boxHeight]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const local = (e: { clientX: number; clientY: number }) => {
      const r = element.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const at = local(e);
      change((v) => zoomAt(v, wheelFactor(e.deltaY, e.deltaMode, e.ctrlKey), at));
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      element.setPointerCapture(e.pointerId);
      pointers.current.set(e.pointerId, local(e));
      setDragging(true);
    };
    const onMove = (e: PointerEvent) => {
      const last = pointers.current.get(e.pointerId);
      if (!last) return;
      const now = local(e);
      if (pointers.current.size === 2) {
        const [a, b] = [...pointers.current.entries()].map(([id, p]) => (id === e.pointerId ? now : p));
        const [pa, pb] = [...pointers.current.values()];
        const before = Math.hypot(pa.x - pb.x, pa.y - pb.y) || 1;
        const after = Math.hypot(a.x - b.x, a.y - b.y) || 1;
        change((v) => zoomAt(v, after / before, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }));
      } else {
        change((v) => panBy(v, now.x - last.x, now.y - last.y));
      }
      pointers.current.set(e.pointerId, now);
    };
    const onUp = (e: PointerEvent) => {
      pointers.current.delete(e.pointerId);
      if (pointers.current.size === 0) setDragging(false);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
    };
  }, [box, change]);

  return { view, fit, zoom, dragging };
}
