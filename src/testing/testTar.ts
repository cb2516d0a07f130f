// Test helper: a minimal ustar writer, so tests can build real archives from the real CIFAR-10 files
// the way GNU tar lays out cifar-10-binary.tar.gz (a directory entry, then its files).
export interface TarInput {
  name: string;
  /** undefined: a directory entry */
  bytes?: Uint8Array;
}

export function writeTar(entries: TarInput[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const e of entries) {
    const h = new Uint8Array(512);
    const put = (s: string, at: number): void => h.set(enc.encode(s), at);
    const size = e.bytes?.length ?? 0;
    put(e.name, 0);
    put(e.bytes ? '0000644\0' : '0000755\0', 100);
    put('0001750\0', 108);
    put('0001750\0', 116);
    put(`${size.toString(8).padStart(11, '0')}\0`, 124);
    put('13000000000\0', 136);
    put('        ', 148);
    h[156] = (e.bytes ? '0' : '5').charCodeAt(0);
    put('ustar  \0', 257); // GNU magic + version, as in the official archive
    put('kriz', 265);
    put('kriz', 297);
    let sum = 0;
    for (const b of h) sum += b;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h);
    if (e.bytes) {
      const padded = new Uint8Array(Math.ceil(size / 512) * 512);
      padded.set(e.bytes);
      blocks.push(padded);
    }
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
