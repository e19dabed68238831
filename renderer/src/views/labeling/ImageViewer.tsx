import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { imageUrl } from '../../api/studioApi';
import { useElementSize } from '../../hooks/useElementSize';
import { useZoomPan } from '../../hooks/useZoomPan';
import { wantsOriginal } from './viewport';
import { previewLongSide } from '../../../../shared/contract/bridge';

/** What the keyboard can do to the viewer. */
export interface ViewerControls {
  fit(): void;
  zoom(factor: number): void;
}

interface ImageViewerProps {
  sampleId: string;
  /** The original's size when known (from the sample row); else the loaded image's own size. */
  size: { width: number; height: number } | null;
  /** Called once the image is decoded and painted: time on the item counts from here. */
  onPainted(sampleId: string): void;
  controls: Ref<ViewerControls>;
}

/** The big zoomable image of the labeling view. */
export function ImageViewer({ sampleId, size, onPainted, controls }: ImageViewerProps) {
  const box = useRef<HTMLDivElement>(null);
  const boxSize = useElementSize(box);
  const [natural, setNatural] = useState<{ id: string; width: number; height: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const base = size ?? (natural?.id === sampleId ? natural : null) ?? { width: 0, height: 0 };
  const { view, fit, zoom, dragging } = useZoomPan(box, boxSize, base, sampleId);
  useImperativeHandle(controls, () => ({ fit, zoom }), [fit, zoom]);

  const original = base.width > 0 && wantsOriginal(view, base, previewLongSide);
  const paintedId = useRef<string | null>(null);
  const painted = (image: HTMLImageElement) => {
    // Swapping in the original later loads again; only the first paint starts the clock.
    if (paintedId.current === sampleId) return;
    paintedId.current = sampleId;
    // The row's size places the image; its own size matters only when the row is missing
    // (and setting it anyway would re-render the viewer while the image waits to be painted).
    if (!size) setNatural({ id: sampleId, width: image.naturalWidth, height: image.naturalHeight });
    void image
      .decode()
      .catch(() => undefined)
      .then(() => requestAnimationFrame(() => onPainted(sampleId)));
  };

  return (
    <div ref={box} className={dragging ? 'viewer dragging' : 'viewer'} onDoubleClick={fit}>
      {failed === sampleId ? (
        <p className="viewer-error" role="alert">
          This image could not be shown. Skip it (S) or flag it (F) for review.
        </p>
      ) : (
        <img
          key={sampleId}
          className={view.scale >= 3 ? 'viewer-image pixelated' : 'viewer-image'}
          src={imageUrl(sampleId, original ? 'original' : 'preview')}
          alt="The image to label"
          draggable={false}
          style={{
            width: base.width || undefined,
            height: base.height || undefined,
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
            visibility: base.width ? 'visible' : 'hidden',
          }}
          onLoad={(e) => painted(e.currentTarget)}
          onError={() => setFailed(sampleId)}
        />
      )}
      <div className="viewer-zoom" aria-label="Zoom">
        <span>{Math.round(view.scale * 100)}%</span>
        <button type="button" className="small ghost" onClick={fit} aria-label="Fit the image">
          Fit
        </button>
      </div>
    </div>
  );
}
