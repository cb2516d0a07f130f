/**
 * Fault injection for browser tests, present only when the page's URL asks for it by name
 * (`?debug=fail-backend`): `window.__failBackend('error' | 'lost')` makes the worker's next training
 * step fail as a broken backend or a lost GPU device would, to exercise the fallback to another
 * backend. Without the flag nothing is installed.
 */
import { trainerClient } from '../workers/client';

export function installDebugHooks(): void {
  if (new URLSearchParams(location.search).get('debug') !== 'fail-backend') return;
  (window as unknown as { __failBackend: (kind: 'error' | 'lost') => Promise<void> }).__failBackend = (kind) => trainerClient().simulateBackendFailure(kind);
}
