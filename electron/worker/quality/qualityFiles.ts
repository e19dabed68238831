import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { embeddingMapSchema, qualityReportSchema, type EmbeddingMap, type QualityReport } from '../../../shared/ml/quality';
import { writeFileDurably } from '../../services/storage/durableWrite';

/**
 * Where the data checks live in a project folder: one report per run
 * (`quality/<runId>/report.json`) and one embedding map per backbone
 * (`quality/map-<backboneId>.json`). Both are written durably by the worker and read (and
 * validated) by the host; a missing or damaged file reads as null.
 */
export const qualityPaths = {
  report: (projectDir: string, runId: string) => join(projectDir, 'quality', runId, 'report.json'),
  map: (projectDir: string, backboneId: string) => join(projectDir, 'quality', `map-${backboneId}.json`),
};

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileDurably(path, JSON.stringify(value));
}

export async function readQualityReport(projectDir: string, runId: string): Promise<QualityReport | null> {
  return readChecked(qualityPaths.report(projectDir, runId), (json) => qualityReportSchema.parse(json));
}

export async function readEmbeddingMap(projectDir: string, backboneId: string): Promise<EmbeddingMap | null> {
  return readChecked(qualityPaths.map(projectDir, backboneId), (json) => embeddingMapSchema.parse(json));
}

async function readChecked<T>(path: string, parse: (json: unknown) => T): Promise<T | null> {
  try {
    return parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}
