import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { copyLink, downloadConfig, shareLink } from '../export/actions';
import { pushError, useStore } from '../store/store';
import { ExportDialog, type DialogKind } from './ExportDialog';
import { LoadConfig } from './LoadConfig';
import { LoadEmbeddings } from './ImportedRuns';
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
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [notice, setNotice] = useState<{ text: string; link?: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const choose = async (item: Item) => {
    setOpen(false);
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

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => { e.preventDefault(); items[(i + items.length) % items.length]?.focus(); };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      setOpen(false);
      if (e.key === 'Escape') button.current?.focus();
    }
  };

  return (
    <div className="export-bar">
      <span className="export-menu">
        <button ref={button} type="button" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
          Export
        </button>
        {open && (
          <div ref={menu} id={menuId} role="menu" aria-label="Export" className="menu" onKeyDown={onMenuKey}>
            {ITEMS.map((item) => (
              <button key={item} type="button" role="menuitem" tabIndex={-1} onClick={() => void choose(item)}>{item}</button>
            ))}
          </div>
        )}
      </span>
      <LoadConfig />
      <LoadEmbeddings />
      {notice && (
        <span role="status" className="export-notice">
          {notice.text}
          {notice.link && <input readOnly aria-label="Link to this set-up" value={notice.link} onFocus={(e) => e.currentTarget.select()} />}
        </span>
      )}
      {dialog && (
        <ExportDialog
          kind={dialog}
          onClose={() => { setDialog(null); button.current?.focus(); }}
          onDone={(text) => { setDialog(null); setNotice({ text }); }}
          onError={(e) => { setDialog(null); reportFailure(e); }}
        />
      )}
    </div>
  );
}
