import { z } from 'zod';
import { BUILTIN_MOBILENET_ID } from './builtinNetworks';

/** What a look at a project's images found: sampled sizes and how many looked grayscale. */
export const imageLookSchema = z.object({
  sampled: z.number().int().nonnegative(),
  medianWidth: z.number().int().nonnegative(),
  medianHeight: z.number().int().nonnegative(),
  grayscale: z.number().int().nonnegative(),
});
export type ImageLook = z.infer<typeof imageLookSchema>;

/**
 * The backbone the studio proposes for a project's images, and why in a sentence. The loop
 * follows it until the user picks a backbone of their own.
 */
export const backboneProposalSchema = z.object({
  backboneId: z.string(),
  reason: z.string(),
  look: imageLookSchema,
});
export type BackboneProposal = z.infer<typeof backboneProposalSchema>;

/** Below this side (px) grayscale images are small enough for raw pixels to do well. */
export const SMALL_SIDE = 64;
/** The share of sampled images that must be grayscale to call the data grayscale. */
const GRAY_SHARE = 0.9;

/**
 * Small grayscale images (digits, Fashion-MNIST) → pixels at their own size and one
 * channel: the network's 224×224 colour view adds cost, not much sight. Anything else →
 * the built-in pretrained MobileNetV2, whose features see shapes and textures raw pixels
 * miss. Null when there is nothing to look at.
 */
export function proposeBackbone(look: ImageLook): BackboneProposal | null {
  if (look.sampled === 0) return null;
  const { medianWidth: w, medianHeight: h, sampled, grayscale } = look;
  const gray = grayscale >= GRAY_SHARE * sampled;
  const size = `median ${w}×${h} px over ${sampled} sampled image${sampled === 1 ? '' : 's'}`;
  if (gray && Math.max(w, h) < SMALL_SIDE) {
    return {
      backboneId: `pixels-${w}x${h}-gray`,
      reason: `The images are small and grayscale (${size}): raw pixels at their own size work well here and need no network.`,
      look,
    };
  }
  const why = gray ? `larger than ${SMALL_SIDE} px` : `in colour (${sampled - grayscale} of ${sampled} sampled)`;
  return {
    backboneId: BUILTIN_MOBILENET_ID,
    reason: `The images are ${why}, ${size}: the built-in pretrained MobileNetV2 sees shapes and textures that raw pixels miss.`,
    look,
  };
}
