import { useEffect, useRef } from 'react';
import { formatCount, OWN_IMAGE_BYTES, OWN_SIDE, testCount } from '../data/ownImages';
import type { DraftClass } from '../store/ownImagesDraft';
import { useStore } from '../store/store';
import { addImagesToClass, IMAGE_FILE_ACCEPT, removeClass, renameClass } from './ownImagesActions';
import { startRecording, stopRecording } from './recordActions';

/** Thumbnails shown per class: the latest ones, so recording shows what it keeps. */
const THUMBS = 12;

/** One class: its name, what it holds and how it splits, its latest images, and the ways to add more. */
export function OwnClassRow(props: { cls: DraftClass; canRemove: boolean }) {
  const { cls } = props;
  const webcamOn = useStore((s) => s.ownImages.webcam === 'on');
  const recording = useStore((s) => s.ownImages.recording === cls.key);
  const busy = useStore((s) => s.ownImages.busy !== null);
  const input = useRef<HTMLInputElement>(null);
  const n = cls.images.length;
  const test = testCount(n);
  const stop = () => stopRecording(cls.key);
  return (
    <div className="own-class" role="group" aria-label={cls.name}>
      <input className="own-class-name" key={cls.name} defaultValue={cls.name} aria-label="Class name" maxLength={40}
        onBlur={(e) => renameClass(cls.key, e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); }} />
      <span className="own-class-count" aria-label="Images in this class">
        {formatCount(n)} image{n === 1 ? '' : 's'}{n >= 2 ? ` · train ${formatCount(n - test)} / test ${formatCount(test)}` : ''}
      </span>
      <Thumbs images={cls.images} />
      <span className="own-class-tools">
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>Add images…</button>
        <input ref={input} type="file" multiple hidden accept={IMAGE_FILE_ACCEPT} aria-label={`Images for ${cls.name}`}
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void addImagesToClass(cls.key, picked);
          }} />
        <button type="button" className={recording ? 'recording' : undefined} disabled={!webcamOn || busy} aria-pressed={recording}
          title={webcamOn ? 'Hold (mouse, touch, Space or Enter) to record frames into this class' : 'Start the webcam first'}
          onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); startRecording(cls.key); }}
          onPointerUp={stop} onPointerCancel={stop} onLostPointerCapture={stop}
          onKeyDown={(e) => { if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); startRecording(cls.key); } }}
          onKeyUp={(e) => { if (e.key === ' ' || e.key === 'Enter') stop(); }}
          onBlur={stop}>
          Hold to record
        </button>
        <button type="button" disabled={!props.canRemove} onClick={() => removeClass(cls.key)} aria-label={`Remove class ${cls.name}`}>×</button>
      </span>
    </div>
  );
}

function Thumbs(props: { images: Uint8Array[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const shown = props.images.slice(-THUMBS);
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, THUMBS * OWN_SIDE, OWN_SIDE);
    const img = ctx.createImageData(OWN_SIDE, OWN_SIDE);
    shown.forEach((px, k) => {
      for (let p = 0, q = 0; q < OWN_IMAGE_BYTES; p += 4, q += 3) { img.data[p] = px[q]; img.data[p + 1] = px[q + 1]; img.data[p + 2] = px[q + 2]; img.data[p + 3] = 255; }
      ctx.putImageData(img, k * OWN_SIDE, 0);
    });
  }, [props.images]);
  return <canvas ref={canvas} className="own-thumbs" width={THUMBS * OWN_SIDE} height={OWN_SIDE} aria-hidden="true" />;
}
