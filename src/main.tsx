import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { followHashChanges } from './app/configIO';
import { applyConfig } from './app/controller';
import { trackSnapshots } from './export/trackSnapshots';
import { defaultConfig, pushError } from './store/store';
import { configFromHash } from './store/urlHash';
import './app/styles.css';

// Start-up runs once per page load, outside React, so StrictMode's double mount cannot repeat it.
let initial = defaultConfig();
try {
  initial = configFromHash(location.hash) ?? initial;
} catch (e) {
  pushError(`The link's settings were not loaded: ${e instanceof Error ? e.message : String(e)}`, 'Started with the default settings instead.', false);
}
trackSnapshots();
applyConfig(initial);
followHashChanges();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
