/**
 * The demo's four classes, drawn as SVG: one shape on a textured background. Colour, size,
 * position and rotation vary, but only as much as the offline `pixels` backbone can learn
 * through: shapes sit near the centre, dark on a light background, turned a little. (With
 * free position and rotation, raw pixels stay at chance and the demo would teach nothing.)
 */
export const shapeClasses = ['circle', 'square', 'triangle', 'star'] as const;
export type ShapeClass = (typeof shapeClasses)[number];

export const demoImageSide = 128;

export interface ShapeScene {
  shape: ShapeClass;
  hue: number;
  saturation: number;
  lightness: number;
  radius: number;
  cx: number;
  cy: number;
  rotation: number;
  backgroundHue: number;
  noiseSeed: number;
  noiseOpacity: number;
  clutter: { x1: number; y1: number; x2: number; y2: number; hue: number }[];
}

export function randomScene(shape: ShapeClass, random: () => number): ShapeScene {
  const radius = 32 + random() * 12;
  const jitter = (amount: number) => (random() * 2 - 1) * amount;
  const clutter = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
    x1: random() * demoImageSide,
    y1: random() * demoImageSide,
    x2: random() * demoImageSide,
    y2: random() * demoImageSide,
    hue: random() * 360,
  }));
  return {
    shape,
    hue: random() * 360,
    saturation: 55 + random() * 30,
    lightness: 26 + random() * 14,
    radius,
    cx: demoImageSide / 2 + jitter(8),
    cy: demoImageSide / 2 + jitter(8),
    rotation: jitter(12),
    backgroundHue: random() * 360,
    noiseSeed: Math.floor(random() * 10_000),
    noiseOpacity: 0.08 + random() * 0.12,
    clutter,
  };
}

function shapeElement(s: ShapeScene): string {
  const fill = `hsl(${s.hue.toFixed(1)},${s.saturation.toFixed(1)}%,${s.lightness.toFixed(1)}%)`;
  const points = (corners: number, inner: number | null): string => {
    const out: string[] = [];
    const steps = inner === null ? corners : corners * 2;
    for (let i = 0; i < steps; i++) {
      const r = inner !== null && i % 2 === 1 ? s.radius * inner : s.radius;
      const angle = (Math.PI * 2 * i) / steps - Math.PI / 2;
      out.push(`${(r * Math.cos(angle)).toFixed(2)},${(r * Math.sin(angle)).toFixed(2)}`);
    }
    return out.join(' ');
  };
  const body =
    s.shape === 'circle'
      ? `<circle r="${s.radius.toFixed(2)}"/>`
      : s.shape === 'square'
        ? `<rect x="${(-s.radius * 0.8).toFixed(2)}" y="${(-s.radius * 0.8).toFixed(2)}" width="${(s.radius * 1.6).toFixed(2)}" height="${(s.radius * 1.6).toFixed(2)}"/>`
        : `<polygon points="${s.shape === 'triangle' ? points(3, null) : points(5, 0.45)}"/>`;
  return `<g transform="translate(${s.cx.toFixed(2)} ${s.cy.toFixed(2)}) rotate(${s.rotation.toFixed(1)})" fill="${fill}" stroke="rgba(0,0,0,0.35)" stroke-width="1.5">${body}</g>`;
}

export function sceneSvg(s: ShapeScene): string {
  const side = demoImageSide;
  const lines = s.clutter
    .map((l) => `<line x1="${l.x1.toFixed(1)}" y1="${l.y1.toFixed(1)}" x2="${l.x2.toFixed(1)}" y2="${l.y2.toFixed(1)}" stroke="hsl(${l.hue.toFixed(0)},40%,60%)" stroke-width="1" opacity="0.45"/>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}">`,
    `<filter id="grain"><feTurbulence type="fractalNoise" baseFrequency="0.08" numOctaves="2" seed="${s.noiseSeed}"/><feColorMatrix type="saturate" values="0"/></filter>`,
    `<rect width="${side}" height="${side}" fill="hsl(${s.backgroundHue.toFixed(0)},30%,88%)"/>`,
    `<rect width="${side}" height="${side}" filter="url(#grain)" opacity="${s.noiseOpacity.toFixed(2)}"/>`,
    lines,
    shapeElement(s),
    `</svg>`,
  ].join('');
}
