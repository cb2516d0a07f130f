import { Component, type ErrorInfo, type ReactNode } from 'react';
import { clip } from '../util/clip';

interface Props { children: ReactNode }

// inline, so the message shows even if the page's stylesheet is what failed
const CRASH_STYLE = { margin: '24px 0', padding: '12px 16px', borderRadius: 6, background: '#fdecec', border: '1px solid #e07070' } as const;
interface State { error: Error | null }

/**
 * Drops the settings in the address bar and reloads: the link that led to the crash would crash
 * every reload again.
 */
export function startOver(): void {
  history.replaceState(null, '', location.pathname + location.search);
  location.reload();
}

/**
 * Any error while drawing lands here instead of blanking the page. Training lives in the worker, so
 * "Try again" redraws with the runs intact; "Start over" leaves the link behind.
 */
export class CrashBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('The page stopped drawing:', error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="app">
        {/* not the banner's .error class: that pins every button to the corner as a dismiss button */}
        <div role="alert" className="crash" style={CRASH_STYLE}>
          <h2>The page hit an error and stopped drawing</h2>
          <p>{clip(error.message || error.name, 200)}</p>
          <p className="fix">
            Try again to redraw (training state in the worker is kept), or start over with the default settings
            (this removes the settings from the link, which may be what caused the error).
          </p>
          <p>
            <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>{' '}
            <button type="button" onClick={startOver}>Start over with default settings</button>
          </p>
        </div>
      </main>
    );
  }
}
