import { useStudio } from '../../hooks/useStudio';
import { selectInfo } from '../../store/selectors';
import { AnnotatorField } from '../shell/AnnotatorField';
import { CreateProjectForm } from './CreateProjectForm';
import { DemoCard } from './DemoCard';
import { OpenProjectForm } from './OpenProjectForm';
import { RecentProjects } from './RecentProjects';
import './start.css';

/** What the studio shows with no project open: create, open, recent, and the demo. */
export function StartScreen() {
  const info = useStudio(selectInfo);
  return (
    <div className="start">
      <header className="start-head">
        <div>
          <h1>Active Learning Studio</h1>
          <p className="muted">Label images, train a model and let it ask for the images it is least sure about. Everything stays on this computer.</p>
        </div>
        <AnnotatorField />
      </header>
      <main className="start-body scroll">
        {info?.firstRun && <DemoCard prominent />}
        <div className="start-columns">
          <section className="start-card" aria-labelledby="create-heading">
            <h2 id="create-heading">New project</h2>
            <CreateProjectForm />
          </section>
          <div className="start-stack">
            <section className="start-card" aria-labelledby="open-heading">
              <h2 id="open-heading">Open a project</h2>
              <OpenProjectForm />
            </section>
            <section className="start-card" aria-labelledby="recent-heading">
              <h2 id="recent-heading">Recent projects</h2>
              <RecentProjects />
            </section>
            {!info?.firstRun && <DemoCard />}
          </div>
        </div>
        {info && (
          <p className="faint start-foot">
            Version {info.version} · {info.mode === 'browser' ? 'browser mode: paths are on the computer running the studio' : 'desktop'}
          </p>
        )}
      </main>
    </div>
  );
}
