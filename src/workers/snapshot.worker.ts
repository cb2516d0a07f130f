/// <reference lib="webworker" />
/**
 * Embeds the shown test images for the plots off the training worker (see snapshotService.ts), on
 * the wasm backend whatever the training backend: its forward passes are the fastest on a CPU core,
 * and the training worker keeps the GPU, if any, to itself.
 */
import * as Comlink from 'comlink';
import { exposeHelper } from './helperPort';
import * as tf from '@tensorflow/tfjs-core';
import './tfSetup';
import { initWasmBackendBrowser } from '../engine/wasm/browser';
import { replyBuffers, SnapshotService, type SnapshotReply, type SnapshotRequest } from './snapshotService';

const service = new SnapshotService();

const ready: Promise<void> = (async () => {
  initWasmBackendBrowser();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start in the snapshot worker');
})();
ready.catch(() => undefined); // reported by each request

const api = {
  async capture(req: SnapshotRequest): Promise<SnapshotReply> {
    await ready;
    const reply = await service.capture(req);
    return Comlink.transfer(reply, replyBuffers(reply));
  },
};

export type SnapshotApi = typeof api;
// served on the port the page connects (the page starts this worker for the trainer: helperPort.ts)
exposeHelper(api);
