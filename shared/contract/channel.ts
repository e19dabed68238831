import { z } from 'zod';

/**
 * A request channel: the renderer sends one request object and main answers with one
 * response object. Both sides hold runtime validators; main validates every request
 * before a handler sees it, so handlers only ever receive well-formed input.
 */
export interface RequestChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly request: Req;
  readonly response: Res;
}

/** An event channel: main pushes payloads (progress, changes) to every subscriber. */
export interface EventChannel<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export type Channel = RequestChannel | EventChannel;

export function request<Req extends z.ZodType, Res extends z.ZodType>(
  requestSchema: Req,
  responseSchema: Res,
): RequestChannel<Req, Res> {
  return { kind: 'request', request: requestSchema, response: responseSchema };
}

export function event<P extends z.ZodType>(payload: P): EventChannel<P> {
  return { kind: 'event', payload };
}

/** Why a request failed, in words a user can act on. */
export const errorCodes = [
  'invalid-request',
  'untrusted-sender',
  'unauthorized',
  'no-project',
  'not-found',
  'conflict',
  'locked',
  'io',
  /** The disk is full; the write was rolled back and the message says what was not saved. */
  'disk-full',
  /** Project files are damaged or missing in a way that needs the user's choice (see the hint). */
  'damaged',
  'cancelled',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const studioErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string().optional(),
});

/** The error half of every response: a code for programs, a message and a hint for people. */
export type StudioErrorPayload = z.infer<typeof studioErrorSchema>;

/** Every request resolves to a Result; nothing is thrown across the process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: StudioErrorPayload };

/** Thrown by services and turned into a Result error by the transport wrappers. */
export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }

  toPayload(): StudioErrorPayload {
    return this.hint ? { code: this.code, message: this.message, hint: this.hint } : { code: this.code, message: this.message };
  }
}
