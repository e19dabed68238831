import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/contract/channel';
import type { SimulationReport } from '../simulation/types';
import { learningCurveSvg, type PlotOptions } from './learningCurve';

/** Renders an SVG string to PNG with sharp (librsvg). librsvg maps 72 DPI to one pixel per SVG unit, so the default 144 gives a 2× image that stays sharp on high-DPI screens. */
export async function svgToPng(svg: string, density = 144): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density }).png().toBuffer();
}

/**
 * Writes the learning-curve chart: `PATH.svg` or `PATH.png` as named, or both when PATH
 * has no extension. Returns the files written.
 */
export async function writeLearningCurve(report: SimulationReport, path: string, options: PlotOptions = {}): Promise<string[]> {
  const extension = extname(path).toLowerCase();
  if (extension && extension !== '.svg' && extension !== '.png') {
    throw new StudioError('invalid-request', `Cannot write a plot as "${extension}".`, 'Name the plot file .svg or .png, or give a name without extension to get both.');
  }
  await mkdir(dirname(path), { recursive: true });
  const svg = learningCurveSvg(report, options);
  const written: string[] = [];
  if (extension !== '.png') {
    const target = extension ? path : `${path}.svg`;
    await writeFile(target, svg);
    written.push(target);
  }
  if (extension !== '.svg') {
    const target = extension ? path : `${path}.png`;
    await writeFile(target, await svgToPng(svg));
    written.push(target);
  }
  return written;
}
