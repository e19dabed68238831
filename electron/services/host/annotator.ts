import type { RequestContext } from '../rpc/HandlerRegistry';
import type { StudioHost } from './StudioHost';

/** Who made a decision: the request says, else the transport knows, else the user setting. */
export function annotatorFor(host: StudioHost, context: RequestContext, requested?: string): string {
  return requested ?? context.annotator ?? host.settings.data.annotator;
}
