import type { SimulationReport } from '../simulation/types';
import { summarizeCurves } from './curveSummary';
import { linearScale, snap } from './scale';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const palette = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#D55E00', '#CC79A7', '#0072B2', '#F0E442'];

export interface PlotOptions {
  title?: string;
  /** Extra line under the title, e.g. the settings of the run. */
  subtitle?: string;
  width?: number;
  height?: number;
}

/**
 * The learning-curve chart as a self-contained SVG string: test accuracy against labels used,
 * one line per strategy (mean over seeds) with a shaded min–max band, and the target as a
 * dashed horizontal line. Fonts are generic families so any SVG renderer (and sharp) draws it.
 */
export function learningCurveSvg(report: SimulationReport, options: PlotOptions = {}): string {
  const width = options.width ?? 900;
  const height = options.height ?? 540;
  const margin = { left: 72, right: 230, top: options.subtitle ? 74 : 56, bottom: 62 };
  const series = summarizeCurves(report).filter((s) => s.points.length > 0);
  const all = series.flatMap((s) => s.points);
  const labels = all.map((p) => p.labels);
  const lows = [...all.map((p) => p.min), report.target];
  const highs = [...all.map((p) => p.max), report.target];
  const x = linearScale([labels.length ? Math.min(...labels) : 0, labels.length ? Math.max(...labels) : 1], [margin.left, width - margin.right]);
  const y = linearScale([snap(Math.min(...lows), 0.05, 'down'), snap(Math.max(...highs), 0.05, 'up')], [height - margin.bottom, margin.top]);
  const plotBottom = height - margin.bottom;
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="20" font-weight="bold">${escapeXml(options.title ?? 'Learning curves')}</text>`);
  if (options.subtitle) parts.push(`<text x="${width / 2}" y="52" text-anchor="middle" font-size="13" fill="#444">${escapeXml(options.subtitle)}</text>`);
  for (const t of y.ticks) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${f(y(t) + 4)}" text-anchor="end" font-size="12">${Math.round(t * 100)}%</text>`);
  }
  for (const t of x.ticks) {
    parts.push(`<line x1="${f(x(t))}" x2="${f(x(t))}" y1="${plotBottom}" y2="${plotBottom + 5}" stroke="#333"/>`);
    parts.push(`<text x="${f(x(t))}" y="${plotBottom + 20}" text-anchor="middle" font-size="12">${t.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${plotBottom}" y2="${plotBottom}" stroke="#333"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${plotBottom}" stroke="#333"/>`);
  parts.push(`<text x="${(margin.left + width - margin.right) / 2}" y="${height - 16}" text-anchor="middle" font-size="14">labels used</text>`);
  parts.push(`<text transform="translate(20 ${(margin.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle" font-size="14">${report.evaluatedOn === 'tuning' ? 'tuning-carve' : 'test'} accuracy</text>`);
  parts.push(`<line class="target" x1="${margin.left}" x2="${width - margin.right}" y1="${f(y(report.target))}" y2="${f(y(report.target))}" stroke="#555" stroke-width="1.5" stroke-dasharray="7 5"/>`);
  // Labelled at the left end: curves start low there, so the text stays clear of them.
  parts.push(`<text x="${margin.left + 6}" y="${f(y(report.target) - 6)}" font-size="12" fill="#555">target ${Math.round(report.target * 1000) / 10}%</text>`);
  series.forEach((s, i) => {
    const color = palette[i % palette.length];
    const upper = s.points.map((p) => `${f(x(p.labels))},${f(y(p.max))}`);
    const lower = s.points.map((p) => `${f(x(p.labels))},${f(y(p.min))}`).reverse();
    parts.push(`<path class="band" d="M${[...upper, ...lower].join('L')}Z" fill="${color}" fill-opacity="0.13" stroke="none"/>`);
    parts.push(`<path class="curve" data-strategy="${escapeXml(s.strategy)}" d="M${s.points.map((p) => `${f(x(p.labels))},${f(y(p.mean))}`).join('L')}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    const ly = margin.top + 10 + i * 40;
    const lx = width - margin.right + 20;
    parts.push(`<line x1="${lx}" x2="${lx + 26}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 34}" y="${ly + 5}" font-size="14">${escapeXml(s.strategy)}</text>`);
    const reached = s.labelsToTarget === null ? 'target not reached' : `${s.labelsToTarget.toLocaleString('en-US')} labels to target`;
    parts.push(`<text x="${lx + 34}" y="${ly + 22}" font-size="11" fill="#555">${reached}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}

function f(value: number): string {
  return value.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
