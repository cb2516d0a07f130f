/**
 * What the Export menu does: each action builds its file from the live plots and the store and saves
 * it, returning the file name for the confirmation. Browser only; the builders it calls are pure.
 */
import { useStore } from '../store/store';
import { configToHash } from '../store/urlHash';
import { exportAnimation, type AnimationResult } from './animation';
import { captureFigure, captureTable } from './capture';
import { CONFIG_FILE_NAME, configFileText } from './configFile';
import { saveBlob } from './download';
import { figureToSvg } from './figure';
import { figureToPng } from './png';
import { embeddingsCsv, embeddingsJson } from './table';

export type Scope = { kind: 'run'; runId: string } | { kind: 'grid' };
export const SCALES = [1, 2, 4] as const;
export type Scale = (typeof SCALES)[number];

function scopeRuns(scope: Scope): string[] {
  return scope.kind === 'run' ? [scope.runId] : useStore.getState().config.runs.map((r) => r.id);
}

function baseName(scope: Scope, step: number): string {
  return `${scope.kind === 'run' ? `embedding-${scope.runId}` : 'embeddings-all'}-step${step}`;
}

export async function exportPng(scope: Scope, scale: Scale): Promise<string> {
  const { figure, step } = captureFigure(scopeRuns(scope));
  const name = `${baseName(scope, step)}${scale === 1 ? '' : `@${scale}x`}.png`;
  saveBlob(await figureToPng(figure, scale), name);
  return name;
}

export function exportSvg(scope: Scope): string {
  const { figure, step } = captureFigure(scopeRuns(scope));
  const name = `${baseName(scope, step)}.svg`;
  saveBlob(new Blob([figureToSvg(figure)], { type: 'image/svg+xml' }), name);
  return name;
}

export function exportTable(runId: string, format: 'csv' | 'json'): string {
  const t = captureTable(runId);
  const name = `${baseName({ kind: 'run', runId }, t.step)}.${format}`;
  const text = format === 'csv' ? embeddingsCsv(t) : embeddingsJson(t);
  saveBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }), name);
  return name;
}

export async function exportVideo(runId: string, onProgress: (f: number) => void): Promise<{ name: string; result: AnimationResult }> {
  const result = await exportAnimation(runId, onProgress);
  const name = `training-${runId}-steps${result.firstStep}-${result.lastStep}.webm`;
  saveBlob(result.blob, name);
  return { name, result };
}

export function downloadConfig(): string {
  saveBlob(new Blob([configFileText(useStore.getState().config)], { type: 'application/json' }), CONFIG_FILE_NAME);
  return CONFIG_FILE_NAME;
}

/** The page's address with the current config in the hash (the same link the address bar shows). */
export function shareLink(): string {
  return location.href.replace(/#.*$/, '') + configToHash(useStore.getState().config);
}

/** true when the clipboard took it; false where the browser refuses (then show the link to copy). */
export async function copyLink(link: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(link);
    return true;
  } catch {
    return false;
  }
}
