/**
 * Loading a whole experiment from outside: a config file or a changed `#config=` link. Either is
 * checked field by field first; a bad one is reported naming the field and changes nothing.
 */
import { parseConfigText } from '../export/configFile';
import { clip } from '../util/clip';
import { pushError, useStore } from '../store/store';
import { configFromHash, configToHash } from '../store/urlHash';
import { applyConfig } from './controller';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function loadConfigFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    pushError(`The config file "${clip(file.name)}" could not be read: ${message(e)}`, 'Nothing was changed.', false);
    return false;
  }
  try {
    return applyConfig(parseConfigText(text));
  } catch (e) {
    pushError(`The config file "${clip(file.name)}" was not loaded: ${message(e)}`, 'Nothing was changed. Fix that field, or export the config again.', false);
    return false;
  }
}

export const REPLACE_QUESTION = 'The link changed to other settings. Load them? This replaces the current runs and their training.';

/**
 * A link pasted into a tab that already shows the app changes only the hash, which reloads nothing:
 * apply it here. (The page writes its own hash with replaceState, which fires no hashchange.)
 */
export function followHashChanges(): () => void {
  const onHash = () => {
    const current = useStore.getState().config;
    try {
      const next = configFromHash(location.hash);
      if (!next || JSON.stringify(next) === JSON.stringify(current)) return;
      // another window holding a reference to this one can set the hash: never drop training unasked
      if (useStore.getState().globalStep > 0 && !window.confirm(REPLACE_QUESTION)) {
        history.replaceState(null, '', configToHash(current));
        pushError('The changed link was not loaded; the trained runs are kept.', 'To use it, open the link in a new tab.', false);
        return;
      }
      applyConfig(next);
    } catch (e) {
      pushError(`The link's settings were not loaded: ${message(e)}`, 'Nothing was changed; the address shows the current settings again.', false);
      history.replaceState(null, '', configToHash(current));
    }
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
