/**
 * A small dedicated worker for the UMAP view of wide embeddings: the layout takes from a few hundred
 * ms to seconds, which on the page's thread would freeze scrolling and the controls.
 * Messages: { id, req: UmapRequest } in, { id, result } or { id, error } out.
 */
import { umapLayout, type UmapRequest } from './umapLayout';

self.onmessage = (e: MessageEvent<{ id: number; req: UmapRequest }>) => {
  const { id, req } = e.data;
  try {
    const result = umapLayout(req);
    (self as unknown as Worker).postMessage({ id, result }, [result.layout.buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
