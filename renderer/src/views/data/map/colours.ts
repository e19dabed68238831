import type { MapPoints } from '../../../../../shared/contract/quality';

export type ColourBy = 'label' | 'prediction' | 'confidence' | 'split' | 'suspected';

const grey: [number, number, number] = [150, 150, 150];
const splitColours: [number, number, number][] = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
];

function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * One RGBA colour per point (4 bytes each) for what the map is coloured by: the class colour
 * of the label or prediction (grey: none), confidence from red (low) to green (high), split,
 * or the data checks (red: suspected label error, orange: outlier, purple: duplicate).
 * `selected`, when given, dims every other point so the lasso's catch stands out.
 */
export function pointColours(points: MapPoints, by: ColourBy, classColours: readonly string[], selected?: ReadonlySet<number>): Uint8Array {
  const palette = classColours.map(hex);
  const out = new Uint8Array(points.ids.length * 4);
  for (let i = 0; i < points.ids.length; i++) {
    let rgb: [number, number, number];
    if (by === 'label' || by === 'prediction') {
      const c = by === 'label' ? points.label[i] : points.predicted[i];
      rgb = c >= 0 ? (palette[c] ?? grey) : grey;
    } else if (by === 'confidence') {
      const p = points.confidence[i];
      rgb = p < 0 ? grey : [Math.round(220 * (1 - p) + 40 * p), Math.round(60 * (1 - p) + 170 * p), 70];
    } else if (by === 'split') {
      rgb = splitColours[points.split[i]] ?? grey;
    } else {
      const f = points.flags[i];
      rgb = f & 1 ? [214, 39, 40] : f & 2 ? [255, 127, 14] : f & 4 ? [148, 103, 189] : [190, 190, 190];
    }
    const dim = selected && selected.size > 0 && !selected.has(i);
    out.set([rgb[0], rgb[1], rgb[2], dim ? 40 : 230], i * 4);
  }
  return out;
}
