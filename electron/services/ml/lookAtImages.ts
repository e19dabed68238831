import sharp from 'sharp';
import type { Sample } from '../../../shared/domain/records';
import type { ImageLook } from '../../../shared/ml/backboneProposal';

/** Channels may differ by this much (of 255) in a picture that is still gray. */
const GRAY_TOLERANCE = 6;

/**
 * A cheap look at a project's images: up to `limit` samples spread evenly over the
 * project, their sizes from the sample records and their colour from a 24×24 thumbnail
 * decoded by sharp (JPEG shrink-on-load keeps big photos cheap). An RGB file whose
 * channels agree everywhere counts as grayscale: scans and converted data sets often are.
 * An image sharp cannot read is left out.
 */
export async function lookAtImages(samples: readonly Sample[], limit = 48): Promise<ImageLook> {
  const step = Math.max(1, samples.length / limit);
  const picked: Sample[] = [];
  for (let at = 0; Math.floor(at) < samples.length && picked.length < limit; at += step) picked.push(samples[Math.floor(at)]);
  const gray = await Promise.all(picked.map((s) => isGrayscale(s.path).catch(() => null)));
  const seen = picked.filter((_, i) => gray[i] !== null);
  return {
    sampled: seen.length,
    medianWidth: median(seen.map((s) => s.width)),
    medianHeight: median(seen.map((s) => s.height)),
    grayscale: gray.filter((g) => g === true).length,
  };
}

async function isGrayscale(path: string): Promise<boolean> {
  const { data, info } = await sharp(path, { failOn: 'error' }).resize(24, 24, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return true;
  for (let p = 0; p < data.length; p += info.channels) {
    const [r, g, b] = [data[p], data[p + 1], data[p + 2]];
    if (Math.abs(r - g) > GRAY_TOLERANCE || Math.abs(g - b) > GRAY_TOLERANCE || Math.abs(r - b) > GRAY_TOLERANCE) return false;
  }
  return true;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
