import { describe, expect, it } from 'vitest';
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat } from 'mediabunny';
import { isWebm, pngSize, webmDuration } from './inspect';

describe('pngSize', () => {
  it('reads the IHDR size and rejects other bytes', () => {
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(b.buffer).setUint32(16, 1328);
    new DataView(b.buffer).setUint32(20, 1116);
    expect(pngSize(b)).toEqual({ width: 1328, height: 1116 });
    expect(pngSize(new Uint8Array(40))).toBeNull();
  });
});

describe('webm', () => {
  it('finds the magic and the duration of the WebM that video.ts\'s writer (Mediabunny) makes', async () => {
    // the writer runs without a browser when packets are added already encoded
    const target = new BufferTarget();
    const output = new Output({ format: new WebMOutputFormat(), target });
    const source = new EncodedVideoPacketSource('vp9');
    output.addVideoTrack(source, { frameRate: 10 });
    await output.start();
    const decoderConfig = { codec: 'vp09.00.10.08', codedWidth: 64, codedHeight: 48 };
    for (let i = 0; i < 25; i++) {
      await source.add(new EncodedPacket(new Uint8Array([1, 2, 3, 4]), i % 10 === 0 ? 'key' : 'delta', i * 0.1, 0.1), i === 0 ? { decoderConfig } : undefined);
    }
    await output.finalize();
    const bytes = new Uint8Array(target.buffer!);
    expect(isWebm(bytes)).toBe(true);
    expect(webmDuration(bytes)).toBeCloseTo(2.5, 1);
  });

  it('has no duration without one', () => {
    expect(webmDuration(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x80]))).toBeNull();
    expect(isWebm(new Uint8Array([0, 1, 2, 3]))).toBe(false);
  });
});
