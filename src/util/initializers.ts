/**
 * Weight initialisers as plain arrays from a seeded generator, shared by the backbone and the loss
 * heads: the same seed gives the same weights on any backend.
 */

/** Glorot-uniform values from a seeded generator: the same seed gives the same weights on any backend. */
export function glorotUniform(rng: () => number, shape: number[], fanIn: number, fanOut: number): Float32Array {
  return uniform(rng, shape, Math.sqrt(6 / (fanIn + fanOut)));
}

/** He-uniform (variance 2 / fan-in), for layers followed by ReLU. */
export function heUniform(rng: () => number, shape: number[], fanIn: number): Float32Array {
  return uniform(rng, shape, Math.sqrt(6 / fanIn));
}

function uniform(rng: () => number, shape: number[], limit: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng() * 2 - 1) * limit;
  return out;
}
