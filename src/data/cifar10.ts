// CIFAR-10 for the playground: the full official set when it has been downloaded into
// public/cifar10/full/ (`npm run data:cifar10`), else the real subset committed in public/cifar10/subset/.
import { parseCifarManifest, sha256Hex, type CifarManifest } from './cifarManifest';
import { cifarDataset, parseCifarBin } from './cifarFormat';
import { fetchBytes, type FetchFn } from './fetchBytes';
import { maybeGunzip } from './gzip';
import { DataError, type Dataset, type ImageSplit } from './types';

export { CIFAR10_CLASSES, CIFAR_RECORD, cifarDataset, parseCifarBin, parseCifarBins, validateCifarBin } from './cifarFormat';
export { CIFAR_UPLOAD_FIX, collectCifarBins, parseCifarUpload } from './cifarUpload';
export type { CifarManifest } from './cifarManifest';

export const CIFAR_SUBSET_FIX =
  'the subset is committed in git: restore it with `git checkout -- public/cifar10/subset` (or regenerate it with `npx tsx scripts/pack-cifar10-subset.mjs`)';
export const CIFAR_FULL_FIX =
  'run `npm run data:cifar10` again to re-download the full set, or delete public/cifar10/full/ to use the bundled subset';

export interface CifarLoadOptions {
  fetchFn?: FetchFn;
  onProgress?: (stage: string, fraction: number) => void;
  /** 'full' (default) uses public/cifar10/full/ when it is there; 'subset' always loads the bundled subset */
  prefer?: 'full' | 'subset';
}

/** Loads public/cifar10/{full,subset}/: the full set when present (and preferred), else the subset. */
export async function loadCifar10(baseUrl: string, opts: CifarLoadOptions = {}): Promise<Dataset> {
  const { fetchFn = fetch, onProgress, prefer = 'full' } = opts;
  const base = `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}cifar10/`;
  if (prefer === 'full') {
    const manifest = await fetchOptionalManifest(`${base}full/manifest.json`, fetchFn);
    if (manifest) return loadPacked(`${base}full/`, 'public/cifar10/full/', manifest, CIFAR_FULL_FIX, fetchFn, onProgress);
  }
  onProgress?.('Loading CIFAR-10 subset', 0);
  const bytes = await fetchBytes(`${base}subset/manifest.json`, 'public/cifar10/subset/manifest.json', CIFAR_SUBSET_FIX, fetchFn);
  const manifest = parseCifarManifest(bytes, 'public/cifar10/subset/manifest.json', CIFAR_SUBSET_FIX);
  return loadPacked(`${base}subset/`, 'public/cifar10/subset/', manifest, CIFAR_SUBSET_FIX, fetchFn, onProgress);
}

/** The full set is optional: only its absence means "use the subset"; a broken manifest is an error. */
async function fetchOptionalManifest(url: string, fetchFn: FetchFn): Promise<CifarManifest | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchBytes(url, 'public/cifar10/full/manifest.json', CIFAR_FULL_FIX, fetchFn);
  } catch (err) {
    if (err instanceof DataError) return undefined;
    throw err;
  }
  return parseCifarManifest(bytes, 'public/cifar10/full/manifest.json', CIFAR_FULL_FIX);
}

async function loadPacked(
  url: string,
  dir: string,
  manifest: CifarManifest,
  fix: string,
  fetchFn: FetchFn,
  onProgress?: (stage: string, fraction: number) => void,
): Promise<Dataset> {
  const label = manifest.kind === 'full' ? 'CIFAR-10' : 'CIFAR-10 subset';
  // train is ~5× test: weight the download progress by that
  const share = { train: 5 / 6, test: 1 / 6 };
  const got = { train: 0, test: 0 };
  const report = (): void => onProgress?.(`Downloading ${label}`, 0.8 * (share.train * got.train + share.test * got.test));
  const fetchSplit = async (which: 'train' | 'test'): Promise<Uint8Array> => {
    const gz = await fetchBytes(`${url}${manifest[which].file}`, `${dir}${manifest[which].file}`, fix, fetchFn, (f) => {
      got[which] = f;
      report();
    });
    got[which] = 1;
    report();
    return gz;
  };
  const [trainGz, testGz] = await Promise.all([fetchSplit('train'), fetchSplit('test')]);
  onProgress?.(`Checking ${label}`, 0.8);
  const train = await unpackSplit(trainGz, dir, manifest, 'train', fix);
  onProgress?.(`Checking ${label}`, 0.9);
  const test = await unpackSplit(testGz, dir, manifest, 'test', fix);
  const dataset = cifarDataset(train, test, manifest.description);
  onProgress?.(`${label} ready`, 1);
  return dataset;
}

async function unpackSplit(gz: Uint8Array, dir: string, manifest: CifarManifest, which: 'train' | 'test', fix: string): Promise<ImageSplit> {
  const entry = manifest[which];
  const name = `${dir}${entry.file}`;
  const bin = maybeGunzip(gz, name, fix);
  const digest = await sha256Hex(bin);
  // Without Web Crypto (plain-http LAN pages) the size and label checks below still catch most damage.
  if (digest !== undefined && digest !== entry.sha256) {
    throw new DataError(
      `${name} is corrupt: its contents have sha256 ${digest}, but ${dir}manifest.json expects ${entry.sha256}.`,
      fix,
    );
  }
  const split = parseCifarBin(bin, name, fix);
  if (split.count !== entry.records) {
    throw new DataError(`${name} holds ${split.count} records, but ${dir}manifest.json says ${entry.records}.`, fix);
  }
  return split;
}
