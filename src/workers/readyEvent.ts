/**
 * What the page learns when the worker's session is built: the 'ready' event with the dataset's
 * description, the network, and the evaluation samples the plots show on hover (their buffers
 * transferred). A function of its own: session.ts decides when a session is built, not what the
 * page is told about it.
 */
import type { AnyDataset } from '../data/types';
import { describeSpec } from '../engine/backbone';
import { gatherPoints, sampleShape } from '../engine/batches';
import type { Trainer } from '../engine/trainer';
import type { BackendInfo, WorkerEvent } from './protocol';

export function readyEvent(ds: AnyDataset, trainer: Trainer, backend: BackendInfo): { event: WorkerEvent; transfer: Transferable[] } {
  const evalIdx = trainer.evalIndices;
  const [height, width, channels] = sampleShape(ds);
  const per = height * width * channels;
  const evalImages = new Uint8Array(ds.kind === 'points' ? 0 : evalIdx.length * per);
  if (ds.kind !== 'points') evalIdx.forEach((i, k) => evalImages.set(ds.test.images.subarray(i * per, (i + 1) * per), k * per));
  const evalPoints = ds.kind === 'points' ? gatherPoints(ds.test, ds.dims, evalIdx) : null;
  const evalLabels = trainer.evalLabels;
  const evalUnknown = trainer.evalUnknown.slice();
  const event: WorkerEvent = {
    type: 'ready',
    backend,
    dataset: {
      id: ds.id, description: ds.description, uploaded: ds.kind !== 'points' && ds.uploaded === true, classNames: ds.classNames,
      imageSet: ds.kind !== 'points' ? ds.imageSet ?? '' : '',
      architecture: describeSpec(trainer.spec), trainCount: ds.train.count, testCount: ds.test.count,
      evalImages, evalPoints, evalLabels, evalUnknown, height, width, channels,
    },
  };
  return { event, transfer: [evalImages.buffer, evalLabels.buffer, evalUnknown.buffer, ...(evalPoints ? [evalPoints.buffer] : [])] };
}
