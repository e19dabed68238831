import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useElementSize } from '../../../hooks/useElementSize';
import { useStudio } from '../../../hooks/useStudio';
import { selectClasses } from '../../../store/selectors';
import { pan, toData, zoomAt, fitCamera } from './camera';
import { pointColours, type ColourBy } from './colours';
import { pointsInLasso } from './lasso';
import { MapHover } from './MapHover';
import { MapToolbar } from './MapToolbar';
import { SpatialGrid } from './spatialGrid';
import { pointSizeFor, useMapCanvas } from './useMapCanvas';

type Drag = { kind: 'pan' | 'lasso'; x: number; y: number; moved: boolean; path: [number, number][] };

/**
 * The embedding map: every image a point, coloured by what the user picks. Drag pans, the
 * wheel zooms, hovering shows the thumbnail, a click opens the image; with the lasso (L, or
 * Shift+drag) a selection goes to the gallery or to the front of the labeling queue.
 */
export function EmbeddingMap() {
  const points = useStudio((s) => s.quality.map);
  const method = useStudio((s) => s.quality.status?.mapMethod ?? null);
  const loadMap = useStudio((s) => s.loadMap);
  const openSample = useStudio((s) => s.openSample);
  const classes = useStudio(selectClasses);
  const [by, setBy] = useState<ColourBy>('label');
  const [lasso, setLasso] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [path, setPath] = useState<[number, number][]>([]);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | null>(null);
  const view = useElementSize(frame);
  useEffect(() => {
    void loadMap();
  }, [loadMap]);
  const colours = useMemo(() => (points ? pointColours(points, by, classes.map((c) => c.color), selected) : null), [points, by, classes, selected]);
  const grid = useMemo(() => (points ? new SpatialGrid(points.x, points.y) : null), [points]);
  const { camera, redraw } = useMapCanvas(canvas, points, colours, view);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && ['INPUT', 'SELECT', 'TEXTAREA'].includes(event.target.tagName)) return;
      if (event.key === 'l' || event.key === 'L') setLasso((on) => !on);
      else if (event.key === 'Escape') setSelected(new Set());
      else if (event.key === '0' && camera.current) {
        camera.current = fitCamera(view);
        redraw();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [camera, redraw, view]);

  const local = (event: ReactPointerEvent | WheelEvent): [number, number] => {
    const box = canvas.current!.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const pointAt = (sx: number, sy: number): number => {
    if (!grid || !camera.current) return -1;
    const [x, y] = toData(camera.current, view, sx, sy);
    return grid.nearest(x, y, (pointSizeFor(points!.ids.length) + 3) / camera.current.zoom);
  };

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      if (!camera.current) return;
      const [sx, sy] = local(event);
      camera.current = zoomAt(camera.current, view, sx, sy, Math.exp(-event.deltaY * 0.0015));
      redraw();
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const [sx, sy] = local(event);
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { kind: lasso || event.shiftKey ? 'lasso' : 'pan', x: sx, y: sy, moved: false, path: [[sx, sy]] };
    setHover(null);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const [sx, sy] = local(event);
    const d = drag.current;
    if (!d) {
      const index = pointAt(sx, sy);
      setHover(index >= 0 ? { index, x: sx, y: sy } : null);
      return;
    }
    if (Math.abs(sx - d.x) + Math.abs(sy - d.y) > 3) d.moved = true;
    if (d.kind === 'pan' && camera.current) {
      camera.current = pan(camera.current, sx - d.x, sy - d.y);
      d.x = sx;
      d.y = sy;
      redraw();
    } else if (d.kind === 'lasso') {
      d.path.push([sx, sy]);
      setPath([...d.path]);
    }
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    setPath([]);
    if (!d || !points || !camera.current) return;
    if (!d.moved) {
      const [sx, sy] = local(event);
      const index = pointAt(sx, sy);
      if (index >= 0) openSample(points.ids[index]);
      return;
    }
    if (d.kind === 'lasso') {
      const polygon = d.path.map(([sx, sy]) => toData(camera.current!, view, sx, sy));
      setSelected(new Set(pointsInLasso(points.x, points.y, polygon)));
    }
  };

  const selectedIds = points ? [...selected].map((i) => points.ids[i]) : [];
  return (
    <section className="panel map-panel" aria-labelledby="map-heading">
      <MapToolbar by={by} setBy={setBy} lasso={lasso} setLasso={setLasso} selectedIds={selectedIds} clear={() => setSelected(new Set())} points={points} method={method} />
      <div className="map-frame" ref={frame}>
        {!points && <p className="muted map-empty">The map appears after the first training run: PCA at once, then UMAP in the background.</p>}
        <canvas
          ref={canvas}
          className={`map-canvas${lasso ? ' lasso' : ''}`}
          aria-label={`Embedding map of ${points?.ids.length ?? 0} images`}
          data-selected={selected.size}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
        />
        {path.length > 1 && (
          <svg className="map-lasso" width={view.width} height={view.height} aria-hidden="true">
            <polygon points={path.map((p) => p.join(',')).join(' ')} />
          </svg>
        )}
        {hover && points && <MapHover points={points} index={hover.index} x={hover.x} y={hover.y} classes={classes} />}
      </div>
    </section>
  );
}
