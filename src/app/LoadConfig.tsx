import { useRef } from 'react';
import { loadConfigFile } from './configIO';

/** "Load config…": a file picker for an exported experiment config (or an embeddings JSON). */
export function LoadConfig() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>Load config…</button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Config file"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // clear it so picking the same file again (after fixing it) fires another change
          e.currentTarget.value = '';
          if (file) void loadConfigFile(file);
        }}
      />
    </>
  );
}
