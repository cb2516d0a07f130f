/**
 * Export → "PyTorch script" in the page: the generated project as a zip, with the dataset files the
 * page serves in data/ so that `python3 train.py` runs as unpacked. Browser only.
 */
import { strToU8, zipSync } from 'fflate';
import { MNIST_FILES } from '../../data/mnist';
import type { OwnImageSet } from '../../data/ownImages';
import { loadOwnImages } from '../../data/ownImagesStorage';
import type { ExperimentConfig } from '../../config/config';
import { draftToSet } from '../../store/ownImagesDraft';
import { useStore } from '../../store/store';
import { saveBlob } from '../download';
import { asTemplates, pytorchProject } from './generate';
import { ownImagesDataFiles } from './ownImagesData';

// the hand-written Python files, bundled as text
const raw = import.meta.glob<string>('./templates/*', { query: '?raw', import: 'default', eager: true });

function bundledTemplates() {
  return asTemplates(Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.replace('./templates/', ''), text])));
}

/** The page's own copies of the dataset files (MNIST idx.gz, the served CIFAR-10 subset); your images: below. */
function dataFiles(config: ExperimentConfig): string[] {
  return config.dataset === 'mnist'
    ? Object.values(MNIST_FILES).map((n) => `mnist/${n}.gz`)
    : ['cifar10/subset/train.bin.gz', 'cifar10/subset/test.bin.gz'];
}

/** The images a config on your images names: kept in this browser, or the page's classes while they are that set. */
async function ownSetOf(config: ExperimentConfig): Promise<OwnImageSet | null> {
  const stored = await loadOwnImages().catch(() => undefined);
  if (stored && stored.hash === config.imageSet) return stored;
  const own = useStore.getState().ownImages;
  return own.usedHash === config.imageSet ? draftToSet(own) : null;
}

async function fetchData(config: ExperimentConfig): Promise<Record<string, Uint8Array> | null> {
  if (config.dataset === 'own-images') {
    // the set the runs train on, split as the page splits it; none when it is not on this page
    const set = config.imageSet ? await ownSetOf(config) : null;
    if (!set) return null;
    return Object.fromEntries(Object.entries(ownImagesDataFiles(set, config.imageSet)).map(([name, bytes]) => [`data/${name}`, bytes]));
  }
  const base = new URL(import.meta.env.BASE_URL, location.href);
  try {
    const entries = await Promise.all(dataFiles(config).map(async (path) => {
      const res = await fetch(new URL(path, base));
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return [`data/${path.split('/').pop() ?? path}`, new Uint8Array(await res.arrayBuffer())] as const;
    }));
    return Object.fromEntries(entries);
  } catch {
    // the project still works with --data DIR; the notice says so
    return null;
  }
}

/** Builds and saves the zip; returns the notice text. */
export async function downloadPytorchProject(config: ExperimentConfig): Promise<string> {
  const folder = `pytorch-${config.dataset}-${config.runs.length}-run${config.runs.length === 1 ? '' : 's'}`;
  const entries: Record<string, Uint8Array> = {};
  for (const f of pytorchProject(config, bundledTemplates(), 'data')) entries[`${folder}/${f.path}`] = strToU8(f.text);
  const data = await fetchData(config);
  for (const [path, bytes] of Object.entries(data ?? {})) entries[`${folder}/${path}`] = bytes;
  // the dataset files are gzip already: storing beats compressing them again
  saveBlob(new Blob([zipSync(entries, { level: 0 })], { type: 'application/zip' }), `${folder}.zip`);
  if (data) return `Saved ${folder}.zip: unzip it and run python3 train.py (see its README.md)`;
  return config.dataset === 'own-images'
    ? `Saved ${folder}.zip without your images (this page does not hold the set ${config.imageSet || 'it names'}): load them, then export again`
    : `Saved ${folder}.zip without the dataset files (they could not be read); run python3 train.py --data DIR`;
}
