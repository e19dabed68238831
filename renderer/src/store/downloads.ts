import type { BackboneListing, DownloadProgress } from '../../../shared/ml/catalog';

/**
 * Where one backbone's download stands in this window. The catalog listing says what is on
 * disk (ready, partial, not downloaded); this says what is moving now, and why the last
 * attempt ended when it failed (offline, checksum mismatch) until the user tries again.
 */
export interface DownloadState {
  stage: 'starting' | 'downloading' | 'cancelling' | 'failed';
  receivedBytes: number;
  totalBytes: number | null;
  resumedFrom: number;
  message: string | null;
}

export type Downloads = Readonly<Record<string, DownloadState>>;

export function downloadStarting(downloads: Downloads, listing: BackboneListing): Downloads {
  const kept = listing.status === 'partial' ? (listing.downloadedBytes ?? 0) : 0;
  return { ...downloads, [listing.card.id]: { stage: 'starting', receivedBytes: kept, totalBytes: listing.bytes, resumedFrom: kept, message: null } };
}

export function applyDownloadProgress(downloads: Downloads, progress: DownloadProgress): Downloads {
  const before = downloads[progress.backboneId];
  return {
    ...downloads,
    [progress.backboneId]: {
      stage: before?.stage === 'cancelling' ? 'cancelling' : 'downloading',
      receivedBytes: progress.receivedBytes,
      totalBytes: progress.totalBytes ?? before?.totalBytes ?? null,
      resumedFrom: progress.resumedFrom,
      message: null,
    },
  };
}

export function downloadCancelling(downloads: Downloads, backboneId: string): Downloads {
  const before = downloads[backboneId];
  return before ? { ...downloads, [backboneId]: { ...before, stage: 'cancelling' } } : downloads;
}

/** The download ended: success and cancel clear it (the listing tells the rest); a failure keeps its message. */
export function applyDownloadFinished(downloads: Downloads, finished: { backboneId: string; ok: boolean; message?: string }, cancelled = false): Downloads {
  const { [finished.backboneId]: before, ...rest } = downloads;
  if (finished.ok || cancelled || before?.stage === 'cancelling') return rest;
  return {
    ...rest,
    [finished.backboneId]: {
      stage: 'failed',
      receivedBytes: before?.receivedBytes ?? 0,
      totalBytes: before?.totalBytes ?? null,
      resumedFrom: before?.resumedFrom ?? 0,
      message: finished.message ?? 'The download failed.',
    },
  };
}

export function downloadFailed(downloads: Downloads, backboneId: string, message: string): Downloads {
  return applyDownloadFinished(downloads, { backboneId, ok: false, message });
}

export function isDownloading(state: DownloadState | undefined): boolean {
  return state !== undefined && state.stage !== 'failed';
}

/** 0..1 for the bar, or null while the size is unknown. */
export function downloadFraction(state: DownloadState): number | null {
  return state.totalBytes ? Math.min(1, state.receivedBytes / state.totalBytes) : null;
}

/** Replaces one listing (after a download or an added local model), keeping the catalog's order. */
export function withListing(listings: readonly BackboneListing[] | null, listing: BackboneListing): BackboneListing[] {
  const list = listings ?? [];
  return list.some((l) => l.card.id === listing.card.id) ? list.map((l) => (l.card.id === listing.card.id ? listing : l)) : [...list, listing];
}

/** What the Download button says for a listing. */
export function downloadAction(listing: BackboneListing): 'Download' | 'Resume download' | 'Download again' | null {
  switch (listing.status) {
    case 'not-downloaded':
      return 'Download';
    case 'partial':
      return 'Resume download';
    case 'missing':
      return listing.source === 'catalog' ? 'Download again' : null;
    default:
      return null;
  }
}
