import seedrandom from 'seedrandom';

/**
 * Seeded batch samplers over a label array (indices into the dataset). Pure: the same labels, seed and
 * mode give the same sequence of batches on any machine.
 * - shuffle: epochs of a seeded permutation, cut into batches of a fixed size (a batch that crosses
 *   an epoch boundary continues into the next permutation, so every batch has the same shape).
 * - pk: P distinct classes × K samples each (Hermans et al. 2017; Taha et al. use P×4), laid out class
 *   by class. Classes are visited in seeded rounds so all get equal use; each class walks its own
 *   seeded permutation, and a class with fewer than K samples repeats some. With `batch` (P·K ≤ batch
 *   < P·(K+1)) the first batch − P·K classes of a batch get K+1 samples, so that a P×K batch holds
 *   exactly the configured batch size (10 classes × 12.8 = 128, rather than 9 × 13 = 117).
 */
export type SamplerMode = { kind: 'shuffle'; batch: number } | { kind: 'pk'; p: number; k: number; batch?: number };

type Rng = () => number;

function shuffleInPlace(a: Int32Array, rng: Rng): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}

/** Endless seeded permutations of a fixed set of values. */
class Cycle {
  private order: Int32Array;
  private pos = 0;
  constructor(private readonly values: Int32Array, private readonly rng: Rng) {
    this.order = shuffleInPlace(Int32Array.from(values), rng);
  }
  next(): number {
    if (this.pos === this.order.length) {
      this.order = shuffleInPlace(Int32Array.from(this.values), this.rng);
      this.pos = 0;
    }
    return this.order[this.pos++];
  }
  /** n values without repeats (n ≤ size): drawing restarts a permutation rather than repeat within it */
  distinct(n: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    while (out.length < n) {
      const v = this.next();
      if (!seen.has(v)) { seen.add(v); out.push(v); }
    }
    return out;
  }
}

export class BatchSampler {
  readonly batchSize: number;
  private readonly draw: () => Int32Array;

  constructor(labels: ArrayLike<number>, classes: number, seed: number, mode: SamplerMode) {
    const n = labels.length;
    if (n === 0) throw new Error('the sampler needs at least one sample');
    const rng = seedrandom(`sampler:${mode.kind}:${seed}`);
    if (mode.kind === 'shuffle') {
      if (!(mode.batch >= 1)) throw new Error(`batch size must be at least 1 (got ${mode.batch})`);
      this.batchSize = mode.batch;
      const all = new Cycle(Int32Array.from({ length: n }, (_, i) => i), rng);
      this.draw = () => Int32Array.from({ length: mode.batch }, () => all.next());
      return;
    }
    const { p, k } = mode;
    if (!(p >= 1 && k >= 1)) throw new Error(`P×K sampling needs P ≥ 1 and K ≥ 1 (got P=${p}, K=${k})`);
    const total = mode.batch ?? p * k;
    if (!(total >= p * k && total < p * (k + 1))) throw new Error(`a P×K batch of ${total} needs P·K ≤ ${total} < P·(K+1) (P=${p}, K=${k})`);
    const extra = total - p * k;
    const byClass: number[][] = Array.from({ length: classes }, () => []);
    for (let i = 0; i < n; i++) {
      const y = labels[i];
      if (!(y >= 0 && y < classes)) throw new Error(`label ${y} of sample ${i} is outside 0..${classes - 1}`);
      byClass[y].push(i);
    }
    const present = Int32Array.from(byClass.flatMap((members, c) => (members.length > 0 ? [c] : [])));
    if (p > present.length) {
      throw new Error(`P×K sampling needs P ≤ the number of classes present (P = ${p}, ${present.length} classes have samples)`);
    }
    const classCycle = new Cycle(present, rng);
    const memberCycles = byClass.map((members) => new Cycle(Int32Array.from(members), rng));
    this.batchSize = total;
    this.draw = () => {
      const out = new Int32Array(total);
      let at = 0;
      for (const [slot, c] of classCycle.distinct(p).entries()) {
        const members = memberCycles[c];
        const kc = slot < extra ? k + 1 : k;
        // K distinct samples when the class has them, otherwise its permutation repeats
        const picks = byClass[c].length >= kc ? members.distinct(kc) : Array.from({ length: kc }, () => members.next());
        for (const i of picks) out[at++] = i;
      }
      return out;
    };
  }

  /** Indices of the next batch. */
  next(): Int32Array {
    return this.draw();
  }
}

/**
 * The trainer's one sampler for all runs, over the known-class training samples `subset` (dataset
 * indices into `labels`, which holds every training label): P×K when `pk`, else shuffled. A P×K
 * batch holds every one of the `present` known classes (at least two samples each) and is filled to
 * `batch` exactly: more negatives for the miners, and every run sees the same number of samples per
 * step. Batches come back as dataset indices.
 */
export function subsetSampler(labels: Uint8Array, subset: Int32Array, classes: number, present: number, batch: number, seed: number, pk: boolean): { next(): Int32Array } {
  const B = batch;
  const p = Math.max(2, Math.min(present, Math.floor(B / 2)));
  const mode: SamplerMode = pk ? { kind: 'pk', p, k: Math.floor(B / p), batch: B } : { kind: 'shuffle', batch: B };
  const inner = new BatchSampler(Uint8Array.from(subset, (i) => labels[i]), classes, seed, mode);
  // the sampler indexes the known-class subset; map back to dataset indices
  return { next: () => Int32Array.from(inner.next(), (j) => subset[j]) };
}
