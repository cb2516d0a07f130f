/**
 * Per-channel mean and standard deviation of HWC uint8 pixels, scaled to [0,1] — the normalisation
 * constants of a Dataset. Integer histograms keep this exact and fast on tens of millions of pixels.
 */
export function channelStats(pixels: Uint8Array, channels: number): { mean: number[]; std: number[] } {
  const hist = Array.from({ length: channels }, () => new Float64Array(256));
  for (let i = 0; i < pixels.length; i++) hist[i % channels][pixels[i]]++;
  const mean: number[] = [];
  const std: number[] = [];
  for (const h of hist) {
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    for (let v = 0; v < 256; v++) {
      const x = v / 255;
      n += h[v];
      sum += h[v] * x;
      sumSq += h[v] * x * x;
    }
    const m = n > 0 ? sum / n : 0;
    mean.push(m);
    std.push(n > 0 ? Math.sqrt(Math.max(0, sumSq / n - m * m)) : 0);
  }
  return { mean, std };
}
