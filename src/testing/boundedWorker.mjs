// Test helper (not shipped): runs one export of a TypeScript module in this worker thread, so the
// test's own thread can stop it when it does not return in time (a synchronous loop cannot be
// interrupted any other way). Plain JS because it has to register tsx before it can import TS.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { module, name, args } = workerData;
try {
  const mod = await import(module);
  const value = await mod[name](...args);
  parentPort.postMessage({ kind: 'returned', value });
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  parentPort.postMessage({ kind: 'threw', name: e.name, message: e.message });
}
