import { useState } from 'react';
import { copyLink, downloadConfig, shareLink } from '../export/actions';
import { pushError, useStore } from '../store/store';
import { ExportDialog, type DialogKind } from './ExportDialog';
import { LoadConfig } from './LoadConfig';
import { LoadEmbeddings } from './ImportedRuns';
import { useMenu } from './useMenu';
import './export.css';

const ITEMS = ['PNG', 'SVG', 'CSV', 'JSON', 'Video', 'Config', 'PyTorch script', 'Copy link'] as const;
type Item = (typeof ITEMS)[number];

function reportFailure(e: unknown): void {
  pushError(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'Nothing was saved; the session is unchanged.', false);
}

/**
 * "Export" menu (WAI-ARIA menu button: arrow keys move, Escape closes and returns focus), the dialog
 * an export needs, "Load config…", and a confirmation line.
 */
export function ExportBar() {
  const menu = useMenu();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [notice, setNotice] = useState<{ text: string; link?: string; frameChecksum?: number } | null>(null);

  const choose = async (item: Item) => {
    menu.close();
    setNotice(null);
    try {
      if (item === 'Config') setNotice({ text: `Saved ${downloadConfig()}` });
      // loaded on demand: the Python templates and the zip writer are not needed until then
      else if (item === 'PyTorch script') setNotice({ text: await (await import('../export/pytorch/download')).downloadPytorchProject(useStore.getState().config) });
      else if (item === 'Copy link') {
        const link = shareLink();
        setNotice((await copyLink(link)) ? { text: 'Link copied to the clipboard' } : { text: 'The browser blocked the clipboard; copy this link:', link });
      } else setDialog(item);
    } catch (e) {
      reportFailure(e);
    }
  };

  return (
    <div className="export-bar">
      <span className="export-menu">
        <button type="button" {...menu.buttonProps}>
          Export
        </button>
        {menu.open && (
          <div {...menu.menuProps} aria-label="Export" className="menu">
            {ITEMS.map((item) => (
              <button key={item} type="button" role="menuitem" tabIndex={-1} onClick={() => void choose(item)}>{item}</button>
            ))}
          </div>
        )}
      </span>
      <LoadConfig />
      <LoadEmbeddings />
      {notice && (
        <span role="status" className="export-notice" data-frame-checksum={notice.frameChecksum}>
          {notice.text}
          {notice.link && <input readOnly aria-label="Link to this set-up" value={notice.link} onFocus={(e) => e.currentTarget.select()} />}
        </span>
      )}
      {dialog && (
        <ExportDialog
          kind={dialog}
          onClose={() => { setDialog(null); menu.button.current?.focus(); }}
          onDone={(text, frameChecksum) => { setDialog(null); setNotice({ text, frameChecksum }); }}
          onError={(e) => { setDialog(null); reportFailure(e); }}
        />
      )}
    </div>
  );
}
