/**
 * What the cross-browser walk needs of a browser, whatever drives it: puppeteer-core over WebDriver
 * BiDi (Firefox, and Chromium for the stress run) or the plain WebDriver HTTP protocol (WebKit).
 * Elements are found in the page by role and accessible name (inPage.ts); clicks and keys are the
 * driver's real input events.
 */
export interface WalkDriver {
  /** e.g. "firefox 153.8.0esr" */
  readonly label: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** the value of a JavaScript expression in the page (JSON-serializable) */
  value<T>(expression: string): Promise<T>;
  /** clicks the element that `finder` (an expression yielding an element or null) finds; false if none */
  click(finder: string): Promise<boolean>;
  /** focuses the element `finder` finds and presses `key` ('ArrowRight', …) on it */
  press(finder: string, key: 'ArrowRight' | 'ArrowLeft'): Promise<boolean>;
  close(): Promise<void>;
}

/** An expression finding an element by role and accessible name (see inPage.ts). */
export function byRole(role: string, name?: string | RegExp, scope?: { role: string; name?: string | RegExp }): string {
  const lit = (n?: string | RegExp) => (n === undefined ? 'undefined' : JSON.stringify(n instanceof RegExp ? `/${n.source}/` : n));
  return `window.__walk.find(${JSON.stringify(role)}, ${lit(name)}${scope ? `, ${JSON.stringify(scope.role)}, ${lit(scope.name)}` : ''})`;
}
