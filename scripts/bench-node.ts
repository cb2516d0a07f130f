/**
 * Training-step throughput in Node: our createTrainStep (fused and reference forward) against
 * TF.js's own model.fit on a tf.layers model of the same architecture, on the wasm and cpu backends.
 *
 *   npx tsx scripts/bench-node.ts                 # full table
 *   npx tsx scripts/bench-node.ts --backend wasm --data mnist --profile   # per-kernel breakdown
 *   options: --backend wasm|cpu  --data mnist|cifar  --reps N  --profile  --no-peer
 *
 * Rows: our step with the fused custom-gradient forward and with backbone.ts's forward under plain
 * autodiff; TF.js's model.fit on the same network; and, on wasm, the same two with TF.js's stock
 * kernels plus only the Conv2DBackpropFilter it lacks ("stock"), which is where the issue started.
 *
 * The machine is shared, so compare ratios within one run, not absolute numbers across runs.
 */
import * as tf from '@tensorflow/tfjs';
import { backboneVariables, createBackbone, forwardFlops, lenetSpec, type BackboneSpec } from '../src/engine/backbone';
import { createTrainStep, type TrainStep } from '../src/engine/trainStep';
import { useStockWasmKernels } from '../src/engine/wasm/kernels';
import { initWasmBackendNode } from '../src/engine/wasm/node';
import { median, profileStep, type KernelRow } from './bench/util';

const BATCH = 128;
const CLASSES = 10;

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const backends = opt('backend') ? [opt('backend')!] : ['wasm', 'cpu'];
const datasets = opt('data') ? [opt('data')!] : ['mnist', 'cifar'];
const wantProfile = args.includes('--profile');
const withPeer = !args.includes('--no-peer');

const specOf = (d: string): BackboneSpec => d === 'cifar' ? lenetSpec(32, 32, 3, 2) : lenetSpec(28, 28, 1, 2);

function batchOf(s: BackboneSpec, n: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  return tf.tidy(() => ({
    x: tf.randomUniform([n, s.height, s.width, s.channels], 0, 1, 'float32', 1) as tf.Tensor4D,
    y: tf.randomUniform([n], 0, CLASSES, 'int32', 2) as tf.Tensor1D,
  }));
}

/** median seconds per step of `step` over reps timed steps after warm-up; each step is read back */
async function timeSteps(step: () => tf.Tensor, warm: number, reps: number): Promise<number> {
  for (let i = 0; i < warm; i++) { const l = step(); await l.data(); l.dispose(); }
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const l = step();
    await l.data(); // the step is not done until its loss can be read (matters for async backends)
    times.push((performance.now() - t0) / 1000);
    l.dispose();
  }
  return median(times);
}

interface Ours { step: TrainStep; dispose(): void }

function ours(s: BackboneSpec, forward: 'fused' | 'reference'): Ours {
  const w = createBackbone(s, 1);
  const cls = tf.variable(tf.randomNormal([s.embeddingDim, CLASSES], 0, 0.5, 'float32', 3));
  const optimizer = tf.train.adam(1e-3);
  const step = createTrainStep({
    weights: w, headVariables: [cls], optimizer, forward,
    loss: (_t, f, labels) => tf.losses.softmaxCrossEntropy(tf.oneHot(labels, CLASSES), tf.matMul(f, cls)) as tf.Scalar,
  });
  return { step, dispose: () => { tf.dispose([...backboneVariables(w), cls]); optimizer.dispose(); } };
}

/** the same network as tf.layers: backbone + a bias-free 2→10 classifier, softmax CE, Adam */
function peerModel(s: BackboneSpec): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [s.height, s.width, s.channels], filters: s.conv1, kernelSize: 5, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  m.add(tf.layers.conv2d({ filters: s.conv2, kernelSize: 5, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: s.hidden1, activation: 'relu' }));
  m.add(tf.layers.dense({ units: s.hidden2, activation: 'relu' }));
  m.add(tf.layers.dense({ units: s.embeddingDim }));
  m.add(tf.layers.dense({ units: CLASSES, useBias: false }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: (yt: tf.Tensor, yp: tf.Tensor) => tf.losses.softmaxCrossEntropy(yt, yp) });
  return m;
}

/** samples/s of model.fit over `batches` batches of 128 (one epoch per timing), median of reps */
async function timePeer(s: BackboneSpec, batches: number, reps: number, warmUp: boolean): Promise<number> {
  const m = peerModel(s);
  const { x, y } = batchOf(s, BATCH * batches);
  const y1 = tf.oneHot(y, CLASSES);
  const fit = () => m.fit(x, y1, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 });
  if (warmUp) await fit();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fit();
    times.push((performance.now() - t0) / 1000);
  }
  tf.dispose([x, y, y1]);
  m.dispose();
  return (BATCH * batches) / median(times);
}

function printProfile(title: string, rows: KernelRow[], totalMs: number): void {
  console.log(`\n${title}: kernels ${rows.reduce((a, r) => a + r.ms, 0).toFixed(1)} ms of ${totalMs.toFixed(1)} ms wall per step`);
  for (const r of rows.slice(0, 25)) console.log(`  ${r.ms.toFixed(2).padStart(7)} ms  ${String(r.calls).padStart(3)}×  ${r.name}`);
}

async function main(): Promise<void> {
  await initWasmBackendNode();
  console.log(`TF.js ${tf.version.tfjs}, Node ${process.version}, batch ${BATCH}, wasm SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, threads off`);
  const table: string[][] = [['backend', 'data', 'what', 'ms/step', 'samples/s', 'vs peer (stock)', 'vs peer (our kernels)', 'GFLOP/s']];
  for (const backend of backends) {
    await tf.setBackend(backend);
    await tf.ready();
    const wasm = backend === 'wasm';
    for (const d of datasets) {
      // the cpu backend needs ~5 s (MNIST) to ~50 s (CIFAR) per step: time it once, after one warm-up for MNIST only
      const warm = wasm ? 5 : d === 'mnist' ? 1 : 0;
      const reps = Number(opt('reps') ?? (wasm ? 30 : 1));
      const s = specOf(d);
      const flopsPerSample = forwardFlops(s) * 3;
      const { x, y } = batchOf(s, BATCH);
      const results: [string, number][] = [];
      const timeOurs = async (label: string, fwd: 'fused' | 'reference'): Promise<void> => {
        const o = ours(s, fwd);
        const sec = await timeSteps(() => o.step(x, y).loss, warm, reps);
        results.push([label, BATCH / sec]);
        if (wantProfile) {
          const p = await profileStep(() => o.step(x, y).loss);
          printProfile(`${backend} ${d} ${label}`, p.rows, sec * 1000);
        }
        o.dispose();
      };
      const timeFit = async (label: string): Promise<number> => {
        try {
          const sps = await timePeer(s, wasm ? 8 : 1, wasm ? 5 : 1, warm > 0);
          results.push([label, sps]);
          return sps;
        } catch (e) {
          results.push([`${label}: failed, ${(e as Error).message.slice(0, 60)}`, NaN]);
          return NaN;
        }
      };
      await timeOurs('createTrainStep, fused forward', 'fused');
      await timeOurs('createTrainStep, backbone.ts forward', 'reference');
      let peerOurs = NaN, peerStock = NaN;
      if (withPeer) peerOurs = await timeFit('tf.layers model.fit (peer)');
      if (wasm) {
        // TF.js as shipped + only the missing Conv2DBackpropFilter: where the issue started
        useStockWasmKernels(true);
        await timeOurs('stock kernels: backbone.ts forward', 'reference');
        if (withPeer) peerStock = await timeFit('stock kernels: tf.layers model.fit (peer)');
        useStockWasmKernels(false);
      } else {
        peerStock = peerOurs; // no kernels of ours on cpu
      }
      for (const [what, sps] of results) {
        const ratio = (peer: number) => Number.isFinite(peer) && Number.isFinite(sps) ? `${(sps / peer).toFixed(2)}×` : 'n/a';
        const row = [backend, d, what, (1000 * BATCH / sps).toFixed(1), sps.toFixed(0), ratio(peerStock), ratio(peerOurs), (sps * flopsPerSample / 1e9).toFixed(2)];
        table.push(row);
        console.log(`  ${row.join('  ')}`); // progress: the cpu rows take minutes
      }
      tf.dispose([x, y]);
    }
  }
  const widths = table[0].map((_, i) => Math.max(...table.map(r => r[i].length)));
  console.log('');
  for (const [i, r] of table.entries()) {
    console.log('| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |');
    if (i === 0) console.log('| ' + widths.map(w => '-'.repeat(w)).join(' | ') + ' |');
  }
  console.log(`\nGFLOP/s counts backbone.ts forwardFlops × 3 per sample (MNIST ${(forwardFlops(specOf('mnist')) * 3 / 1e6).toFixed(2)} MFLOP, CIFAR ${(forwardFlops(specOf('cifar')) * 3 / 1e6).toFixed(2)} MFLOP).`);
}

main().catch(e => { console.error(e); process.exit(1); });
