import { create } from 'zustand';

/**
 * Which runs hide their decision regions (on by default, so only the exceptions are kept). A view
 * setting of the page, not part of the run config or the link.
 */
export const useRegionsHidden = create<{ hidden: Record<string, boolean> }>(() => ({ hidden: {} }));

export function setRegionsShown(runId: string, shown: boolean): void {
  useRegionsHidden.setState((s) => ({ hidden: { ...s.hidden, [runId]: !shown } }));
}
