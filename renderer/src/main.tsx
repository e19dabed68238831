import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { appDeps } from './appDeps';
import { StoreProvider } from './hooks/StoreProvider';
import { createStudioStore } from './store';
import './styles/base.css';
import './views/shell/shell.css';

// The token came in the address; the session cookie now carries it, so it leaves the address bar and history.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);

const store = createStudioStore(appDeps());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
