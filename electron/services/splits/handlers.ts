import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { splitReport } from './splitReport';

export function registerSplitHandlers(registry: HandlerRegistry, host: StudioHost): void {
  registry.handle('splits:report', () => splitReport(host.requireProject()));
}
