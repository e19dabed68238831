import { describe, expect, it } from 'vitest';
import { fitCamera, pan, toData, toScreen, zoomAt } from '../../../renderer/src/views/data/map/camera';
import { pointsInLasso } from '../../../renderer/src/views/data/map/lasso';
import { SpatialGrid } from '../../../renderer/src/views/data/map/spatialGrid';

const view = { width: 800, height: 600 };

describe('the embedding map', () => {
  it('screen and data coordinates round-trip, and zoom keeps the point under the pointer', () => {
    const camera = fitCamera(view);
    const [sx, sy] = toScreen(camera, view, 0.3, 0.7);
    expect(toData(camera, view, sx, sy).map((v) => +v.toFixed(9))).toEqual([0.3, 0.7]);
    const zoomed = zoomAt(camera, view, 123, 456, 3);
    expect(toData(zoomed, view, 123, 456).map((v) => +v.toFixed(9))).toEqual(toData(camera, view, 123, 456).map((v) => +v.toFixed(9)));
    const moved = pan(camera, 50, 0);
    expect(toScreen(moved, view, 0.3, 0.7)[0]).toBeCloseTo(sx + 50, 6);
  });

  it('a lasso selects exactly the points inside it', () => {
    const xs = [0.1, 0.5, 0.52, 0.9, 0.5];
    const ys = [0.1, 0.5, 0.48, 0.9, 0.95];
    const triangle: [number, number][] = [[0.4, 0.4], [0.7, 0.4], [0.55, 0.7]];
    expect(pointsInLasso(xs, ys, triangle)).toEqual([1, 2]);
    expect(pointsInLasso(xs, ys, [[0, 0], [1, 1]])).toEqual([]);
  });

  it('hover finds the nearest point within reach and nothing farther', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => (i % 40) / 40);
    const ys = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 40) / 25);
    const grid = new SpatialGrid(xs, ys);
    expect(grid.nearest(0.251, 0.2401, 0.01)).toBe(6 * 40 + 10);
    expect(grid.nearest(0.2625, 0.22, 0.001)).toBe(-1);
  });
});
