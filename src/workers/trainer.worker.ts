/// <reference lib="webworker" />
/**
 * The trainer worker: owns TensorFlow.js, the dataset and every tensor. The page talks to it through
 * Comlink (TrainerApi) and receives WorkerEvents through one proxied callback. This file is only the
 * adapter: every call goes to the one Session (session.ts), which holds all of the worker's state.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import './tfSetup';
import { hasCifarUpload } from '../data/cifarStorage';
import type { TrainerApi } from './protocol';
import { Session } from './session';
import { snapshotOffload } from './snapshotClient';

const session = new Session(snapshotOffload);
snapshotOffload.prepare();

// the webglcontextlost listener depends on TF.js's canvas and event delivery in a worker; the
// context itself says reliably whether it is lost
setInterval(() => session.pollLost(), 1000);

const api: TrainerApi = {
  async setEvents(cb) {
    session.setEvents((e, transfer) => { void cb(transfer.length ? Comlink.transfer(e, transfer) : e); });
  },
  configure: (config, baseUrl) => session.configure(config, baseUrl),
  start: () => session.start(),
  // pause acts at once (the loop checks the flag between steps), then waits its turn
  pause: () => session.pause(),
  step: (n) => session.step(n),
  reset: () => session.reset(),
  loadCifarFiles: (files, config, baseUrl) => session.loadCifarFiles(files, config, baseUrl),
  clearCifarUpload: (config, baseUrl) => session.clearCifarUpload(config, baseUrl),
  loadOwnImages: (payload, config, baseUrl) => session.loadOwnImages(payload, config, baseUrl),
  async cifarUploadStored() {
    try { return await hasCifarUpload(); } catch { return false; }
  },
  duplicateRun: (sourceId, run) => session.duplicateRun(sourceId, run),
  async memory() {
    const m = tf.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  },
  checkpointState: () => session.checkpointState(),
  importState: (state) => session.importState(state),
  // the page calls this only with ?debug=fail-backend in its URL (browser tests)
  async simulateBackendFailure(kind) { return session.simulateBackendFailure(kind); },
  async simulateHang() { session.simulateHang(); },
  async ping() { return session.globalStep(); },
  async setView(runId, view) { session.setView(runId, view); },
  // not queued behind other calls: takes effect between two steps of a running loop
  async updateRun(run) { session.updateRun(run); },
};

// keep tfjs quiet about the backend registry's own fallback attempts
tf.env().set('PROD', true);
Comlink.expose(api);
// `npm run bench` builds with `--mode bench`: only then do its calls join the API. The condition is a
// constant in every build, so the shipped bundle holds no benchmark code. Added after expose (Comlink
// looks methods up per call): awaiting the import first would drop the page's first messages.
if (import.meta.env.MODE === 'bench') {
  void import('../bench/workerBench').then(({ benchApi }) => {
    Object.assign(api, benchApi(session));
  });
}
