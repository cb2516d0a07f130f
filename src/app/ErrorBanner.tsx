import { dismissError, useStore } from '../store/store';

/** Every caught problem is explained here with what to do; none of them stops the page. */
export function ErrorBanner() {
  const errors = useStore((s) => s.errors);
  if (!errors.length) return null;
  return (
    <div className="errors">
      {errors.map((e) => (
        <div key={e.id} role="alert" className={e.fatal ? 'error fatal' : 'error'}>
          <p>{e.message}</p>
          {e.fix && <p className="fix">{e.fix}</p>}
          <button type="button" onClick={() => dismissError(e.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
}
