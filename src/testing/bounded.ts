// Test helper (not shipped): calls `name` of the module at `moduleUrl` in a worker thread and gives up
// after `ms`, so a parser that loops forever fails its test as a hang instead of freezing the suite.
import { Worker } from 'node:worker_threads';

export type Bounded =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; name: string; message: string }
  | { kind: 'timeout'; ms: number };

/** `args` are structured-cloned into the worker (Uint8Arrays survive). */
export function runBounded(moduleUrl: URL, name: string, args: unknown[], ms: number): Promise<Bounded> {
  const worker = new Worker(new URL('./boundedWorker.mjs', import.meta.url), {
    workerData: { module: moduleUrl.href, name, args },
  });
  return new Promise<Bounded>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: 'timeout', ms });
    }, ms);
    worker.once('message', (m: Bounded) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
