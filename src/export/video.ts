/**
 * WebM encoding of canvas frames. WebCodecs' VideoEncoder (VP9, else VP8) with Mediabunny's WebM
 * writer gives a file with a proper duration and seeking cues, as fast as the encoder goes; where
 * VideoEncoder is missing (older Firefox and Safari) MediaRecorder records the canvas in real time
 * instead, whose WebM has no duration field in Chromium but plays everywhere.
 */
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat, type VideoCodec } from 'mediabunny';

export type EncoderKind = 'webcodecs-vp9' | 'webcodecs-vp8' | 'mediarecorder';

export interface FrameSink {
  readonly kind: EncoderKind;
  /** encodes what the canvas shows now as the next frame */
  add(): Promise<void>;
  finish(): Promise<Blob>;
}

const CODECS: [string, VideoCodec, EncoderKind][] = [
  ['vp09.00.10.08', 'vp9', 'webcodecs-vp9'],
  ['vp8', 'vp8', 'webcodecs-vp8'],
];

async function webCodecsSink(canvas: HTMLCanvasElement, fps: number): Promise<FrameSink | null> {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') return null;
  const { width, height } = canvas;
  for (const [codec, muxCodec, kind] of CODECS) {
    const config: VideoEncoderConfig = { codec, width, height, bitrate: 3_000_000, framerate: fps };
    const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
    if (!support?.supported) continue;
    const target = new BufferTarget();
    const output = new Output({ format: new WebMOutputFormat(), target });
    const source = new EncodedVideoPacketSource(muxCodec);
    output.addVideoTrack(source, { frameRate: fps });
    await output.start();
    let failure: unknown = null;
    // the writer takes packets one at a time, in the order the encoder hands them out
    let written: Promise<void> = Promise.resolve();
    const encoder = new VideoEncoder({
      output: (chunk, meta) => {
        written = written.then(() => source.add(EncodedPacket.fromEncodedChunk(chunk), meta)).catch((e: unknown) => { failure ??= e; });
      },
      error: (e) => { failure ??= e; },
    });
    encoder.configure(config);
    const frameUs = Math.round(1e6 / fps);
    let count = 0;
    return {
      kind,
      async add() {
        if (failure) throw failure;
        const frame = new VideoFrame(canvas, { timestamp: count * frameUs, duration: frameUs });
        // a key frame every 2 s keeps seeking in the exported video quick
        encoder.encode(frame, { keyFrame: count % (2 * fps) === 0 });
        frame.close();
        count++;
        // back-pressure: do not queue hundreds of raw frames in memory
        while (encoder.encodeQueueSize > 4) await new Promise((r) => setTimeout(r, 5));
      },
      async finish() {
        await encoder.flush();
        encoder.close();
        await written;
        if (failure) throw failure;
        await output.finalize();
        if (!target.buffer) throw new Error('the WebM writer produced no file');
        return new Blob([target.buffer], { type: 'video/webm' });
      },
    };
  }
  return null;
}

function recorderSink(canvas: HTMLCanvasElement, fps: number): FrameSink {
  if (typeof MediaRecorder === 'undefined' || typeof canvas.captureStream !== 'function') {
    throw new Error('this browser can neither encode video (WebCodecs) nor record a canvas (MediaRecorder)');
  }
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('this browser cannot record WebM');
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 3_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
  recorder.start();
  return {
    kind: 'mediarecorder',
    async add() {
      track.requestFrame();
      // a recorder timestamps frames by wall clock: hold each one for a frame's time
      await new Promise((r) => setTimeout(r, 1000 / fps));
    },
    async finish() {
      const stopped = new Promise((r) => { recorder.onstop = r; });
      recorder.stop();
      await stopped;
      track.stop();
      return new Blob(chunks, { type: 'video/webm' });
    },
  };
}

/** Call after the canvas has its final size (the encoder is configured for it). */
export async function openSink(canvas: HTMLCanvasElement, fps: number): Promise<FrameSink> {
  return (await webCodecsSink(canvas, fps)) ?? recorderSink(canvas, fps);
}

