import { describe, expect, it } from 'vitest';
import { chooseView, fitViewport, maxScale, panBy, viewShown, wantsOriginal, wheelFactor, zoomAt } from '../../../renderer/src/views/labeling/viewport';

describe('zoom and pan of the labeling image', () => {
  it('fits a wide image to the box width and centres it', () => {
    const v = fitViewport({ width: 1032, height: 832 }, { width: 2000, height: 1000 });
    expect(v.scale).toBeCloseTo(0.5);
    expect(v.x).toBeCloseTo(16);
    expect(v.y).toBeCloseTo((832 - 500) / 2);
  });

  it('enlarges a tiny image (28×28) to fill the view', () => {
    expect(fitViewport({ width: 600, height: 600 }, { width: 28, height: 28 }).scale).toBeGreaterThan(19);
  });

  it('keeps the point under the cursor still while zooming', () => {
    const before = { scale: 1, x: 10, y: 20 };
    const cursor = { x: 300, y: 200 };
    const imagePoint = { x: (cursor.x - before.x) / before.scale, y: (cursor.y - before.y) / before.scale };
    const after = zoomAt(before, 2.5, cursor);
    expect(after.x + imagePoint.x * after.scale).toBeCloseTo(cursor.x);
    expect(after.y + imagePoint.y * after.scale).toBeCloseTo(cursor.y);
  });

  it('stops at the maximum zoom', () => {
    expect(zoomAt({ scale: maxScale, x: 0, y: 0 }, 2, { x: 0, y: 0 }).scale).toBe(maxScale);
  });

  it('pans by the drag distance', () => {
    expect(panBy({ scale: 2, x: 1, y: 1 }, 5, -3)).toEqual({ scale: 2, x: 6, y: -2 });
  });

  it('scrolling up zooms in, down zooms out; a pinch is more sensitive', () => {
    expect(wheelFactor(-100, 0, false)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0, false)).toBeLessThan(1);
    expect(wheelFactor(-10, 0, true)).toBeGreaterThan(wheelFactor(-10, 0, false));
  });

  it('loads the original only when the image is shown larger than its preview', () => {
    const big = { width: 4000, height: 3000 };
    expect(wantsOriginal({ scale: 0.2, x: 0, y: 0 }, big, 1024)).toBe(false);
    expect(wantsOriginal({ scale: 0.5, x: 0, y: 0 }, big, 1024)).toBe(true);
    expect(wantsOriginal({ scale: 20, x: 0, y: 0 }, { width: 28, height: 28 }, 1024)).toBe(false);
  });

  it('a new image comes up fitted, while a zoom stays with the image it was made on', () => {
    const fitted = { scale: 0.5, x: 16, y: 40 };
    const zoomed = chooseView(null, 'a', fitted, (v) => zoomAt(v, 2, { x: 0, y: 0 }));
    expect(viewShown(zoomed, 'a', fitted).scale).toBeCloseTo(1);
    expect(viewShown(zoomed, 'b', fitted)).toBe(fitted); // the next image: fitted again
    expect(viewShown(null, 'a', fitted)).toBe(fitted); // double-click: fitted again
  });

  it('pans add up on the view on screen, and a pan of a new image starts from its fit', () => {
    const fitted = { scale: 1, x: 0, y: 0 };
    const once = chooseView(null, 'a', fitted, (v) => panBy(v, 5, 5));
    const twice = chooseView(once, 'a', fitted, (v) => panBy(v, 5, 0));
    expect(viewShown(twice, 'a', fitted)).toEqual({ scale: 1, x: 10, y: 5 });
    expect(viewShown(chooseView(twice, 'b', fitted, (v) => panBy(v, 1, 1)), 'b', fitted)).toEqual({ scale: 1, x: 1, y: 1 });
  });
});
