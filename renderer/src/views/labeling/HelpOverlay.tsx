import type { KeyCommand } from '../../keyboard/commands';
import { keyLabel, shadowedChords, normaliseChord } from '../../keyboard/commands';
import type { LabelingContext } from '../../keyboard/labelingCommands';
import { useStudio } from '../../hooks/useStudio';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** ?: every keyboard command, generated from the same table the keys run. */
export function HelpOverlay({ commands }: { commands: readonly KeyCommand<LabelingContext>[] }) {
  const close = useStudio((s) => s.toggleHelp);
  const shadowed = shadowedChords(commands);
  const groups = [...new Set(commands.map((c) => c.group))];
  return (
    <div className="help-overlay" role="dialog" aria-label="Keyboard shortcuts">
      <div className="help-card">
        <header>
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="ghost small" onClick={close} aria-label="Close the shortcuts">
            ✕
          </button>
        </header>
        <div className="help-groups">
          {groups.map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <dl>
                {commands
                  .filter((c) => c.group === group)
                  .map((c) => {
                    const lost = c.keys.filter((k) => (shadowed.get(normaliseChord(k)) ?? [c.name])[0] !== c.name);
                    return (
                      <div key={c.name} className="help-row">
                        <dt>
                          {c.keys.map((k) => (
                            <kbd key={k} className={lost.includes(k) ? 'shadowed' : ''} title={lost.includes(k) ? 'This key selects a class instead' : undefined}>
                              {keyLabel(k, isMac)}
                            </kbd>
                          ))}
                        </dt>
                        <dd>{c.title}</dd>
                      </div>
                    );
                  })}
              </dl>
            </section>
          ))}
        </div>
        <p className="faint">Click an entry under “Last decisions” to bring that image back and change it.</p>
      </div>
    </div>
  );
}
