/**
 * Training-step throughput in Node: our createTrainStep (fused and reference forward) against
 * TF.js's own model.fit on a tf.layers model of the same architecture, on the wasm and cpu backends.
 *
 *   npx tsx scripts/bench-node.ts                 # full table
 *   npx tsx scripts/bench-node.ts --backend wasm --data mnist --profile   # per-kernel breakdown
 *   options: --backend wasm|cpu  --data mnist|cifar  --rounds N  --profile  --no-peer
 *
 * Rows: our step with the fused custom-gradient forward and with backbone.ts's forward under plain
 * autodiff; TF.js's model.fit on the same network; and, on wasm, the same two with TF.js's stock
 * kernels plus only the Conv2DBackpropFilter it lacks ("stock"), which is where the issue started.
 *
 * The machine is shared, so compare ratios within one run, not absolute numbers across runs. Variants
 * are timed round-robin in short blocks (3 steps, or one model.fit of 2 batches) and each reports its
 * median block, so a burst of load from elsewhere hits all of them rather than one row.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backboneVariables, createBackbone, forwardFlops, lenetSpec, type BackboneSpec } from '../src/engine/backbone';
import { createPeerModel } from '../src/bench/peer';
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

/**
 * One thing to time: `block()` runs a few training steps (or one model.fit call) to completion and
 * returns how many samples it trained on. Variants are timed round-robin, block by block, so that the
 * load of this shared machine falls on all of them alike; each variant's figure is its median block.
 */
interface Variant { label: string; stock: boolean; block(): Promise<number>; dispose(): void }

function stepVariant(label: string, stock: boolean, o: Ours, x: tf.Tensor4D, y: tf.Tensor1D, steps: number): Variant {
  return {
    label, stock, dispose: o.dispose,
    block: async () => {
      for (let i = 0; i < steps; i++) {
        const l = o.step(x, y).loss;
        await l.data(); // the step is not done until its loss can be read (matters for async backends)
        l.dispose();
      }
      return steps * BATCH;
    },
  };
}

function peerVariant(label: string, stock: boolean, s: BackboneSpec, batches: number): Variant {
  // the same tf.layers peer as `npm run bench` uses in the page's worker
  const peer = createPeerModel(s, CLASSES);
  const m = peer.model;
  const { x, y } = batchOf(s, BATCH * batches);
  const y1 = tf.oneHot(y, CLASSES);
  return {
    label, stock,
    block: async () => {
      await m.fit(x, y1, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 });
      return BATCH * batches;
    },
    dispose: () => { tf.dispose([x, y, y1]); peer.dispose(); },
  };
}

/** samples/s of each variant: `warm` untimed rounds, then the median over `rounds` timed rounds */
async function timeRoundRobin(variants: Variant[], warm: number, rounds: number): Promise<number[]> {
  const perSample: number[][] = variants.map(() => []);
  for (let r = 0; r < warm + rounds; r++) {
    for (const [i, v] of variants.entries()) {
      if (wasmStockSwitch) useStockWasmKernels(v.stock);
      const t0 = performance.now();
      const n = await v.block();
      if (r >= warm) perSample[i].push((performance.now() - t0) / 1000 / n);
    }
  }
  if (wasmStockSwitch) useStockWasmKernels(false);
  return perSample.map(t => 1 / median(t));
}

let wasmStockSwitch = false;

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


function printProfile(title: string, rows: KernelRow[], totalMs: number): void {
  console.log(`\n${title}: kernels ${rows.reduce((a, r) => a + r.ms, 0).toFixed(1)} ms of ${totalMs.toFixed(1)} ms wall per step`);
  for (const r of rows.slice(0, 25)) console.log(`  ${r.ms.toFixed(2).padStart(7)} ms  ${String(r.calls).padStart(3)}×  ${r.name}`);
}

async function main(): Promise<void> {
  await initWasmBackendNode();
  console.log(`TF.js ${tf.version_core}, Node ${process.version}, batch ${BATCH}, wasm SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, threads off`);
  const table: string[][] = [['backend', 'data', 'what', 'ms/step', 'samples/s', 'vs peer (stock)', 'vs peer (our kernels)', 'GFLOP/s']];
  for (const backend of backends) {
    await tf.setBackend(backend);
    await tf.ready();
    const wasm = backend === 'wasm';
    wasmStockSwitch = wasm;
    for (const d of datasets) {
      const s = specOf(d);
      const flopsPerSample = forwardFlops(s) * 3;
      const { x, y } = batchOf(s, BATCH);
      // the cpu backend needs ~5 s (MNIST) to ~60 s (CIFAR) per step: one step per variant, one warm-up round for MNIST only
      const steps = wasm ? 3 : 1;
      const rounds = Number(opt('rounds') ?? (wasm ? (d === 'mnist' ? 15 : 6) : 1));
      const warm = wasm || d === 'mnist' ? 1 : 0;
      const variants: Variant[] = [
        stepVariant('createTrainStep, fused forward', false, ours(s, 'fused'), x, y, steps),
        stepVariant('createTrainStep, backbone.ts forward', false, ours(s, 'reference'), x, y, steps),
      ];
      if (withPeer) variants.push(peerVariant('tf.layers model.fit (peer)', false, s, wasm ? 2 : 1));
      if (wasm) {
        // TF.js as shipped + only the missing Conv2DBackpropFilter: where the issue started
        variants.push(stepVariant('stock kernels: backbone.ts forward', true, ours(s, 'reference'), x, y, steps));
        if (withPeer) variants.push(peerVariant('stock kernels: tf.layers model.fit (peer)', true, s, 2));
      }
      const sps = await timeRoundRobin(variants, warm, rounds);
      if (wantProfile) {
        for (const v of variants.slice(0, 2)) {
          const o = v.label.includes('fused') ? ours(s, 'fused') : ours(s, 'reference');
          const p = await profileStep(() => o.step(x, y).loss);
          printProfile(`${backend} ${d} ${v.label}`, p.rows, 1000 * BATCH / sps[variants.indexOf(v)]);
          o.dispose();
        }
      }
      const find = (label: string) => { const i = variants.findIndex(v => v.label === label); return i >= 0 ? sps[i] : NaN; };
      const peerOurs = find('tf.layers model.fit (peer)');
      const peerStock = wasm ? find('stock kernels: tf.layers model.fit (peer)') : peerOurs; // no kernels of ours on cpu
      for (const [i, v] of variants.entries()) {
        const ratio = (peer: number) => Number.isFinite(peer) ? `${(sps[i] / peer).toFixed(2)}×` : 'n/a';
        const row = [backend, d, v.label, (1000 * BATCH / sps[i]).toFixed(1), sps[i].toFixed(0), ratio(peerStock), ratio(peerOurs), (sps[i] * flopsPerSample / 1e9).toFixed(2)];
        table.push(row);
        console.log(`  ${row.join('  ')}`); // progress: the cpu rows take minutes
        v.dispose();
      }
      tf.dispose([x, y]);
    }
  }
  wasmStockSwitch = false;
  const widths = table[0].map((_, i) => Math.max(...table.map(r => r[i].length)));
  console.log('');
  for (const [i, r] of table.entries()) {
    console.log('| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |');
    if (i === 0) console.log('| ' + widths.map(w => '-'.repeat(w)).join(' | ') + ' |');
  }
  console.log(`\nGFLOP/s counts backbone.ts forwardFlops × 3 per sample (MNIST ${(forwardFlops(specOf('mnist')) * 3 / 1e6).toFixed(2)} MFLOP, CIFAR ${(forwardFlops(specOf('cifar')) * 3 / 1e6).toFixed(2)} MFLOP).`);
}

main().catch(e => { console.error(e); process.exit(1); });
