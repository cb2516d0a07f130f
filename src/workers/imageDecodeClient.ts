/**
 * The page's end of the decode worker. Created by the page, never inside another worker (Firefox can
 * hang on a `new Worker()` inside a worker; helperPort.ts does the same for the trainer's helpers);
 * one per page, started on first use.
 */
import * as Comlink from 'comlink';
import type { DecodeRequest, DecodeResult, ImageDecodeApi } from './imageDecodeTypes';

export type { DecodeItem, DecodeResult, DecodedClass } from './imageDecodeTypes';

let remote: Comlink.Remote<ImageDecodeApi> | null = null;
let crashed: Promise<never> | null = null;

function decoder(): { api: Comlink.Remote<ImageDecodeApi>; crashed: Promise<never> } {
  if (!remote || !crashed) {
    const worker = new Worker(new URL('./imageDecode.worker.ts', import.meta.url), { type: 'module', name: 'image-decode' });
    remote = Comlink.wrap<ImageDecodeApi>(worker);
    crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        remote = null; // the next load starts a fresh one
        crashed = null;
        reject(new Error(`the image decoder stopped (${e.message || 'it could not start'})`));
      });
    });
    crashed.catch(() => undefined); // raced below; unobserved otherwise
  }
  return { api: remote, crashed };
}

/** Decodes the files into 32×32 classes; rejects only when the decoder itself fails. */
export async function decodeImages(req: DecodeRequest, onProgress: (done: number, total: number, stage: string) => void): Promise<DecodeResult> {
  const d = decoder();
  return Promise.race([d.api.decode(req, Comlink.proxy(onProgress)), d.crashed]);
}
