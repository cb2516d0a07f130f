import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../store/store';
import { embeddingCsvHeader, embeddingsCsv, embeddingsJson, EMBEDDINGS_FORMAT, formatFloat32, type EmbeddingTable } from './table';

function table(): EmbeddingTable {
  return {
    config: defaultConfig(),
    runId: 'r1',
    runName: 'Softmax cross-entropy',
    step: 42,
    classNames: ['zero', 'one, with comma', 'two'],
    labels: Uint8Array.from([0, 1, 2]),
    predictions: Uint8Array.from([0, 2, 2]),
    points: Float32Array.from([0.1, 0.2, 0.3, 1, 2, 3, NaN, -1.5, 1e-7]),
    dim: 3,
    projected: Float32Array.from([5, 6, 7, 8, Infinity, 9]),
    projection: 'pca',
    axisLabels: ['PC 1', 'PC 2'],
  };
}

describe('formatFloat32', () => {
  it('prints the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(Math.fround(Number(formatFloat32(Math.fround(Math.PI))))).toBe(Math.fround(Math.PI));
    expect(formatFloat32(NaN)).toBe('NaN');
  });
});

describe('embeddingsCsv', () => {
  it('has a header and one row per point with full and projected coordinates', () => {
    const lines = embeddingsCsv(table()).trimEnd().split('\n');
    expect(lines[0]).toBe(embeddingCsvHeader(3).join(','));
    expect(lines[0]).toBe('id,label,label_name,prediction,prediction_name,f1,f2,f3,x,y');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('0,0,zero,0,zero,0.1,0.2,0.3,5,6');
    expect(lines[2]).toBe('1,1,"one, with comma",2,two,1,2,3,7,8');
    expect(lines[3]).toBe('2,2,two,2,two,NaN,-1.5,1e-7,Infinity,9');
  });

  it('refuses arrays whose sizes disagree', () => {
    expect(() => embeddingsCsv({ ...table(), projected: new Float32Array(4) })).toThrow(/disagree/);
  });
});

describe('embeddingsJson', () => {
  it('is valid JSON with config, step and per-point records (non-finite as null)', () => {
    const doc = JSON.parse(embeddingsJson(table()));
    expect(doc.format).toBe(EMBEDDINGS_FORMAT);
    expect(doc.step).toBe(42);
    expect(doc.run).toEqual({ id: 'r1', name: 'Softmax cross-entropy' });
    expect(doc.config).toEqual(defaultConfig());
    expect(doc.projection).toEqual({ kind: 'pca', axes: ['PC 1', 'PC 2'] });
    expect(doc.points).toHaveLength(3);
    expect(doc.points[1]).toEqual({ id: 1, label: 1, prediction: 2, embedding: [1, 2, 3], xy: [7, 8] });
    expect(doc.points[2].embedding).toEqual([null, -1.5, 1e-7]);
    expect(doc.points[2].xy).toEqual([null, 9]);
  });
});
