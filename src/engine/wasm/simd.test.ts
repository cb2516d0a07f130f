import { describe, expect, it } from 'vitest';
import { convPoolGradSimd, reserveHeapScratch, simdAvailable, type ConvPoolGradArgs, type WasmHeap } from './simd';
import { randn, relErr } from '../../testing/wasmTestUtil';

/**
 * convPoolGrad.wat straight against a float64 loop, on shapes that reach each of its row paths (rows
 * of 2 and of 4 vectors, up to 20 through Duff's device, longer ones) and the edges kernels.test.ts's
 * LeNet shapes do not: odd conv sizes (a pooled row or column dropped), 1×1 and non-square filters,
 * ties in a window (the first maximum takes the gradient) and windows cut by relu.
 */

interface Case { name: string; x: [number, number, number, number]; kh: number; kw: number; co: number }

const cases: Case[] = [
  { name: 'rows of 2 vectors (MNIST conv1)', x: [3, 12, 12, 1], kh: 5, kw: 5, co: 4 },
  { name: 'rows of 4 vectors (CIFAR conv1), odd conv sizes', x: [2, 13, 11, 3], kh: 5, kw: 5, co: 5 },
  { name: "Duff's device: rows of 1 vector, 1×1 filter", x: [2, 7, 9, 3], kh: 1, kw: 1, co: 3 },
  { name: "Duff's device: rows of 3 vectors, 2×3 filter", x: [2, 8, 9, 4], kh: 2, kw: 3, co: 3 },
  { name: "Duff's device: rows of 20 vectors (conv2), 3×4 filter", x: [2, 9, 10, 20], kh: 3, kw: 4, co: 3 },
  { name: 'long rows: 25 vectors', x: [2, 9, 9, 20], kh: 5, kw: 5, co: 3 },
  { name: 'long rows: 23 vectors, the last 3 one by one', x: [2, 8, 7, 30], kh: 2, kw: 3, co: 2 },
];

/** Inputs whose conv output is quantised, so that windows hold ties, and about half of it is cut by relu. */
function inputs(c: Case, seed: string): ConvPoolGradArgs & { co: number } {
  const [B, H, W, Ci] = c.x;
  const Ho = H - c.kh + 1, Wo = W - c.kw + 1, Hp = Ho >> 1, Wp = Wo >> 1;
  const conv = randn(`c:${seed}`, B * Ho * Wo * c.co).map(v => Math.max(0, Math.round(v * 2) / 2));
  const pooled = new Float32Array(B * Hp * Wp * c.co);
  for (let b = 0; b < B; b++) {
    for (let py = 0; py < Hp; py++) {
      for (let px = 0; px < Wp; px++) {
        for (let o = 0; o < c.co; o++) {
          const at = (dy: number, dx: number) => conv[((b * Ho + 2 * py + dy) * Wo + 2 * px + dx) * c.co + o];
          pooled[((b * Hp + py) * Wp + px) * c.co + o] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
        }
      }
    }
  }
  return {
    x: randn(`x:${seed}`, B * H * W * Ci), c: conv, p: pooled, dp: randn(`dp:${seed}`, pooled.length),
    w: randn(`w:${seed}`, c.kh * c.kw * Ci * c.co, 0.3),
    xShape: c.x, cShape: [B, Ho, Wo, c.co], pShape: [B, Hp, Wp, c.co], kh: c.kh, kw: c.kw, co: c.co,
  };
}

/** The definition, in float64: each pooled gradient to its window's first maximum, if that is > 0. */
function reference(a: ConvPoolGradArgs & { co: number }): { dw: Float64Array; db: Float64Array; dx: Float64Array } {
  const [B, H, W, Ci] = a.xShape;
  const [, Ho, Wo, Co] = a.cShape;
  const [, Hp, Wp] = a.pShape;
  const dw = new Float64Array(a.kh * a.kw * Ci * Co), db = new Float64Array(Co), dx = new Float64Array(B * H * W * Ci);
  for (let b = 0; b < B; b++) {
    for (let py = 0; py < Hp; py++) {
      for (let px = 0; px < Wp; px++) {
        for (let o = 0; o < Co; o++) {
          const g = a.dp[((b * Hp + py) * Wp + px) * Co + o];
          if (!(a.p[((b * Hp + py) * Wp + px) * Co + o] > 0)) continue;
          let y0 = 2 * py, x0 = 2 * px, best = -Infinity;
          for (const [dy, dxx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
            const v = a.c[((b * Ho + 2 * py + dy) * Wo + 2 * px + dxx) * Co + o];
            if (v > best) { best = v; y0 = 2 * py + dy; x0 = 2 * px + dxx; }
          }
          db[o] += g;
          for (let ki = 0; ki < a.kh; ki++) {
            for (let kj = 0; kj < a.kw; kj++) {
              for (let ci = 0; ci < Ci; ci++) {
                const xi = ((b * H + y0 + ki) * W + x0 + kj) * Ci + ci, wi = ((ki * a.kw + kj) * Ci + ci) * Co + o;
                dw[wi] += g * a.x[xi];
                dx[xi] += g * a.w![wi];
              }
            }
          }
        }
      }
    }
  }
  return { dw, db, dx };
}

describe('convPoolGrad.wat (wasm SIMD) against its definition', () => {
  it('runs here (Node has wasm SIMD)', () => {
    expect(simdAvailable()).toBe(true);
  });

  for (const c of cases) {
    it(c.name, () => {
      const a = inputs(c, c.name);
      const ref = reference(a);
      for (const withDx of [false, true]) {
        const dw = new Float32Array(ref.dw.length), db = new Float32Array(ref.db.length);
        const dx = withDx ? new Float32Array(ref.dx.length) : null;
        convPoolGradSimd({ ...a, w: withDx ? a.w : null }, dw, db, dx);
        expect(relErr(dw, ref.dw), 'dW').toBeLessThan(1e-5);
        expect(relErr(db, ref.db), 'db').toBeLessThan(1e-5);
        if (dx) expect(relErr(dx, ref.dx), 'dx').toBeLessThan(1e-5);
      }
    });
  }

  it('gives the gradient of a tied window to its first maximum only', () => {
    // one image, one channel, a 2×2 conv output whose window is all ties: only the top-left pixel's patch counts
    const a: ConvPoolGradArgs = {
      x: Float32Array.from({ length: 9 }, (_, i) => i + 1), c: new Float32Array([2, 2, 2, 2]), p: new Float32Array([2]),
      dp: new Float32Array([3]), w: new Float32Array([1, 10, 100, 1000]), xShape: [1, 3, 3, 1], cShape: [1, 2, 2, 1], pShape: [1, 1, 1, 1], kh: 2, kw: 2,
    };
    const dw = new Float32Array(4), db = new Float32Array(1), dx = new Float32Array(9);
    convPoolGradSimd(a, dw, db, dx);
    expect([...dw]).toEqual([3, 6, 12, 15]); // 3 · x[0..1, 0..1]
    expect([...db]).toEqual([3]);
    expect([...dx]).toEqual([3, 30, 0, 300, 3000, 0, 0, 0, 0]);
  });

  it('reads the inputs in place in a heap it shares, with the same result as copying them, and NaN behind x changes nothing', () => {
    // a stand-in for TF.js's heap: one memory, a bump allocator that starts the tensors at odd 4-byte offsets
    const memory = new WebAssembly.Memory({ initial: 1 });
    let top = 4;
    const heap: WasmHeap = {
      memory,
      malloc: (bytes) => {
        const ptr = top;
        top += (bytes + 7) & ~3;
        if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65536));
        return ptr;
      },
      free: () => undefined,
    };
    for (const c of [cases[0], cases[4]]) {
      const a = inputs(c, `heap:${c.name}`);
      const place = (v: Float32Array) => { const ptr = heap.malloc(v.length * 4); return { ptr, n: v.length, v }; };
      const placed = [place(a.x), place(new Float32Array([NaN, NaN, NaN, NaN])), place(a.c), place(a.p), place(a.dp)];
      const inputsEnd = top;
      expect(reserveHeapScratch(heap, a.xShape, a.cShape, a.kh, a.kw, true)).toBe(true);
      // views only now: the scratch block may have grown the memory
      const [x, , cv, p, dp] = placed.map(({ ptr, n, v }) => { const view = new Float32Array(memory.buffer, ptr, n); view.set(v); return view; });
      const shared = { dw: new Float32Array(a.w!.length), db: new Float32Array(c.co), dx: new Float32Array(a.x.length) };
      const copied = { dw: new Float32Array(a.w!.length), db: new Float32Array(c.co), dx: new Float32Array(a.x.length) };
      const before = Float32Array.from(new Float32Array(memory.buffer, 0, inputsEnd / 4));
      expect(convPoolGradSimd({ ...a, x, c: cv, p, dp }, shared.dw, shared.db, shared.dx, heap)).toBe(true);
      expect(convPoolGradSimd(a, copied.dw, copied.db, copied.dx, heap)).toBe(false); // not in the heap: copied
      expect(shared).toEqual(copied);
      // the inputs in the heap, and what lies around them, are read only
      expect(new Float32Array(memory.buffer, 0, inputsEnd / 4)).toEqual(before);
    }
  });
});
