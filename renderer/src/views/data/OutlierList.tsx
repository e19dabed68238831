import { useStudio } from '../../hooks/useStudio';
import { dataCheckGallery } from '../../store/galleryDataCheck';
import { selectClasses } from '../../store/selectors';
import { SampleThumb } from './SampleThumb';

/** Images far from every labeled class, farthest first. */
export function OutlierList() {
  const overview = useStudio((s) => s.quality.overview);
  const classes = useStudio(selectClasses);
  const openSample = useStudio((s) => s.openSample);
  const setGalleryFilter = useStudio((s) => s.setGalleryFilter);
  const setView = useStudio((s) => s.setView);
  if (!overview) return <p className="muted">Loading…</p>;
  const space = overview.outlierSpace;
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? '?';
  return (
    <section className="panel" aria-labelledby="outliers-heading">
      <header className="panel-head">
        <h2 id="outliers-heading">Outliers</h2>
        <div className="panel-actions">
          <span className="faint">
            at least {overview.settings.outlierScore}× the nearest class&apos;s usual spread ({overview.settings.outlierNeighbours}-NN distance to labeled images
            {space ? `, on ${space.components} principal axes keeping ${(space.varianceKept * 100).toFixed(0)}% of the variance` : ''})
          </span>
          <button
            type="button"
            className="small"
            disabled={overview.outliers.length === 0}
            onClick={() => {
              setGalleryFilter(dataCheckGallery('outlier'));
              setView('gallery');
            }}
          >
            Show in the gallery
          </button>
        </div>
      </header>
      {overview.outliers.length === 0 ? (
        <p className="muted">{overview.runId ? 'No outliers.' : 'Train a model first; outliers are measured in its embedding space.'}</p>
      ) : (
        <div className="outlier-grid">
          {overview.outliers.slice(0, 300).map((o) => (
            <SampleThumb key={o.sampleId} id={o.sampleId} caption={`${o.score.toFixed(1)}× · nearest ${name(o.nearestClassId)}`} onOpen={() => openSample(o.sampleId)} />
          ))}
        </div>
      )}
    </section>
  );
}
