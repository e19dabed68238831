import type { BackboneListing } from '../../../../shared/ml/catalog';
import { useStudio } from '../../hooks/useStudio';
import { downloadAction, downloadFraction, isDownloading, type DownloadState } from '../../store/downloads';
import { megabytes } from '../../store/trainingJob';
import { ProgressBar } from '../common/ProgressBar';

const statusText: Record<BackboneListing['status'], string> = {
  ready: 'ready',
  'not-downloaded': 'not downloaded',
  partial: 'partly downloaded',
  missing: 'missing',
};

interface BackboneRowProps {
  listing: BackboneListing;
  chosen: boolean;
  download: DownloadState | undefined;
  onChoose(): void;
}

/** One backbone: choose it, see where it comes from and how it is checked, download it. */
export function BackboneRow({ listing, chosen, download, onChoose }: BackboneRowProps) {
  const start = useStudio((s) => s.downloadBackbone);
  const cancel = useStudio((s) => s.cancelDownload);
  const { card } = listing;
  const action = downloadAction(listing);
  const moving = isDownloading(download);
  const size = listing.source === 'built-in' ? 'built in' : listing.bytes ? megabytes(listing.bytes) : 'size unknown';
  return (
    <li className={chosen ? 'backbone chosen' : 'backbone'}>
      <label className="backbone-choose">
        <input type="radio" name="backbone" checked={chosen} disabled={listing.status === 'missing'} onChange={onChoose} />
        <span className="backbone-name">{card.name}</span>
        <span className={`badge status-${listing.status}`}>{statusText[listing.status]}</span>
      </label>
      <p className="backbone-facts faint">
        <span>{size}</span>
        <span>
          {card.input.width}×{card.input.height} {card.input.channels === 1 ? 'gray' : 'RGB'} → {card.embeddingSize.toLocaleString('en-US')}-d
        </span>
        {listing.licence && <span>licence {listing.licence}</span>}
        {listing.integrityText && <span>{listing.integrityText}</span>}
      </p>
      {listing.description && <p className="backbone-description muted">{listing.description}</p>}
      {listing.status === 'partial' && !moving && listing.downloadedBytes !== null && (
        <p className="faint">
          {megabytes(listing.downloadedBytes)} of {listing.bytes ? megabytes(listing.bytes) : '?'} kept from an earlier download.
        </p>
      )}
      {listing.status === 'missing' && listing.path && <p className="error-text">The file is gone: {listing.path}</p>}
      {moving && download && (
        <div className="backbone-download">
          <ProgressBar label={`Downloading ${card.name}`} fraction={downloadFraction(download)} />
          <span className="faint">
            {download.stage === 'cancelling'
              ? 'Cancelling… what arrived is kept for later.'
              : `${megabytes(download.receivedBytes)}${download.totalBytes ? ` of ${megabytes(download.totalBytes)}` : ''}${download.resumedFrom ? ` (resumed at ${megabytes(download.resumedFrom)})` : ''}`}
          </span>
          <button type="button" className="small" disabled={download.stage === 'cancelling'} onClick={() => void cancel(card.id)}>
            Cancel
          </button>
        </div>
      )}
      {download?.stage === 'failed' && (
        <p className="error-text" role="alert">
          {download.message}
        </p>
      )}
      {action && !moving && (
        <button type="button" className="small" onClick={() => void start(card.id)}>
          {download?.stage === 'failed' ? 'Try again' : action}
        </button>
      )}
    </li>
  );
}
