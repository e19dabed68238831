import type { RejectReason } from '../../../shared/contract/imports';

/** Why one file was not imported: thrown inside the per-file pipeline, caught and reported. */
export class ImportRejection extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ImportRejection';
  }
}

export interface Rejected {
  path: string;
  reason: RejectReason;
  detail: string;
}
