import { afterEach, describe, expect, it, vi } from 'vitest';
import { videoSupport, videoSupportNote } from './videoSupport';

afterEach(() => vi.unstubAllGlobals());

describe("the video export says what this browser can't do", () => {
  it('none: neither WebCodecs nor MediaRecorder, said in words', () => {
    vi.stubGlobal('VideoEncoder', undefined);
    vi.stubGlobal('MediaRecorder', undefined);
    expect(videoSupport()).toBe('none');
    expect(videoSupportNote('none')).toMatch(/video export is not available here/);
  });
  it('MediaRecorder only: recorded in real time, said in words', () => {
    vi.stubGlobal('VideoEncoder', undefined);
    vi.stubGlobal('MediaRecorder', class {});
    vi.stubGlobal('HTMLCanvasElement', class { captureStream() { return null; } });
    expect(videoSupport()).toBe('mediarecorder');
    expect(videoSupportNote('mediarecorder')).toMatch(/no WebCodecs/);
  });
  it('WebCodecs: nothing to say', () => {
    vi.stubGlobal('VideoEncoder', class {});
    vi.stubGlobal('VideoFrame', class {});
    expect(videoSupport()).toBe('webcodecs');
    expect(videoSupportNote('webcodecs')).toBeNull();
  });
});
