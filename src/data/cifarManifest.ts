// manifest.json beside public/cifar10/{subset,full}/{train,test}.bin.gz: what the packed files hold,
// so the loader can say which set is loaded and detect a corrupt or stale file.
import { DataError } from './types';

export interface CifarManifestSplit {
  /** file name beside the manifest, e.g. "train.bin.gz" */
  file: string;
  records: number;
  /** sha256 (hex) of the uncompressed .bin */
  sha256: string;
}

export interface CifarManifest {
  format: 'cifar10-binary-gzip';
  kind: 'subset' | 'full';
  /** shown in the UI, e.g. "CIFAR-10 subset: 5 085 train / 1 017 test real images (…)" */
  description: string;
  train: CifarManifestSplit;
  test: CifarManifestSplit;
}

function isSplit(v: unknown): v is CifarManifestSplit {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.file === 'string' && /^[\w.-]+$/.test(s.file) && Number.isInteger(s.records) && typeof s.sha256 === 'string' && /^[0-9a-f]{64}$/.test(s.sha256);
}

/** Validates a manifest's JSON text; `name` and `fix` go into the DataError. */
export function parseCifarManifest(bytes: Uint8Array, name: string, fix: string): CifarManifest {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new DataError(`${name} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, fix);
  }
  const m = v as Partial<CifarManifest> | null;
  if (!m || m.format !== 'cifar10-binary-gzip' || (m.kind !== 'subset' && m.kind !== 'full') || typeof m.description !== 'string' || !isSplit(m.train) || !isSplit(m.test)) {
    throw new DataError(`${name} is not a CIFAR-10 manifest (expected format "cifar10-binary-gzip", kind, description, train and test entries).`, fix);
  }
  return m as CifarManifest;
}

/** sha256 as hex, or undefined where Web Crypto is unavailable (a page served over plain http from a LAN address). */
export async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  // digest() wants an ArrayBuffer-backed view; a view into a shared/resizable buffer would be rejected by the types
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
