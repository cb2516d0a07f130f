/**
 * Every global setting of an experiment, declared once. The defaults (store.defaultConfig), the
 * validation of a config from outside (validate.ts), the toolbar controls (app/Toolbar.tsx), the URL
 * hash (urlHash.ts) and whether a change needs a fresh session (`needsRebuild`, read by the page and
 * the worker) are all derived from this table. Adding a global setting: a field in ExperimentConfig
 * (config.ts), one entry here, and its use (engine/ or the worker).
 *
 * Plain data and functions: no React, no TensorFlow.js, so page, worker, scripts and tests share it.
 * Per-run loss parameters are not here: the loss registry (losses/index.ts) is their table.
 */
import { MAX_OWN_CLASSES, type BackendChoice, type DatasetId, type ExperimentConfig, type LrScheduleKind, type OptimizerKind } from './config';

/** The settings of an experiment that are not its runs (and not the format version). */
export type GlobalKey = Exclude<keyof ExperimentConfig, 'version' | 'runs'>;

interface Common {
  label: string;
  /** one sentence for a tooltip or a docs table */
  help: string;
  /** shown as a control in the toolbar (the others have their own panel, e.g. DatasetControls) */
  control: boolean;
  /** a change needs new tensors for everything: a fresh trainer on (maybe) new data */
  rebuild: boolean;
  /** carried in the URL hash (and so in shared links) */
  url: boolean;
  /**
   * Added after the first links were shared: a config without it is read with its default rather
   * than refused.
   */
  optional?: boolean;
}

export interface NumberSpec extends Common {
  kind: 'number';
  default: number;
  /** where the default depends on the dataset (the planned length) */
  perDataset?: Record<DatasetId, number>;
  min: number;
  max: number;
  step: number;
  integer: boolean;
}
export interface ChoiceSpec<T extends string> extends Common {
  kind: 'choice';
  default: T;
  options: readonly { value: T; label: string }[];
}
export interface BooleanSpec extends Common { kind: 'boolean'; default: boolean }
/** a set of class ids, e.g. the held-out classes of the open-set split */
export interface ClassListSpec extends Common { kind: 'classes'; default: readonly number[]; maxClass: number; maxLength: number }
/** free text of a fixed shape, e.g. the content hash naming the user's image set */
export interface TextSpec extends Common { kind: 'text'; default: string; pattern: RegExp; shape: string }

/** The spec a setting of type T must have: its type picks the kind (plain string: text; a union of literals: a choice). */
export type SpecFor<T> = [T] extends [number] ? NumberSpec
  : [T] extends [boolean] ? BooleanSpec
  : [T] extends [string] ? (string extends T ? TextSpec : ChoiceSpec<T>)
  : [T] extends [number[]] ? ClassListSpec
  : never;

export type SettingSpec = NumberSpec | ChoiceSpec<string> | BooleanSpec | ClassListSpec | TextSpec;

/** The order here is the order of validation, of the config's keys and of the toolbar controls. */
export const SETTINGS = {
  dataset: {
    kind: 'choice', label: 'Dataset', default: 'mnist', control: true, rebuild: true, url: true,
    help: 'What the runs train on: images (with a LeNet), or synthetic points in the plane (with a small MLP)',
    options: [
      { value: 'mnist', label: 'MNIST' }, { value: 'cifar10', label: 'CIFAR-10' },
      { value: 'toy-blobs', label: 'Toy 2-D: blobs' }, { value: 'toy-spirals', label: 'Toy 2-D: spirals' },
      { value: 'own-images', label: 'Your images' },
    ],
  },
  backend: {
    kind: 'choice', label: 'Backend', default: 'auto', control: true, rebuild: true, url: true,
    help: 'Where TensorFlow.js computes: the fastest measured on this machine, or one you force',
    options: [
      { value: 'auto', label: 'auto (fastest measured)' }, { value: 'webgpu', label: 'webgpu' }, { value: 'webgl', label: 'webgl' },
      { value: 'wasm', label: 'wasm' }, { value: 'cpu', label: 'cpu' },
    ],
  },
  embeddingDim: {
    kind: 'number', label: 'Embedding size', default: 2, min: 2, max: 256, step: 1, integer: true, control: true, rebuild: true, url: true,
    help: 'Dimensions of the embedding every run learns; plots show 2 of them or a PCA',
  },
  batchSize: {
    kind: 'number', label: 'Batch size', default: 128, min: 8, max: 512, step: 8, integer: true, control: true, rebuild: true, url: true,
    help: 'Training images per step',
  },
  seed: {
    kind: 'number', label: 'Seed', default: 1, min: 0, max: 2 ** 31 - 1, step: 1, integer: true, control: true, rebuild: true, url: true,
    help: 'Seeds initialisation, sampling and augmentation: the same config trains the same way',
  },
  evalSize: {
    kind: 'number', label: 'Test points shown', default: 2000, min: 100, max: 10000, step: 100, integer: true, control: false, rebuild: true, url: true,
    help: 'Class-balanced test images embedded at every snapshot',
  },
  augment: {
    kind: 'boolean', label: 'Augment', default: true, control: false, rebuild: true, url: true,
    help: 'CIFAR-10 and your images only: random crop (pad 4) and horizontal flip, seeded',
  },
  openSet: {
    kind: 'classes', label: 'Held-out classes', default: [], maxClass: MAX_OWN_CLASSES - 1, maxLength: MAX_OWN_CLASSES - 2, control: false, rebuild: true, url: true, optional: true,
    help: 'Classes held out of training and scored as "unknown" (open-set split)',
  },
  plannedEpochs: {
    // two epochs of MNIST (≈ 938 steps, half a minute); 100 epochs of the 5 085-image CIFAR-10
    // subset (≈ 4 000 steps), which needs many passes; 20 epochs of a 4 000-point toy set (625
    // steps of a tiny MLP: seconds); 100 epochs of your own images (a few hundred images: a few
    // hundred steps)
    kind: 'number', label: 'Planned epochs', default: 2, perDataset: { mnist: 2, cifar10: 100, 'toy-blobs': 20, 'toy-spirals': 20, 'own-images': 100 }, min: 0.5, max: 1000, step: 0.5, integer: false,
    control: true, rebuild: false, url: true, optional: true,
    help: 'Training pauses after this many epochs, when the learning rate has decayed; press Train to go on',
  },
  lrSchedule: {
    kind: 'choice', label: 'LR schedule', default: 'cosine', control: true, rebuild: false, url: true, optional: true,
    help: 'The learning rate over the planned length: a 5 % warm-up then a cosine decay to 2 % of each run\'s rate, or constant',
    options: [{ value: 'cosine', label: 'Warm-up + cosine decay' }, { value: 'constant', label: 'Constant' }],
  },
  optimizer: {
    kind: 'choice', label: 'Optimizer', default: 'adam', control: true, rebuild: true, url: true, optional: true,
    help: 'How every run updates its weights: Adam (β 0.9 / 0.999), or SGD with momentum (the papers that train with SGD); a change restarts the runs',
    options: [{ value: 'adam', label: 'Adam' }, { value: 'sgd', label: 'SGD + momentum' }],
  },
  momentum: {
    kind: 'number', label: 'Momentum', default: 0.9, min: 0, max: 0.99, step: 0.01, integer: false, control: true, rebuild: true, url: true, optional: true,
    help: 'SGD only: the momentum μ (buf ← μ·buf + g, as PyTorch\'s SGD); Adam ignores it',
  },
  weightDecay: {
    kind: 'number', label: 'Weight decay', default: 0, min: 0, max: 0.01, step: 0.0001, integer: false, control: true, rebuild: true, url: true, optional: true,
    help: 'L2 weight decay: wd·w added to every weight\'s gradient before the update (PyTorch\'s weight_decay), with either optimizer',
  },
  livePoints: {
    kind: 'choice', label: 'Points while training', default: 'auto', control: true, rebuild: false, url: true, optional: true,
    help: 'Test points each plot embeds in its frames while training: fewer points, more frames a second. Auto: 1000 MNIST images a plot for one or two runs, 500 for more (CIFAR-10: 500). A pause and the plan\'s end show them all',
    options: [
      { value: 'auto', label: 'auto (fewer for more runs)' }, { value: '500', label: '500' }, { value: '1000', label: '1000' },
      { value: 'all', label: 'all shown points' },
    ],
  },
  imageSet: {
    kind: 'text', label: 'Image set', default: '', pattern: /^(?:[0-9a-f]{16})?$/, shape: '16 hex digits, or empty',
    control: false, rebuild: true, url: true, optional: true,
    help: 'Your images: the content hash that names the set; a link carries the name, never the images',
  },
} as const satisfies { [K in GlobalKey]: SpecFor<ExperimentConfig[K]> };

export const SETTING_KEYS = Object.keys(SETTINGS) as GlobalKey[];

/** The spec of one setting, widened to the union (for code that walks the table). */
export function specOf(k: GlobalKey): SettingSpec {
  return SETTINGS[k];
}

/** A setting's default for a dataset (a copy, for list-valued settings). */
export function defaultOf<K extends GlobalKey>(k: K, dataset: DatasetId): ExperimentConfig[K] {
  const s = specOf(k);
  if (s.kind === 'number' && s.perDataset) return s.perDataset[dataset] as ExperimentConfig[K];
  if (s.kind === 'classes') return [...s.default] as ExperimentConfig[K];
  return s.default as ExperimentConfig[K];
}

/** Every global setting at its default for a dataset, in the table's order. */
export function defaultGlobals(dataset: DatasetId = SETTINGS.dataset.default): Omit<ExperimentConfig, 'version' | 'runs'> {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) out[k] = k === 'dataset' ? dataset : defaultOf(k, dataset);
  return out as Omit<ExperimentConfig, 'version' | 'runs'>;
}

/** The keys whose change forces a fresh session (new trainer, all runs from step 0). */
export const REBUILD_KEYS: readonly GlobalKey[] = SETTING_KEYS.filter((k) => specOf(k).rebuild);

/**
 * Whether going from `prev` to `next` needs a fresh session. The one answer for the page (the
 * controller shows "Preparing", the preset loader skips its reset) and the worker (builds a new
 * Trainer); other changes apply to the running session (runs' parameters, plan, schedule).
 */
export function needsRebuild(prev: ExperimentConfig, next: ExperimentConfig): boolean {
  return REBUILD_KEYS.some((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
}

/**
 * A patch to the globals, completed: settings whose default depends on the dataset and that were
 * left at the old dataset's default follow the new dataset (2 MNIST epochs are ~80 steps of the
 * CIFAR-10 subset); a value the user chose stays.
 */
export function withDatasetDefaults(prev: ExperimentConfig, patch: Partial<ExperimentConfig>): ExperimentConfig {
  const next = { ...prev, ...patch };
  if (!patch.dataset || patch.dataset === prev.dataset) return next;
  for (const k of SETTING_KEYS) {
    const s = specOf(k);
    if (s.kind !== 'number' || !s.perDataset || k in patch) continue;
    if (prev[k] === s.perDataset[prev.dataset]) (next as Record<GlobalKey, unknown>)[k] = s.perDataset[patch.dataset];
  }
  return next;
}

// The lists other modules show, derived from the table.
export const DATASETS: { id: DatasetId; label: string }[] = SETTINGS.dataset.options.map((o) => ({ id: o.value, label: o.label }));
export const BACKEND_CHOICES: BackendChoice[] = SETTINGS.backend.options.map((o) => o.value);
export const LR_SCHEDULES: { id: LrScheduleKind; label: string }[] = SETTINGS.lrSchedule.options.map((o) => ({ id: o.value, label: o.label }));
export const OPTIMIZERS: { id: OptimizerKind; label: string }[] = SETTINGS.optimizer.options.map((o) => ({ id: o.value, label: o.label }));
export const DEFAULT_PLANNED_EPOCHS: Record<DatasetId, number> = SETTINGS.plannedEpochs.perDataset;
