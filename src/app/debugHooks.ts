/**
 * Hooks for browser tests and the soak run, present only when the page's URL names them
 * (`?debug=fail-backend,memory`); without the flag nothing is installed.
 * - fail-backend: `window.__failBackend('error' | 'lost')` makes the worker's next training step fail
 *   as a broken backend or a lost GPU device would, to exercise the fallback to another backend.
 * - memory: `window.__trainerMemory()` reads the worker's tensor count and bytes (`npm run soak`).
 * - hang: `window.__hangTraining()` makes the worker's next training step never finish, as the stall
 *   seen in Firefox did, to exercise the training watchdog (e2e/watchdog.spec.ts).
 */
import { trainerClient } from '../workers/client';

export function installDebugHooks(): void {
  const flags = new Set((new URLSearchParams(location.search).get('debug') ?? '').split(','));
  const w = window as unknown as {
    /** resolves to the worker's step when the failure was set */
    __failBackend?: (kind: 'error' | 'lost' | 'lose-context') => Promise<number>;
    __trainerMemory?: () => Promise<{ tensors: number; bytes: number }>;
    __hangTraining?: () => Promise<void>;
  };
  if (flags.has('fail-backend')) w.__failBackend = (kind) => trainerClient().simulateBackendFailure(kind);
  if (flags.has('hang')) w.__hangTraining = () => trainerClient().simulateHang();
  if (flags.has('memory')) w.__trainerMemory = () => trainerClient().memory();
}
