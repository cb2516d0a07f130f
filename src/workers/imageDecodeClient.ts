/**
 * The page's end of the decode worker. Created by the page, never inside another worker (Firefox can
 * hang on a `new Worker()` inside a worker; helperPort.ts does the same for the trainer's helpers);
 * one per page, started on first use.
 */
import * as Comlink from 'comlink';
import type { DecodeRequest, DecodeResult, ImageDecodeApi } from './imageDecodeTypes';

export type { DecodeItem, DecodeResult, DecodedClass } from './imageDecodeTypes';

/** the decoder started, and what rejects when it stops; null before the first use and after a crash */
const current: { remote: Comlink.Remote<ImageDecodeApi> | null; crashed: Promise<never> | null } = { remote: null, crashed: null };

function decoder(): { api: Comlink.Remote<ImageDecodeApi>; crashed: Promise<never> } {
  if (!current.remote || !current.crashed) {
    const worker = new Worker(new URL('./imageDecode.worker.ts', import.meta.url), { type: 'module', name: 'image-decode' });
    const remote = Comlink.wrap<ImageDecodeApi>(worker);
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        current.remote = null; // the next load starts a fresh one
        current.crashed = null;
        reject(new Error(`the image decoder stopped (${e.message || 'it could not start'})`));
      });
    });
    crashed.catch(() => undefined); // raced below; unobserved otherwise
    current.remote = remote;
    current.crashed = crashed;
    return { api: remote, crashed };
  }
  return { api: current.remote, crashed: current.crashed };
}

/** Decodes the files into 32×32 classes; rejects only when the decoder itself fails. */
export async function decodeImages(req: DecodeRequest, onProgress: (done: number, total: number, stage: string) => void): Promise<DecodeResult> {
  const d = decoder();
  return Promise.race([d.api.decode(req, Comlink.proxy(onProgress)), d.crashed]);
}
