import { z } from 'zod';
import { studioErrorSchema } from './channel';

/**
 * Messages of the browser-mode bridge (one WebSocket per tab). The bridge carries exactly
 * the contract: a request names a request channel; the server answers with the same id.
 */
export const bridgeClientMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});
export type BridgeClientMessage = z.infer<typeof bridgeClientMessageSchema>;

export const bridgeServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('response'),
    id: z.number(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: studioErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/**
 * Where the bridge WebSocket listens, relative to the page: a studio serves everything under
 * its session's own path, so the renderer resolves this (and `image/…`, `upload/…`) against
 * its location.
 */
export const bridgePath = 'bridge';
export const imageVariants = ['thumb', 'preview', 'original'] as const;
export type ImageVariant = (typeof imageVariants)[number];

/** The longest side of a preview image: the UI switches to the original when zoomed past it. */
export const previewLongSide = 1600;
