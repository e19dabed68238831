import { StudioError } from '../../../shared/contract/channel';
import type { RequestContext } from '../rpc/HandlerRegistry';
import type { StudioHost } from './StudioHost';

/**
 * Who made a decision: the request says, else the transport knows. A browser tab must say:
 * several people label through one studio, so the studio's own user (the OS account it runs
 * under) is nobody's name there. The desktop app, the CLI and tests fall back to the user
 * setting, which defaults to the OS user.
 */
export function annotatorFor(host: StudioHost, context: RequestContext, requested?: string): string {
  const named = requested ?? context.annotator;
  if (named) return named;
  if (context.transport === 'bridge') {
    throw new StudioError('invalid-request', 'This request does not say who is labeling.', 'Enter your name when the studio asks for it: every decision records who made it.');
  }
  return host.settings.data.annotator;
}
