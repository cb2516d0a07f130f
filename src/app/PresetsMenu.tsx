import { PRESETS } from '../presets';
import { useStore } from '../store/store';
import { loadPreset } from './presetState';
import { useMenu } from './useMenu';

/**
 * "Presets" menu (WAI-ARIA menu button, as the Export menu): one item per preset file; choosing one
 * loads its whole experiment, starts training and shows its card.
 */
export function PresetsMenu() {
  const menu = useMenu();
  // a preset sent while the worker loads would be queued behind it; the page shows the loading state meanwhile
  const loading = useStore((s) => s.status === 'loading');

  return (
    <span className="export-menu presets-menu">
      <button type="button" {...menu.buttonProps} disabled={loading} title="Run a paper's experiment and check its claim">
        Presets
      </button>
      {menu.open && (
        <div {...menu.menuProps} aria-label="Presets" className="menu">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" role="menuitem" tabIndex={-1} data-preset={p.id}
              onClick={() => { menu.close(); loadPreset(p); }}>
              {p.title}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
