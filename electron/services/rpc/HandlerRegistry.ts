import type { z } from 'zod';
import { errnoOf, failedWrite } from '../storage/storageErrors';
import { contract, isRequestName, StudioError, type RequestName, type Result, type ResponseOf, type ValidRequestOf } from '../../../shared/contract';
import type { ClientSession } from './clientSession';

/** Who is asking: the transports fill this in after their own checks (sender, token). */
export interface RequestContext {
  transport: 'ipc' | 'bridge' | 'cli' | 'test';
  /** The annotator this client says it is, when the transport knows one. */
  annotator?: string;
  /** The connected client (a browser tab), when the transport has one: its leases end with it. */
  client?: ClientSession;
}

export type Handler<K extends RequestName> = (
  request: ValidRequestOf<K>,
  context: RequestContext,
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/**
 * The one place requests are validated and dispatched. Electron IPC and the browser bridge
 * both call `dispatch` with an `unknown` payload; a handler only ever sees a request that
 * passed its channel's validator. Feature modules add handlers with `handle`; a channel can
 * have one handler only.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<RequestName, Handler<RequestName>>();

  constructor(private readonly log: (message: string, error?: unknown) => void = defaultLog) {}

  handle<K extends RequestName>(channel: K, handler: Handler<K>): void {
    if (this.handlers.has(channel)) throw new Error(`A handler for ${channel} is already registered.`);
    this.handlers.set(channel, handler as unknown as Handler<RequestName>);
  }

  has(channel: RequestName): boolean {
    return this.handlers.has(channel);
  }

  async dispatch(channel: unknown, payload: unknown, context: RequestContext): Promise<Result<unknown>> {
    if (!isRequestName(channel)) {
      return failure('invalid-request', `There is no request channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    }
    const handler = this.handlers.get(channel);
    if (!handler) return failure('unsupported', `${channel} is not available in this mode.`);
    const parsed = (contract[channel].request as z.ZodType).safeParse(payload ?? {});
    if (!parsed.success) {
      return failure('invalid-request', `Invalid ${channel} request: ${describeIssues(parsed.error)}`);
    }
    try {
      const value = await handler(parsed.data as never, context);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof StudioError) return { ok: false, error: error.toPayload() };
      // A write path that did not say what it lost still names the cause, never `internal`.
      if (errnoOf(error)) return { ok: false, error: failedWrite(error, { notSaved: `${channel} did not finish.` }).toPayload() };
      this.log(`${channel} failed`, error);
      return failure('internal', `Something went wrong in ${channel}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

function failure(code: StudioError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`)
    .join('; ');
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[studio] ${message}`, error);
}
