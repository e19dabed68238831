import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { appDeps } from './appDeps';
import { StoreProvider } from './hooks/StoreProvider';
import { createStudioStore } from './store';
import './styles/base.css';
import './views/shell/shell.css';

const store = createStudioStore(appDeps());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
