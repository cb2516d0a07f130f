/**
 * The content hash that names a set of the user's images: a link or a config carries it, never the
 * images, and the worker finds the set in this browser by it. SHA-256 of the class names, the labels
 * and the 32×32 pixels, cut to 16 hex digits (64 bits: no two sets one person makes collide).
 */
import { sha256 } from '../util/sha256';
import type { OwnImageSet } from './ownImages';

/** Format tag hashed first, so that a later change of what is hashed gives other names. */
const TAG = 'metric-learning-playground/own-images/v1\n';

function canonicalParts(set: OwnImageSet): Uint8Array[] {
  const head = new TextEncoder().encode(`${TAG}${JSON.stringify(set.classNames)}\n${set.count}\n`);
  return [head, set.labels, set.images];
}

const hex = (b: Uint8Array): string => Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join('');

export async function ownImagesHash(set: OwnImageSet): Promise<string> {
  const parts = canonicalParts(set);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { all.set(p, at); at += p.length; }
    return hex(new Uint8Array(await subtle.digest('SHA-256', all)));
  }
  return hex(sha256(...parts));
}
