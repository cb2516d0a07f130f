/*
 * A tiny WebAssembly SIMD module, assembled here byte by byte (no toolchain in the build), for the one
 * loop nest that neither TF.js's wasm kernels nor plain JS do fast: the backward pass of
 * conv(valid, stride 1) + relu + maxpool 2×2/2 for the weights and (optionally) the input. Each pooled
 * gradient g goes to its window's argmax only, and then to
 *   dW[o][ki][:] += g · x[b, y+ki, x.., :]        (run = kw·Cin contiguous floats per ki)
 *   dx[b, y+ki, x.., :] += g · Wt[o][ki][:]
 * i.e. axpy on contiguous runs, done 4 lanes at a time. Skipping the 3 non-argmax positions of each
 * window (and every window whose max was cut by relu) does ≥4× fewer multiply-adds than a dense GEMM.
 * The module has its own memory; inputs are copied in (memcpy speed) rather than reaching into the
 * TF.js backend's heap, which is not a public API.
 */

const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, ch => ch.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

/** Structured-code emitter with named locals; only the instructions the kernel needs. */
class Fn {
  readonly code: number[] = [];
  private readonly names = new Map<string, number>();
  private readonly extra: number[] = []; // types of declared (non-parameter) locals
  constructor(readonly params: string[]) {
    params.forEach((p, i) => this.names.set(p, i));
  }
  local(name: string, type: number): void {
    this.names.set(name, this.params.length + this.extra.length);
    this.extra.push(type);
  }
  private idx(name: string): number {
    const i = this.names.get(name);
    if (i === undefined) throw new Error(`no local ${name}`);
    return i;
  }
  get(n: string): this { this.code.push(0x20, ...uleb(this.idx(n))); return this; }
  set(n: string): this { this.code.push(0x21, ...uleb(this.idx(n))); return this; }
  i32(v: number): this { this.code.push(0x41, ...sleb(v)); return this; }
  op(...bytes: number[]): this { this.code.push(...bytes); return this; }
  simd(op: number, ...imm: number[]): this { this.code.push(0xfd, ...uleb(op), ...imm); return this; }
  /** local n = a op b, with a and b locals or constants */
  let(n: string, a: string | number, opcode: number, b: string | number): this {
    this.push(a).push(b).op(opcode).set(n);
    return this;
  }
  push(v: string | number): this { return typeof v === 'number' ? this.i32(v) : this.get(v); }
  /** for (i = from; i < to; i += step) body — no iteration when from >= to */
  for(i: string, from: string | number, to: string | number, step: number, body: () => void): this {
    this.push(from).set(i);
    this.op(0x02, 0x40); // block
    this.get(i).push(to).op(0x4e).op(0x0d, 0); // i >= to → br_if out
    this.op(0x03, 0x40); // loop
    body();
    this.get(i).i32(step).op(0x6a).set(i);
    this.get(i).push(to).op(0x48).op(0x0d, 0); // i < to → br_if loop
    this.op(0x0b, 0x0b);
    return this;
  }
  /** if (top of stack is non-zero) body */
  if(body: () => void): this {
    this.op(0x04, 0x40);
    body();
    this.op(0x0b);
    return this;
  }
  body(): number[] {
    const groups = this.extra.map(t => [1, t]);
    const b = [...vec(groups), ...this.code, 0x0b];
    return [...uleb(b.length), ...b];
  }
}

// opcodes used below
const ADD = 0x6a, MUL = 0x6c, AND = 0x71, SHL = 0x74, SHRU = 0x76;
const F32STORE = (f: Fn) => f.op(0x38, 2, 0);

/** the kernel's parameters, in order; pointers are byte addresses in the module's memory */
const PARAMS = ['x', 'c', 'p', 'dp', 'acc', 'db', 'wt', 'dx', 'B', 'H', 'W', 'Ci', 'Ho', 'Wo', 'Co', 'Hp', 'Wp', 'kh', 'run', 'K', 'flags'];

/** what each compiled variant is specialised for: inner loops become straight-line code, strides constants */
interface Spec { kh: number; runP: number; rowXBytes: number; ciBytes: number; coBytes: number; rowCBytes: number; withDx: boolean }

function buildModule(spec: Spec): Uint8Array<ArrayBuffer> {
  const f = new Fn(PARAMS);
  for (const n of ['b', 'py', 'px', 'o4', 'k', 'a', 'cw', 'pw', 'dpw', 'xw', 'src', 'dst', 's', 'd']) f.local(n, I32);
  for (const n of ['g', 'best', 'v']) f.local(n, F32);
  f.local('gv', V128);
  const { kh, runP, rowXBytes, ciBytes, coBytes, rowCBytes, withDx } = spec;
  const kBytes = kh * runP * 4;

  /** f32.load from local `base` + a constant byte offset */
  const load = (base: string, offset = 0): void => { f.get(base).op(0x2a, 2, ...uleb(offset)); };
  /**
   * d[dOff(ki) + 0..runP) += gv·s[sOff(ki) + 0..runP) for every ki, fully unrolled: all offsets are
   * constants (memarg immediates), so each 4 lanes cost two loads, a mul, an add and a store.
   */
  const axpyRows = (sOff: (ki: number) => number, dOff: (ki: number) => number): void => {
    for (let ki = 0; ki < kh; ki++) {
      for (let v = 0; v < runP; v += 4) {
        const so = sOff(ki) + 4 * v, dO = dOff(ki) + 4 * v;
        f.get('d');
        f.get('d').simd(0x00, 0, ...uleb(dO)); // v128.load d+dO
        f.get('gv');
        f.get('s').simd(0x00, 0, ...uleb(so)); // v128.load s+so
        f.simd(230); // f32x4.mul
        f.simd(228); // f32x4.add
        f.simd(0x0b, 0, ...uleb(dO)); // v128.store d+dO
      }
    }
  };
  const xRow = (ki: number) => ki * rowXBytes;
  const kRow = (ki: number) => ki * runP * 4;

  f.for('b', 0, 'B', 1, () => {
    f.for('py', 0, 'Hp', 1, () => {
      f.for('px', 0, 'Wp', 1, () => {
        // byte pointers to this window: conv output ((b·Ho + 2py)·Wo + 2px)·Co, pooled ((b·Hp + py)·Wp + px)·Co,
        // and the x / dx offset of its top-left pixel ((b·H + 2py)·W + 2px)·Ci
        f.get('b').get('Ho').op(MUL).get('py').i32(1).op(SHL).op(ADD).get('Wo').op(MUL).get('px').i32(1).op(SHL).op(ADD).i32(coBytes).op(MUL).get('c').op(ADD).set('cw');
        f.get('b').get('Hp').op(MUL).get('py').op(ADD).get('Wp').op(MUL).get('px').op(ADD).i32(coBytes).op(MUL).set('a');
        f.let('pw', 'p', ADD, 'a').let('dpw', 'dp', ADD, 'a');
        f.get('b').get('H').op(MUL).get('py').i32(1).op(SHL).op(ADD).get('W').op(MUL).get('px').i32(1).op(SHL).op(ADD).i32(ciBytes).op(MUL).set('xw');
        f.i32(0).set('dst'); // o·K·4: this channel's row in acc and in Wt
        f.for('o4', 0, coBytes, 4, () => {
          f.let('a', 'dpw', ADD, 'o4'); load('a'); f.set('g');
          // g ≠ 0 and pooled > 0 (relu: a window whose max is ≤ 0 passes no gradient)
          f.get('g').op(0x43, 0, 0, 0, 0).op(0x5c); // f32.ne 0
          f.let('a', 'pw', ADD, 'o4'); load('a'); f.op(0x43, 0, 0, 0, 0).op(0x5e); // f32.gt 0
          f.op(AND);
          f.if(() => {
            // argmax over the window, first maximum wins (TF's MaxPoolGrad rule)
            f.let('a', 'cw', ADD, 'o4');
            load('a'); f.set('best');
            f.i32(0).set('k');
            const probe = (offset: number, k: number, last: boolean): void => {
              load('a', offset); f.set('v');
              f.get('v').get('best').op(0x5e); // f32.gt
              f.if(() => { if (!last) f.get('v').set('best'); f.i32(k).set('k'); });
            };
            probe(coBytes, 1, false);
            probe(rowCBytes, 2, false);
            probe(rowCBytes + coBytes, 3, true);
            // db[o] += g
            f.let('a', 'db', ADD, 'o4');
            f.get('a'); load('a'); f.get('g').op(0x92); F32STORE(f);
            f.get('g').simd(19).set('gv'); // f32x4.splat
            // the argmax pixel: one Ci step right for k odd, one x row down for k ≥ 2
            f.get('xw').get('k').i32(1).op(AND).i32(ciBytes).op(MUL).op(ADD).get('k').i32(1).op(SHRU).i32(rowXBytes).op(MUL).op(ADD).set('src');
            f.let('s', 'x', ADD, 'src').let('d', 'acc', ADD, 'dst');
            axpyRows(xRow, kRow);
            if (withDx) {
              f.let('s', 'wt', ADD, 'dst').let('d', 'dx', ADD, 'src');
              axpyRows(kRow, xRow);
            }
          });
          f.get('dst').i32(kBytes).op(ADD).set('dst');
        });
      });
    });
  });

  const type = [0x60, ...vec(PARAMS.map(() => [I32])), 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])), // memory, 1 page to start
    ...section(7, vec([[...str('convPoolGrad'), 0x00, 0], [...str('memory'), 0x02, 0]])),
    ...section(10, vec([f.body()])),
  ]);
}

interface Exports {
  convPoolGrad: (...args: number[]) => void;
  memory: WebAssembly.Memory;
}

const compiled = new Map<string, Exports>();
let supported: boolean | undefined;
let disabled = false;

/** Tests use this to exercise the plain-JS fallback that engines without wasm SIMD get. */
export function setSimdDisabled(off: boolean): void {
  disabled = off;
}

function instantiate(spec: Spec): Exports {
  const key = JSON.stringify(spec);
  let e = compiled.get(key);
  if (!e) {
    // synchronous compile: a few KB, and we run in a worker (browsers limit sync compiles only on the main thread)
    e = new WebAssembly.Instance(new WebAssembly.Module(buildModule(spec))).exports as unknown as Exports;
    compiled.set(key, e);
  }
  return e;
}

/** Whether the SIMD path can run here; false where WebAssembly SIMD is unavailable (callers then use plain JS). */
export function simdAvailable(): boolean {
  if (disabled) return false;
  if (supported === undefined) {
    try {
      instantiate({ kh: 1, runP: 4, rowXBytes: 16, ciBytes: 4, coBytes: 4, rowCBytes: 8, withDx: true });
      supported = true;
    } catch {
      supported = false;
    }
  }
  return supported;
}

export interface ConvPoolGradArgs {
  x: Float32Array; c: Float32Array; p: Float32Array; dp: Float32Array;
  /** filter [kh, kw, Ci, Co], needed only for the input gradient */
  w: Float32Array | null;
  xShape: number[]; cShape: number[]; pShape: number[]; kh: number; kw: number;
}

/**
 * dW [kh,kw,Ci,Co], db [Co] and, when w is given, dx (x's shape); see the header comment.
 * Each patch run (kw·Ci floats) is padded to a multiple of 4 so the module never needs a scalar tail:
 * the extra lanes of dW's accumulator collect garbage that is dropped here, and the extra lanes of Wt
 * are zeros, so they add exactly 0 to dx. x and dx get 4 floats of slack for the last run's overhang.
 */
export function convPoolGradSimd(a: ConvPoolGradArgs, dwOut: Float32Array, dbOut: Float32Array, dxOut: Float32Array | null): void {
  const [B, H, W, Ci] = a.xShape;
  const [, Ho, Wo, Co] = a.cShape;
  const [, Hp, Wp] = a.pShape;
  const run = a.kw * Ci, runP = (run + 3) & ~3, KP = a.kh * runP;
  const k = instantiate({ kh: a.kh, runP, rowXBytes: W * Ci * 4, ciBytes: Ci * 4, coBytes: Co * 4, rowCBytes: Wo * Co * 4, withDx: a.w !== null });
  const sizes = [a.x.length + 4, a.c.length, a.p.length, a.dp.length, Co * KP, Co, a.w ? Co * KP : 0, a.w ? a.x.length + 4 : 0];
  const offs: number[] = [];
  let total = 0;
  // 16-byte aligned blocks, counted in floats
  for (const s of sizes) { offs.push(total); total += (s + 3) & ~3; }
  const need = total * 4 - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  const m = new Float32Array(k.memory.buffer);
  m.set(a.x, offs[0]); m.fill(0, offs[0] + a.x.length, offs[1]);
  m.set(a.c, offs[1]); m.set(a.p, offs[2]); m.set(a.dp, offs[3]);
  m.fill(0, offs[4], offs[6]); // acc and db
  if (a.w) {
    // Wt [Co][kh][runP]: one contiguous, zero-padded run per (o, ki), like the x patch rows
    const w = a.w, wt = offs[6];
    m.fill(0, wt, offs[7]);
    for (let o = 0; o < Co; o++) {
      for (let ki = 0; ki < a.kh; ki++) {
        for (let r = 0; r < run; r++) m[wt + o * KP + ki * runP + r] = w[(ki * run + r) * Co + o];
      }
    }
    m.fill(0, offs[7], offs[7] + sizes[7]);
  }
  const flags = 1 | (a.w ? 2 : 0);
  k.convPoolGrad(offs[0] * 4, offs[1] * 4, offs[2] * 4, offs[3] * 4, offs[4] * 4, offs[5] * 4, offs[6] * 4, offs[7] * 4,
    B, H, W, Ci, Ho, Wo, Co, Hp, Wp, a.kh, runP, KP, flags);
  for (let o = 0; o < Co; o++) {
    for (let ki = 0; ki < a.kh; ki++) {
      for (let r = 0; r < run; r++) dwOut[(ki * run + r) * Co + o] = m[offs[4] + o * KP + ki * runP + r];
    }
  }
  dbOut.set(m.subarray(offs[5], offs[5] + Co));
  if (dxOut) dxOut.set(m.subarray(offs[7], offs[7] + a.x.length));
}
