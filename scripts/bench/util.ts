import * as tf from '@tensorflow/tfjs-core';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface KernelRow { name: string; ms: number; calls: number }

/**
 * Per-kernel time of a step, by kernel name and input shapes: the median over `n` profiled steps (the
 * machine is shared, single profiles are noisy). tf.profile also lists custom-gradient scopes (whose
 * time includes their inner kernels), so only names registered as kernels are counted.
 */
export async function profileStep(step: () => tf.Tensor, n = 9): Promise<{ rows: KernelRow[] }> {
  const backend = tf.getBackend();
  const samples = new Map<string, { calls: number; ms: number[] }>();
  for (let i = 0; i < n; i++) {
    const info = await tf.profile(() => { step().dispose(); });
    const once = new Map<string, { calls: number; ms: number }>();
    for (const k of info.kernels) {
      if (!tf.getKernel(k.name, backend)) continue;
      const key = `${k.name} ${k.inputShapes.map(s => (s ? `[${s.join(',')}]` : '-')).join(' ')}`;
      const r = once.get(key) ?? { calls: 0, ms: 0 };
      r.calls++;
      r.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      once.set(key, r);
    }
    for (const [key, r] of once) {
      const acc = samples.get(key) ?? { calls: r.calls, ms: [] };
      acc.ms.push(r.ms);
      samples.set(key, acc);
    }
  }
  const rows = [...samples].map(([name, r]) => ({ name, calls: r.calls, ms: median(r.ms) }));
  return { rows: rows.sort((a, b) => b.ms - a.ms) };
}
