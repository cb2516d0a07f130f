import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CrashBoundary } from './app/CrashBoundary';
import { installDebugHooks } from './app/debugHooks';
import { startCheckpoints } from './app/checkpoint';
import { startWatchdog } from './app/watchdog';
import { followHashChanges } from './app/configIO';
import { applyConfig, classesOf } from './app/controller';
import { trackSnapshots } from './export/trackSnapshots';
import { defaultConfig, pushError } from './store/store';
import { configFromHash } from './store/urlHash';
import { configProblems } from './store/validate';
import './app/styles.css';

// Start-up runs once per page load, outside React, so StrictMode's double mount cannot repeat it.
let initial = defaultConfig();
try {
  initial = configFromHash(location.hash) ?? initial;
} catch (e) {
  pushError(`The link's settings were not loaded: ${e instanceof Error ? e.message : String(e)}`, 'Started with the default settings instead.', false);
}
// A valid link can still ask for what cannot train (the simplex loss without DAM in too few
// dimensions); applyConfig would refuse it and the page would wait forever, so start on the defaults.
const problems = configProblems(initial, classesOf(initial));
if (problems.length) {
  pushError(
    `The link's settings were not loaded: ${problems.join('; ')}`,
    'Started with the default settings instead. Raise the embedding size or turn on the dimension-raising module (DAM), then copy the link again.',
    false,
  );
  initial = defaultConfig();
}
trackSnapshots();
installDebugHooks();
startCheckpoints();
startWatchdog();
applyConfig(initial);
followHashChanges();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <CrashBoundary>
      <App />
    </CrashBoundary>
  </StrictMode>,
);
