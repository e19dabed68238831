import type { RejectReason } from '../../../../shared/contract/imports';

/** Why a file was left out, as the import report says it. */
export const rejectReasonText: Record<RejectReason, string> = {
  corrupt: 'corrupt image',
  truncated: 'file is cut short (truncated)',
  'too-many-pixels': 'too many pixels',
  'too-large': 'file too large',
  'not-an-image': 'not an image',
  'unsupported-format': 'unsupported image format',
  unreadable: 'could not be read',
  'outside-folder': 'link pointing outside the folder',
};
