import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { PRESETS } from '../presets';
import { useStore } from '../store/store';
import { loadPreset } from './presetState';

/**
 * "Presets" menu (WAI-ARIA menu button, as the Export menu): one item per preset file; choosing one
 * loads its whole experiment, starts training and shows its card.
 */
export function PresetsMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  // a preset sent while the worker loads would be queued behind it; the page shows the loading state meanwhile
  const loading = useStore((s) => s.status === 'loading');

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

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
    <span className="export-menu presets-menu">
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} disabled={loading}
        title="Run a paper's experiment and check its claim" onClick={() => setOpen((o) => !o)}>
        Presets
      </button>
      {open && (
        <div ref={menu} id={menuId} role="menu" aria-label="Presets" className="menu" onKeyDown={onMenuKey}>
          {PRESETS.map((p) => (
            <button key={p.id} type="button" role="menuitem" tabIndex={-1} data-preset={p.id}
              onClick={() => { setOpen(false); loadPreset(p); }}>
              {p.title}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
