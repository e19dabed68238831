import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import type { DataSection } from '../../store/qualitySlice';
import { CheckStatus } from './CheckStatus';
import { DuplicateGroups } from './DuplicateGroups';
import { OutlierList } from './OutlierList';
import { SuspectList } from './SuspectList';
import { EmbeddingMap } from './map/EmbeddingMap';
import '../common/panel.css';
import './data.css';

const sections: { id: DataSection; title: string }[] = [
  { id: 'suspects', title: 'Suspected labels' },
  { id: 'duplicates', title: 'Duplicates' },
  { id: 'outliers', title: 'Outliers' },
  { id: 'map', title: 'Embedding map' },
];

/** What is wrong with the data: suspected label errors, duplicates, outliers, and the embedding map. */
export function DataView() {
  const section = useStudio((s) => s.quality.section);
  const overview = useStudio((s) => s.quality.overview);
  const setSection = useStudio((s) => s.setDataSection);
  const loadQuality = useStudio((s) => s.loadQuality);
  useEffect(() => {
    void loadQuality();
  }, [loadQuality]);
  const counts: Record<DataSection, number | undefined> = {
    suspects: overview?.suspects.length,
    duplicates: overview?.duplicateGroups.length,
    outliers: overview?.outliers.length,
    map: undefined,
  };
  return (
    <div className="data-view">
      <header className="data-head">
        <div className="segmented" role="tablist" aria-label="Data checks">
          {sections.map((s) => (
            <button key={s.id} type="button" role="tab" aria-selected={section === s.id} className={section === s.id ? 'active' : ''} onClick={() => setSection(s.id)}>
              {s.title}
              {counts[s.id] !== undefined && <span className="count">{counts[s.id]!.toLocaleString('en-US')}</span>}
            </button>
          ))}
        </div>
        <CheckStatus />
      </header>
      {overview?.notices.map((n) => (
        <p key={n} className="data-notice" role="note">
          {n}
        </p>
      ))}
      <div className="data-body">
        {section === 'suspects' && <SuspectList />}
        {section === 'duplicates' && <DuplicateGroups />}
        {section === 'outliers' && <OutlierList />}
        {section === 'map' && <EmbeddingMap />}
      </div>
    </div>
  );
}
