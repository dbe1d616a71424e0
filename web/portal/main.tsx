import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n.ts';
import { PortalApp } from './app.tsx';
import './portal.css';

initI18n();

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <PortalApp />
    </StrictMode>,
  );
}
