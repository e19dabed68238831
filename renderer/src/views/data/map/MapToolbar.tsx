import type { MapPoints } from '../../../../../shared/contract/quality';
import { useStudio } from '../../../hooks/useStudio';
import type { ColourBy } from './colours';

const colourings: { id: ColourBy; title: string }[] = [
  { id: 'label', title: 'Label' },
  { id: 'prediction', title: 'Prediction' },
  { id: 'confidence', title: 'Confidence' },
  { id: 'split', title: 'Split' },
  { id: 'suspected', title: 'Data checks' },
];

interface Props {
  by: ColourBy;
  setBy(by: ColourBy): void;
  lasso: boolean;
  setLasso(on: boolean): void;
  selectedIds: string[];
  clear(): void;
  points: MapPoints | null;
  method: 'pca' | 'umap' | null;
}

/** Colouring, the lasso tool and what to do with a selection. */
export function MapToolbar({ by, setBy, lasso, setLasso, selectedIds, clear, points, method }: Props) {
  const send = useStudio((s) => s.sendSelection);
  const layout = points?.method === 'umap' ? 'UMAP' : method === 'pca' || points?.method === 'pca' ? 'PCA (UMAP on its way)' : '';
  return (
    <header className="panel-head map-toolbar">
      <h2 id="map-heading">Embedding map</h2>
      <span className="faint">
        {points ? `${points.ids.length.toLocaleString('en-US')} images · ${layout}` : ''} · drag to pan, wheel to zoom, L or Shift+drag to lasso, 0 to fit
      </span>
      <label className="filter-select">
        Colour by
        <select value={by} onChange={(e) => setBy(e.target.value as ColourBy)}>
          {colourings.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="small" aria-pressed={lasso} onClick={() => setLasso(!lasso)}>
        Lasso
      </button>
      {selectedIds.length > 0 && (
        <span className="map-selection" role="status">
          {selectedIds.length.toLocaleString('en-US')} selected
          <button type="button" className="small" onClick={() => void send(selectedIds, 'gallery')}>
            Show in gallery
          </button>
          <button type="button" className="small" onClick={() => void send(selectedIds, 'queue')}>
            Label these first
          </button>
          <button type="button" className="ghost small" onClick={clear}>
            Clear
          </button>
        </span>
      )}
    </header>
  );
}
