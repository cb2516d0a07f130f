import { useEffect, useRef } from 'react';
import { formatCount, MAX_CLASSES } from '../data/ownImages';
import { draftProblems } from '../store/ownImagesDraft';
import { useStore } from '../store/store';
import { exportOwnImages } from './ownImagesExport';
import { OwnClassRow } from './OwnClassRow';
import {
  addClass, forgetOwnImages, IMAGE_FILE_ACCEPT, loadImageItems, refreshStored, restoreDraft, showStarterClasses, applyOwnImages,
} from './ownImagesActions';
import { turnWebcamOff, turnWebcamOn } from './recordActions';
import { setPreview, webcamAvailable, webcamStream } from './webcam';

/**
 * "Your images" (shown while the Dataset select says so): load a folder or zip, add classes from disk
 * or the webcam, see what each class holds and what was skipped, then use the classes for training.
 */
export function OwnImagesPanel() {
  // also while images load or wait to be used on another dataset (dropped there): they are not hidden
  const on = useStore((s) => s.config.dataset === 'own-images' || s.ownImages.busy !== null
    || (s.ownImages.usedHash === null && s.ownImages.classes.some((c) => c.images.length > 0)));
  if (!on) return null;
  return <Panel />;
}

function Panel() {
  const own = useStore((s) => s.ownImages);
  const config = useStore((s) => s.config);
  const status = useStore((s) => s.status);
  const datasetSet = useStore((s) => (s.dataset?.id === 'own-images' ? s.dataset.imageSet ?? '' : ''));
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  useEffect(() => {
    showStarterClasses();
    void refreshStored();
  }, []);
  // a session on a kept set (a reload, a link): its classes come back for editing
  useEffect(() => { if (datasetSet) void restoreDraft(); }, [datasetSet]);
  useEffect(() => () => turnWebcamOff(), []); // leaving "Your images" lets the camera go

  const problems = draftProblems(own);
  const total = own.classes.reduce((n, c) => n + c.images.length, 0);
  const inUse = own.usedHash !== null && own.usedHash === config.imageSet && datasetSet === own.usedHash && status === 'ready';
  const busy = own.busy !== null;
  return (
    <section className="own-images" aria-label="Your images">
      <div className="own-tools">
        <button type="button" disabled={busy} onClick={() => files.current?.click()}
          title="A .zip with one sub-folder of images per class, or image files (they become one class); you can also drop a folder or .zip on the page">
          Load images…
        </button>
        <input ref={files} type="file" multiple hidden accept={IMAGE_FILE_ACCEPT} aria-label="Image files"
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = ''; // choosing the same files again must fire another change
            void loadImageItems(picked.map((file) => ({ file, path: file.name })));
          }} />
        <button type="button" disabled={busy} onClick={() => folder.current?.click()} title="A folder with one sub-folder of images per class">
          Load folder…
        </button>
        <input ref={folder} type="file" hidden aria-label="Image folder"
          // webkitdirectory is not in React's input attributes; every current browser reads it
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void loadImageItems(picked.map((file) => ({ file, path: file.webkitRelativePath || file.name })));
          }} />
        <button type="button" disabled={busy || own.classes.length >= MAX_CLASSES} onClick={addClass}
          title={`A new, empty class: add images from disk or hold to record it (at most ${MAX_CLASSES} classes)`}>
          Add class
        </button>
        <WebcamToggle />
        <button type="button" className="primary" disabled={busy || problems.length > 0 || inUse} onClick={() => void applyOwnImages()}
          title="Train the runs on these classes: the set is tried for two steps, then the runs start on it and it is kept in this browser">
          Use these images
        </button>
        <button type="button" disabled={busy || total === 0} onClick={() => exportOwnImages(own)}
          title="One folder per class of 32×32 PNG images: load it again here or on another computer, or share it">
          Export images (.zip)
        </button>
        {(own.stored || total > 0) && (
          <button type="button" disabled={busy} onClick={() => void forgetOwnImages()} title="Removes the classes from this page and the kept set from this browser">
            Forget your images
          </button>
        )}
      </div>
      {own.busy && (
        <div className="progress">
          {own.busy.stage}{own.busy.total > 0 ? ` (${formatCount(own.busy.done)} / ${formatCount(own.busy.total)})` : ''}
          <progress aria-label="Reading your images" max={own.busy.total || 1} value={own.busy.total ? own.busy.done : undefined} />
        </div>
      )}
      <p className="own-summary" aria-live="polite">
        {inUse ? 'The runs train on these images. ' : ''}
        {own.note && <span data-testid="own-images-note">{own.note}. </span>}
        {formatCount(total)} images in {own.classes.length} classes; 20 % of each class is held out for testing.
      </p>
      {problems.length > 0 && (
        <ul className="own-problems" aria-label="What is missing">
          {/* before the first image, one line says it all (not one per empty class) */}
          {(total > 0 ? problems : problems.slice(0, 1)).map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      {own.report && (
        <details className="own-report">
          <summary>skipped {formatCount(own.report.total)} file{own.report.total === 1 ? '' : 's'}: {own.report.lines.slice(0, 2).join('; ')}{own.report.total > 2 ? '; …' : ''}</summary>
          <ul>
            {own.report.lines.map((l, i) => <li key={i}>{l}</li>)}
            {own.report.total > own.report.lines.length && <li>… and {formatCount(own.report.total - own.report.lines.length)} more</li>}
          </ul>
        </details>
      )}
      {own.webcam !== 'off' && <WebcamPreview />}
      <ul className="own-classes" aria-label="Classes">
        {own.classes.map((c) => <li key={c.key}><OwnClassRow cls={c} canRemove={!busy} /></li>)}
      </ul>
    </section>
  );
}

function WebcamToggle() {
  const webcam = useStore((s) => s.ownImages.webcam);
  if (!webcamAvailable()) return null;
  return webcam === 'off'
    ? <button type="button" onClick={() => void turnWebcamOn()} title="Shows the camera; then hold a class's record button">Start webcam</button>
    : <button type="button" onClick={turnWebcamOff} disabled={webcam === 'starting'}>Stop webcam</button>;
}

function WebcamPreview() {
  const webcam = useStore((s) => s.ownImages.webcam);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = video.current;
    if (!v || webcam !== 'on') return;
    v.srcObject = webcamStream();
    void v.play().catch(() => undefined); // muted inline video plays without a gesture
    setPreview(v);
    return () => setPreview(null);
  }, [webcam]);
  return (
    <figure className="own-webcam">
      <video ref={video} muted playsInline aria-label="Webcam preview" />
      <figcaption>{webcam === 'on' ? 'The centre square is what is kept, at 32×32.' : 'Starting the webcam…'}</figcaption>
    </figure>
  );
}
