import { fitCamera, pan } from '../renderer/src/views/data/map/camera';
import { createPointsRenderer } from '../renderer/src/views/data/map/pointsRenderer';

// Bundled by bench/embeddingMap.ts into the benchmark page: the map's own renderer, panned
// for a while, one redraw per animation frame, as a drag does in the app.

declare global {
  interface Window {
    panFrames(count: number, ms: number, prefer: 'webgl' | 'canvas'): Promise<{ kind: string; frames: number; ms: number }>;
  }
}

window.panFrames = async (count, ms, prefer) => {
  const canvas = document.createElement('canvas');
  canvas.width = 1200;
  canvas.height = 800;
  canvas.style.width = '1200px';
  canvas.style.height = '800px';
  document.body.replaceChildren(canvas);
  const view = { width: 1200, height: 800 };
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const xs = Array.from({ length: count }, () => random());
  const ys = Array.from({ length: count }, () => random());
  const rgba = new Uint8Array(count * 4).map((_, i) => (i % 4 === 3 ? 230 : Math.floor(random() * 255)));
  const renderer = createPointsRenderer(canvas, prefer);
  renderer.setPoints(xs, ys, rgba);
  let camera = fitCamera(view);
  const started = performance.now();
  let frames = 0;
  await new Promise<void>((resolve) => {
    const step = () => {
      camera = pan(camera, 3, Math.sin(frames / 10) * 2);
      renderer.draw(camera, view, 3);
      frames += 1;
      if (performance.now() - started < ms) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  return { kind: renderer.kind, frames, ms: performance.now() - started };
};
