import * as tf from '@tensorflow/tfjs-core';
import { pairwiseDistance } from '../common/distance';
import { batchAllTriplets, batchHardMiner, semiHardMiner, type MiningStrategy } from './miners';

/** Enough lines to see the pattern; more only clutters the plot. */
const MAX_TRIPLETS = 150;

/**
 * The (a, p, n) triplets the miner selects in a batch, as flat local indices, keeping those with a
 * positive loss D(a,p) − D(a,n) + m > 0 (the ones that push). Uses the loss's own miners so the plot
 * shows exactly what the loss trains on.
 */
export async function minedTriplets(feature: tf.Tensor2D, labels: tf.Tensor1D, mining: MiningStrategy, margin: number, squared: boolean): Promise<Int32Array> {
  const n = feature.shape[0];
  const dist = pairwiseDistance(feature, feature, { squared });
  const d = (await dist.array()) as number[][];
  const out: number[] = [];
  const push = (a: number, p: number, q: number) => {
    if (out.length / 3 < MAX_TRIPLETS && d[a][p] - d[a][q] + margin > 0) out.push(a, p, q);
  };
  try {
    if (mining === 'batch_hard') {
      const sel = batchHardMiner(dist, labels);
      const [pos, neg, anchors] = await Promise.all([sel.positive.array(), sel.negative.array(), sel.anchors.array()]);
      tf.dispose([sel.positive, sel.negative, sel.anchors]);
      for (let a = 0; a < n; a++) if (anchors[a] > 0) push(a, pos[a].indexOf(1), neg[a].indexOf(1));
    } else if (mining === 'semi_hard') {
      const sel = semiHardMiner(dist, labels);
      const [pairs, neg] = await Promise.all([sel.positivePairs.array(), sel.negative.array()]);
      tf.dispose([sel.positivePairs, sel.negative]);
      for (let a = 0; a < n; a++) {
        for (let p = 0; p < n; p++) {
          if (!(pairs[a][p] > 0)) continue;
          const w = neg[a][p];
          push(a, p, w.indexOf(Math.max(...w)));
        }
      }
    } else {
      const all = batchAllTriplets(labels);
      const mask = await all.array();
      all.dispose();
      for (let a = 0; a < n; a++) for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) if (mask[a][p][q] > 0) push(a, p, q);
    }
  } finally {
    dist.dispose();
  }
  return Int32Array.from(out);
}
