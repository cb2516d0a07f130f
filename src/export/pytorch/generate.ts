/**
 * A runnable PyTorch project for an experiment (issue 16): the hand-written Python files under
 * ./templates plus experiment.json, generated here from the config, the loss registry and the
 * engine's constants. The Python reads every setting from experiment.json, so a new default or a
 * new parameter in the registry reaches the script without touching the templates. No TensorFlow.js
 * here: the page's main thread builds the project.
 */
import { getLoss, resolveChoices, resolveParams } from '../../losses';
import { HEATUP_ALPHA_FACTOR, HEATUP_LR_FACTOR } from '../../losses/heated/alphaSchedule';
import { lrFactor } from '../../engine/lrSchedule';
import type { ExperimentConfig } from '../../config/config';
import { describeRun } from '../../store/runs';

/** The Python files, in the order the README lists them. */
export const TEMPLATE_FILES = ['train.py', 'losses.py', 'model.py', 'data.py', 'seeded.py', 'metrics.py', 'README.md'] as const;
export type TemplateName = (typeof TEMPLATE_FILES)[number];
export type Templates = Record<TemplateName, string>;

/**
 * Engine values that live in modules importing TensorFlow.js (backbone.ts, losses/simplex/head.ts,
 * classMeans.ts, trainer.ts). They are repeated here so that the page need not load TF.js to export;
 * generate.test.ts builds the real backbone, head and trainer schedule and fails when one drifts.
 */
export const ENGINE_MIRROR = {
  /** lenetSpec(): widths and initialisation */
  backbone: { conv1: 16, conv2: 32, hidden1: 120, hidden2: 84, init: 'he' as const },
  /** SimplexHead's DAM hidden width */
  damHidden: 64,
  /** classMeans.ts CLASS_MEAN_RATE */
  classMeanRate: 0.1,
  /** Trainer.lrSchedule(): warm-up of 5 % of the plan, at most 200 steps, floor 0.02 */
  lr: { warmupShare: 0.05, warmupMax: 200, floor: 0.02 },
  /** tf.train.adam's defaults (ε is the float32 backend's epsilon) */
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
};

/** The factor the warm-up starts from, read off the schedule itself (lrSchedule.ts keeps it private). */
function warmupStart(): number {
  return lrFactor({ kind: 'cosine', plannedSteps: 100, warmupSteps: 10, floor: 0 }, 0);
}

export interface ExperimentFile {
  generatedBy: string;
  config: ExperimentConfig;
  /** where train.py looks for the dataset files unless --data says otherwise */
  dataDir: string;
  backbone: typeof ENGINE_MIRROR.backbone & { embeddingDim: number };
  runs: { id: string; name: string; loss: string; learningRate: number; params: Record<string, number>; choices: Record<string, string>; needsPK: boolean }[];
  engine: {
    lr: { kind: ExperimentConfig['lrSchedule']; warmupStart: number; warmupShare: number; warmupMax: number; floor: number };
    heatup: { alphaFactor: number; lrFactor: number };
    damHidden: number;
    classMeanRate: number;
    adam: typeof ENGINE_MIRROR.adam;
  };
}

export function experimentFile(config: ExperimentConfig, dataDir: string): ExperimentFile {
  return {
    generatedBy: 'metric-learning-playground: Export → PyTorch script',
    config,
    dataDir,
    backbone: { ...ENGINE_MIRROR.backbone, embeddingDim: config.embeddingDim },
    runs: config.runs.map((r) => ({
      id: r.id, name: r.name, loss: r.loss, learningRate: r.learningRate,
      // resolved: every parameter present (registry defaults filled in, values clamped to their ranges)
      params: resolveParams(r.loss, r.params), choices: resolveChoices(r.loss, r.choices),
      needsPK: getLoss(r.loss).needsPK,
    })),
    engine: {
      lr: { kind: config.lrSchedule, warmupStart: warmupStart(), ...ENGINE_MIRROR.lr },
      heatup: { alphaFactor: HEATUP_ALPHA_FACTOR, lrFactor: HEATUP_LR_FACTOR },
      damHidden: ENGINE_MIRROR.damHidden,
      classMeanRate: ENGINE_MIRROR.classMeanRate,
      adam: ENGINE_MIRROR.adam,
    },
  };
}

function plannedSteps(config: ExperimentConfig): string {
  const train = config.dataset === 'mnist' ? 60000 : undefined;
  // the known-class count needs the data; for MNIST (10 even classes) it is close to this
  return train ? `≈ ${Math.round((config.plannedEpochs * train * (1 - config.openSet.length / 10)) / config.batchSize)}` : `${config.plannedEpochs} epochs of`;
}

function readme(template: string, config: ExperimentConfig, dataDir: string): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const runs = config.runs.map((r) => `| ${cell(r.name)} | ${getLoss(r.loss).label} | ${r.learningRate} | ${cell(describeRun(r))} |`).join('\n');
  const label = { mnist: 'MNIST', cifar10: 'CIFAR-10', 'own-images': `your images (set ${config.imageSet})` } as Partial<Record<ExperimentConfig['dataset'], string>>;
  const summary = `${label[config.dataset] ?? config.dataset}, ${config.runs.length} run${config.runs.length === 1 ? '' : 's'}, `
    + `${config.embeddingDim}-D embedding, batch ${config.batchSize}, seed ${config.seed}, ${config.plannedEpochs} planned epochs`
    + (config.openSet.length ? `, classes ${config.openSet.join(', ')} held out` : '')
    + (config.optimizer === 'sgd' ? `, SGD (momentum ${config.momentum})` : ', Adam') + (config.weightDecay ? `, weight decay ${config.weightDecay}` : '');
  const values: Record<string, string> = {
    TITLE: config.runs.map((r) => r.name).join(' · '), SUMMARY: summary, RUNS: runs, STEPS: plannedSteps(config), DATA_DIR: `\`${dataDir}\``,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (m: string, key: string) => values[key] ?? m);
}

export interface ProjectFile { path: string; text: string }

/** Every file of the project, paths relative to its folder. */
export function pytorchProject(config: ExperimentConfig, templates: Templates, dataDir: string): ProjectFile[] {
  // the templates hold the LeNet and the image readers; the toy sets' MLP and generators are not there
  if (config.dataset !== 'mnist' && config.dataset !== 'cifar10' && config.dataset !== 'own-images') {
    throw new Error(`The PyTorch export covers MNIST, CIFAR-10 and your images (the LeNet); the toy 2-D sets and their MLP are not exported (dataset ${config.dataset}).`);
  }
  const files: ProjectFile[] = TEMPLATE_FILES.map((name) => ({
    path: name,
    text: name === 'README.md' ? readme(templates[name], config, dataDir) : templates[name],
  }));
  files.push({ path: 'experiment.json', text: JSON.stringify(experimentFile(config, dataDir), null, 2) + '\n' });
  return files;
}

/** Checks that a template set is complete (a missing file would give a project that cannot run). */
export function asTemplates(found: Record<string, string>): Templates {
  const missing = TEMPLATE_FILES.filter((n) => typeof found[n] !== 'string' || found[n].length === 0);
  if (missing.length) throw new Error(`PyTorch templates missing: ${missing.join(', ')}`);
  return Object.fromEntries(TEMPLATE_FILES.map((n) => [n, found[n]])) as Templates;
}
