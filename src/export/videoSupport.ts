/**
 * What the browser offers for the video export, known before any video code loads (video.ts and its
 * WebM writer load only for a video): the dialog says what is missing instead of failing at the end.
 */
/** How this browser can make a video, before one is asked for (the dialog says so; none: it is off). */
export type VideoSupport = 'webcodecs' | 'mediarecorder' | 'none';

export function videoSupport(): VideoSupport {
  if (typeof VideoEncoder !== 'undefined' && typeof VideoFrame !== 'undefined') return 'webcodecs';
  if (typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement !== 'undefined' && typeof HTMLCanvasElement.prototype.captureStream === 'function') return 'mediarecorder';
  return 'none';
}

/** What the video dialog tells about this browser's way of making the video (null: the fast, usual one). */
export function videoSupportNote(s: VideoSupport): string | null {
  if (s === 'mediarecorder') return 'This browser has no WebCodecs video encoder: the video is recorded in real time with MediaRecorder instead (slower, and the file has no duration field).';
  if (s === 'none') return 'This browser can neither encode video (WebCodecs) nor record a canvas (MediaRecorder): video export is not available here. PNG, SVG and the tables work.';
  return null;
}
