import type { CliCommand } from '../command';
import { simulateCommand } from './simulate';
import { datasetsCommand } from './datasets';
import { createCommand } from './create';
import { labelCommand } from './label';
import { statusCommand } from './status';
import { samplesCommand } from './samples';
import { serveCommand } from './serve';
import { importCommand } from './import';
import { demoCommand } from './demo';
import { backbonesCommand } from './backbones';
import { embedCommand } from './embed';
import { trainCommand } from './train';
import { predictPoolCommand } from './predict-pool';
import { modelsCommand } from './models';
import { queryCommand } from './query';
import { undoCommand } from './undo';
import { agreementCommand } from './agreement';
import { teamCommand } from './team';
import { reviewCommand } from './review';
import { labelsCommand } from './labels';
import { bundleCommand } from './bundle';
import { unbundleCommand } from './unbundle';
import { evaluateCommand } from './evaluate';
import { qualityCommand } from './quality';
import { repairCommand } from './repair';

/** Every CLI command, one file each. Add a command: a new file here plus one line below. */
export const commands: CliCommand<any>[] = [
  createCommand,
  labelCommand,
  statusCommand,
  samplesCommand,
  serveCommand,
  importCommand,
  demoCommand,
  simulateCommand,
  datasetsCommand,
  backbonesCommand,
  embedCommand,
  trainCommand,
  predictPoolCommand,
  modelsCommand,
  queryCommand,
  undoCommand,
  agreementCommand,
  teamCommand,
  reviewCommand,
  labelsCommand,
  bundleCommand,
  unbundleCommand,
  evaluateCommand,
  qualityCommand,
  repairCommand,
];
