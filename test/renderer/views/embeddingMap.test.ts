import { describe, expect, it } from 'vitest';
import { fitCamera, pan, toData, toScreen, zoomAt } from '../../../renderer/src/views/data/map/camera';
import { pointsInLasso } from '../../../renderer/src/views/data/map/lasso';
import { SpatialGrid } from '../../../renderer/src/views/data/map/spatialGrid';
import { pointColours } from '../../../renderer/src/views/data/map/colours';
import type { MapPoints } from '../../../shared/contract/quality';

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

  it('colours points by label, prediction, confidence, split or data check, grey where there is nothing to show', () => {
    const points: MapPoints = {
      method: 'umap',
      backboneId: 'b',
      classIds: ['cat', 'dog'],
      ids: ['a', 'b', 'c'],
      x: [0, 0.5, 1],
      y: [0, 0.5, 1],
      label: [0, 1, -1],
      predicted: [1, 1, 0],
      confidence: [0.05, 0.95, -1],
      split: [0, 1, 2],
      flags: [1, 2, 0],
    };
    const rgb = (bytes: Uint8Array, i: number) => [...bytes.subarray(i * 4, i * 4 + 3)];
    const palette = ['#ff0000', '#0000ff'];
    const byLabel = pointColours(points, 'label', palette);
    expect([rgb(byLabel, 0), rgb(byLabel, 1), rgb(byLabel, 2)]).toEqual([[255, 0, 0], [0, 0, 255], [150, 150, 150]]);
    expect(rgb(pointColours(points, 'prediction', palette), 0)).toEqual([0, 0, 255]);
    const byConfidence = pointColours(points, 'confidence', palette);
    expect(byConfidence[0]).toBeGreaterThan(byConfidence[1]); // unsure: red
    expect(byConfidence[4 + 1]).toBeGreaterThan(byConfidence[4]); // sure: green
    expect(rgb(byConfidence, 2)).toEqual([150, 150, 150]);
    const bySplit = pointColours(points, 'split', palette);
    expect(new Set([0, 1, 2].map((i) => rgb(bySplit, i).join())).size).toBe(3);
    const byCheck = pointColours(points, 'suspected', palette);
    expect([rgb(byCheck, 0), rgb(byCheck, 1)]).toEqual([[214, 39, 40], [255, 127, 14]]);
    // A lasso's catch stands out: the others are dimmed.
    const selected = pointColours(points, 'label', palette, new Set([1]));
    expect(selected[3 + 4]).toBeGreaterThan(selected[3]);
  });
});
