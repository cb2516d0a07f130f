import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A WAI-ARIA menu button (the Export and Presets menus): the button toggles the menu; when it opens,
 * its first item takes the focus; the arrow keys move through the items (wrapping), Home and End go
 * to the first and last; Escape closes it and gives the focus back to the button, Tab closes it; a
 * press outside closes it. Spread `buttonProps` on the button and `menuProps` on the menu element,
 * whose items are elements with role="menuitem".
 */
export function useMenu() {
  const [open, setOpen] = useState(false);
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

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
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

  return {
    open,
    close: () => setOpen(false),
    /** the button, e.g. for giving it the focus back after a dialog */
    button,
    buttonProps: { ref: button, 'aria-haspopup': 'menu' as const, 'aria-expanded': open, 'aria-controls': menuId, onClick: () => setOpen((o) => !o) },
    menuProps: { ref: menu, id: menuId, role: 'menu', onKeyDown },
  };
}
