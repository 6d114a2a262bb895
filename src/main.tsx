import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { isolateWithServiceWorker } from './ui/isolation';
import 'katex/dist/katex.min.css';
import './ui/app.css';

isolateWithServiceWorker();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
