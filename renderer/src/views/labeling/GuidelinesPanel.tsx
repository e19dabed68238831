import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { hideBroken } from '../common/hideBroken';

/** H: each class's guideline and example images, beside the image being labeled. */
export function GuidelinesPanel() {
  const classes = useStudio(selectClasses);
  const toggle = useStudio((s) => s.toggleGuidelines);
  const setView = useStudio((s) => s.setView);
  return (
    <aside className="guidelines scroll" aria-label="Guidelines">
      <header>
        <h2>Guidelines</h2>
        <button type="button" className="ghost small" onClick={toggle} aria-label="Close the guidelines">
          ✕
        </button>
      </header>
      {classes.map((c) => (
        <section key={c.id} className="guideline">
          <h3>
            <span className="swatch" style={{ background: c.color }} /> {c.name} {c.key && <kbd>{c.key.toUpperCase()}</kbd>}
          </h3>
          {c.guideline ? <p className="guideline-text">{c.guideline}</p> : <p className="faint">No guideline yet.</p>}
          {c.examples.length > 0 && (
            <div className="guideline-examples">
              {c.examples.map((id) => (
                <img onError={hideBroken} key={id} src={imageUrl(id, 'thumb')} alt={`Example of ${c.name}`} loading="lazy" />
              ))}
            </div>
          )}
        </section>
      ))}
      <button type="button" className="small" onClick={() => setView('classes')}>
        Edit guidelines and examples
      </button>
    </aside>
  );
}
