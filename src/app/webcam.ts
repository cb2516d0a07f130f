/**
 * The webcam for "Hold to record": one stream for the page, a live preview, and frames captured as
 * 32×32 RGB (the centre square, resized by the browser's high-quality filter), the same crop the
 * decode worker gives a file. Capturing one frame draws the current video frame into a 32×32
 * canvas: well under a millisecond, so it stays on the page's thread.
 */
import { OWN_IMAGE_BYTES, OWN_SIDE } from '../data/ownImages';

let stream: MediaStream | null = null;
let canvas: HTMLCanvasElement | null = null;

export const webcamAvailable = (): boolean => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/** Asks for the camera (the browser asks the user); resolves to the stream, or throws why not. */
export async function startWebcam(): Promise<MediaStream> {
  if (stream) return stream;
  if (!webcamAvailable()) throw new Error('this browser offers no camera here (a page served over plain http cannot use one)');
  stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false });
  return stream;
}

export function stopWebcam(): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
  stream = null;
}

export const webcamStream = (): MediaStream | null => stream;

let preview: HTMLVideoElement | null = null;
/** The live preview shows the stream; recording captures from it (what the user sees is what is kept). */
export function setPreview(video: HTMLVideoElement | null): void { preview = video; }
export const previewVideo = (): HTMLVideoElement | null => preview;

/** The video's current frame as 32×32 RGB (HWC), or null before the first frame arrived. */
export function captureFrame(video: HTMLVideoElement): Uint8Array | null {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h || video.readyState < 2) return null;
  canvas ??= Object.assign(document.createElement('canvas'), { width: OWN_SIDE, height: OWN_SIDE });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const side = Math.min(w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(video, (w - side) / 2, (h - side) / 2, side, side, 0, 0, OWN_SIDE, OWN_SIDE);
  const rgba = ctx.getImageData(0, 0, OWN_SIDE, OWN_SIDE).data;
  const rgb = new Uint8Array(OWN_IMAGE_BYTES);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) { rgb[q] = rgba[p]; rgb[q + 1] = rgba[p + 1]; rgb[q + 2] = rgba[p + 2]; }
  return rgb;
}
