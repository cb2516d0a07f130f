import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store/store';
import { CIFAR_FILE_ACCEPT, forgetCifarUpload, loadCifarFiles, refreshStoredUpload, useStoredUpload } from './cifarActions';
import * as ctl from './controller';
import { droppedEntries } from './dropFolder';
import { loadDrop } from './dropActions';

/**
 * Next to the Dataset select: which set is loaded, CIFAR-10's augmentation switch, and loading the
 * user's own CIFAR-10 files (picker or drop anywhere on the page).
 */
export function DatasetControls() {
  const config = useStore((s) => s.config);
  const dataset = useStore((s) => s.dataset);
  const stored = useStoredUpload((s) => s.stored);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { void refreshStoredUpload(); }, []);
  // your images train on CIFAR-10's network with its augmentation
  const colour = config.dataset === 'cifar10' || config.dataset === 'own-images';
  // while another set loads, the old description would name the wrong data
  const shown = dataset && dataset.id === config.dataset ? dataset : null;
  return (
    <>
      {shown && <span className="dataset-note" data-testid="dataset-description">{shown.description}</span>}
      {colour && (
        <label title="Random crop (padded by 4 pixels) and horizontal flip of each training image, seeded">
          <input type="checkbox" checked={config.augment} onChange={(e) => ctl.patchGlobal({ augment: e.currentTarget.checked })} />{' '}
          Augmentation
        </label>
      )}
      <button type="button" onClick={() => input.current?.click()} title="The official cifar-10-binary.tar.gz, or its .bin files; you can also drop them on the page">
        Load CIFAR-10…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={CIFAR_FILE_ACCEPT}
        aria-label="CIFAR-10 files"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // choosing the same file again must fire another change
          void loadCifarFiles(files);
        }}
      />
      {/* as soon as a set is stored, even when the runs failed to start on it (and on another dataset: it frees the storage) */}
      {(stored || shown?.uploaded) && (
        <button type="button" onClick={() => void forgetCifarUpload()}>Forget uploaded CIFAR-10</button>
      )}
      <DropOverlay />
    </>
  );
}

const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') === true;

/** Files dragged anywhere over the page: a full-page target says what dropping does. */
function DropOverlay() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    // enter/leave fire for every child element crossed; count them to know when the drag left the page
    let depth = 0;
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setOver(true); } };
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setOver(false); } };
    const overFn = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); }; // allows the drop
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // not the browser's "open the file" navigation
      depth = 0;
      setOver(false);
      // taken now: the entries of a dropped folder can be read only during the drop event
      const entries = e.dataTransfer ? droppedEntries(e.dataTransfer) : null;
      void loadDrop(entries, [...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-overlay" role="status">
      Drop your images here (a folder or .zip, one sub-folder per class), or CIFAR-10: cifar-10-binary.tar.gz, or data_batch_1.bin … data_batch_5.bin with test_batch.bin
    </div>
  );
}
