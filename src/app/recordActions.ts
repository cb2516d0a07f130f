/**
 * The webcam and "Hold to record" (Teachable Machine's gesture): while a class's button is held, the
 * preview's frames go into that class, about 15 a second, until it is let go or the set is full.
 */
import { formatCount, MAX_IMAGES } from '../data/ownImages';
import { pushError, useStore } from '../store/store';
import { addFrames } from './ownImagesActions';
import { captureFrame, previewVideo, startWebcam, stopWebcam } from './webcam';

/** ms between two captured frames */
const FRAME_MS = 66;

const setWebcam = (webcam: 'off' | 'starting' | 'on') => useStore.setState((s) => ({ ownImages: { ...s.ownImages, webcam } }));
const setRecording = (recording: number | null) => useStore.setState((s) => ({ ownImages: { ...s.ownImages, recording } }));

export async function turnWebcamOn(): Promise<void> {
  setWebcam('starting');
  try {
    await startWebcam();
    setWebcam('on');
  } catch (e) {
    setWebcam('off');
    const why = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
    pushError(`The webcam did not start (${why}).`, 'Allow this page to use the camera (the icon in the address bar), close other programs that use it, or load images from disk instead.', false);
  }
}

export function turnWebcamOff(): void {
  stopRecording();
  stopWebcam();
  setWebcam('off');
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Starts capturing into a class; the first frame at once, so a short press keeps one. */
export function startRecording(key: number): void {
  if (timer || useStore.getState().ownImages.webcam !== 'on') return;
  setRecording(key);
  const grab = () => {
    const video = previewVideo();
    const frame = video ? captureFrame(video) : null;
    if (frame && !addFrames(key, [frame])) {
      stopRecording();
      pushError(`The set is full: it holds at most ${formatCount(MAX_IMAGES)} images.`, 'Remove a class, or record fewer frames.', false);
    }
  };
  grab();
  timer = setInterval(grab, FRAME_MS);
}

/** Stops recording (into `key` only, when given: a button that loses focus must not stop another's recording). */
export function stopRecording(key?: number): void {
  if (key !== undefined && useStore.getState().ownImages.recording !== key) return;
  if (timer) clearInterval(timer);
  timer = null;
  if (useStore.getState().ownImages.recording !== null) setRecording(null);
}
