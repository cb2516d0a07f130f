import * as tf from '@tensorflow/tfjs-core';
import '../../engine/tfNode'; // the CPU backend and every gradient, in Node
import { describe, expect, it } from 'vitest';
import { lenetSpec } from '../../engine/backbone';
import { createHead } from '../../losses/heads';
import { CLASS_MEAN_RATE } from '../../losses/triplet/classMeans';
import { Trainer } from '../../engine/trainer';
import { defaultParams, LOSSES } from '../../losses';
import type { ExperimentConfig } from '../../config/config';
import { defaultGlobals } from '../../config/settings';
import { parseEmbeddingsFile } from '../importEmbeddings';
import { ENGINE_MIRROR, experimentFile, pytorchProject, TEMPLATE_FILES } from './generate';
import { readTemplates } from './nodeTemplates';

const config = (): ExperimentConfig => ({
  version: 1, ...defaultGlobals('mnist'), backend: 'auto', embeddingDim: 2, batchSize: 128, seed: 3, evalSize: 2000, augment: false, openSet: [],
  plannedEpochs: 2, lrSchedule: 'cosine',
  runs: LOSSES.map((l, i) => ({ id: `r${i}`, name: l.label, loss: l.id, learningRate: 1e-3, params: {}, choices: {} })),
});

describe('PyTorch export', () => {
  it('mirrors the engine values that live in TF.js modules (a change there must reach the script)', async () => {
    await tf.setBackend('cpu');
    const spec = lenetSpec(28, 28, 1, 2);
    expect(ENGINE_MIRROR.backbone).toEqual({ conv1: spec.conv1, conv2: spec.conv2, hidden1: spec.hidden1, hidden2: spec.hidden2, init: spec.init });
    const head = createHead({ loss: 'simplex', classes: 10, embeddingDim: 2, trunkDim: 84, params: {}, choices: {}, seed: 1 });
    expect(head.variables[0].shape).toEqual([2, ENGINE_MIRROR.damHidden]);
    head.dispose();
    expect(ENGINE_MIRROR.classMeanRate).toBe(CLASS_MEAN_RATE);
    // the trainer's schedule for two plan lengths: 5 % warm-up below the 200-step cap, and the cap
    for (const planned of [1000, 10000]) {
      // lrSchedule() reads only these members; a full Trainer would need a dataset
      const fake = { plannedSteps: planned, cfg: { lrSchedule: 'cosine' }, lrOverride: {} };
      const s = Trainer.prototype.lrSchedule.call(fake as unknown as Trainer);
      expect(s.floor).toBe(ENGINE_MIRROR.lr.floor);
      expect(s.warmupSteps).toBe(Math.min(ENGINE_MIRROR.lr.warmupMax, Math.round(ENGINE_MIRROR.lr.warmupShare * planned)));
    }
  });

  it('writes every template and experiment.json with each loss\'s resolved registry parameters', () => {
    const files = pytorchProject(config(), readTemplates(), '/data');
    expect(files.map((f) => f.path)).toEqual([...TEMPLATE_FILES, 'experiment.json']);
    const exp = experimentFile(config(), '/data');
    for (const r of exp.runs) expect(r.params).toEqual(defaultParams(r.loss as (typeof LOSSES)[number]['id']));
    expect(exp.runs.find((r) => r.loss === 'triplet')?.needsPK).toBe(true);
    expect(exp.engine.lr.warmupStart).toBeCloseTo(0.1, 12);
    const readme = files.find((f) => f.path === 'README.md')?.text ?? '';
    expect(readme).not.toMatch(/\{\{\w+\}\}/);
    expect(readme).toContain('Simplex centers (Nirvana)');
  });

  it('carries the Optimizer settings: experiment.json has them, train.py builds SGD or Adam from them', () => {
    const files = pytorchProject({ ...config(), optimizer: 'sgd', momentum: 0.8, weightDecay: 5e-4 }, readTemplates(), '/data');
    const exp = JSON.parse(files.find((f) => f.path === 'experiment.json')?.text ?? '{}') as { config: ExperimentConfig };
    expect(exp.config).toMatchObject({ optimizer: 'sgd', momentum: 0.8, weightDecay: 5e-4 });
    expect(files.find((f) => f.path === 'README.md')?.text).toContain('SGD (momentum 0.8), weight decay 0.0005');
    const train = files.find((f) => f.path === 'train.py')?.text ?? '';
    expect(train).toContain('torch.optim.SGD(model.parameters(), lr=lr, momentum=cfg.get("momentum", 0.9), weight_decay=wd)');
    expect(train).toContain('if cfg.get("optimizer", "adam") == "sgd":');
  });

  it('refuses the toy 2-D sets, saying so, rather than writing a LeNet project for them', () => {
    expect(() => pytorchProject({ ...config(), dataset: 'toy-spirals' }, readTemplates(), '/data')).toThrow(/toy 2-D sets and their MLP are not exported/);
  });

  it('exports your images: the config names the set, data.py and train.py know the dataset', () => {
    const files = pytorchProject({ ...config(), dataset: 'own-images', imageSet: '0123456789abcdef' }, readTemplates(), 'data');
    const exp = JSON.parse(files.find((f) => f.path === 'experiment.json')?.text ?? '{}') as { config: { dataset: string; imageSet: string } };
    expect(exp.config).toMatchObject({ dataset: 'own-images', imageSet: '0123456789abcdef' });
    expect(files.find((f) => f.path === 'README.md')?.text).toContain('your images (set 0123456789abcdef)');
    expect(files.find((f) => f.path === 'data.py')?.text).toContain('def load_own_images(folder)');
    expect(files.find((f) => f.path === 'train.py')?.text).toContain('("cifar10", "own-images")');
  });
});

describe('importing embeddings', () => {
  const doc = (extra: Record<string, unknown> = {}) => JSON.stringify({
    format: 'metric-learning-playground/embeddings', version: 1, run: { id: 'r1', name: 'Center loss' }, step: 40, dim: 2,
    projection: { kind: 'identity', axes: ['f₁', 'f₂'] }, classNames: ['a', 'b'], config: { seed: 5, openSet: [1] },
    overlay: { kind: 'centers', dim: 2, points: [[0, 1], [2, 3]] }, unitCircle: false,
    points: [
      { id: 0, label: 0, prediction: 0, embedding: [0.5, null], xy: [0.5, null], unknownScore: 0.1 },
      { id: 1, label: 1, prediction: 0, embedding: [1, 2], xy: [1, 2], unknownScore: 0.9 },
    ],
    ...extra,
  });

  it('reads the PyTorch script\'s JSON with its geometry and open-set scores', () => {
    const r = parseEmbeddingsFile(doc(), 'e.json');
    expect([r.name, r.step, r.dim, r.seed]).toEqual(['Center loss', 40, 2, 5]);
    expect(Array.from(r.points)).toEqual([0.5, NaN, 1, 2]);
    expect(Array.from(r.overlay?.points ?? [])).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.unknownMask ?? [])).toEqual([0, 1]);
    expect(Array.from(r.unknownScores ?? [])).toEqual([Math.fround(0.1), Math.fround(0.9)]);
  });

  it('names what is wrong with a file that is not an export', () => {
    expect(() => parseEmbeddingsFile(doc({ format: 'other' }), 'x.json')).toThrow(/"format"/);
    expect(() => parseEmbeddingsFile(doc({ points: [{ label: 7, prediction: 0, embedding: [1, 2], xy: [1, 2] }] }), 'x.json')).toThrow(/label 7/);
    expect(() => parseEmbeddingsFile('a,b\n1,2\n', 'x.csv')).toThrow(/CSV header/);
  });

  it('reads the page\'s CSV export', () => {
    const r = parseEmbeddingsFile('id,label,label_name,prediction,prediction_name,f1,f2,x,y\n0,1,"b,1",0,a,0.5,1,0.5,1\n', 'run.csv');
    expect(r.classNames).toEqual(['a', 'b,1']);
    expect(Array.from(r.xy)).toEqual([0.5, 1]);
  });
});
