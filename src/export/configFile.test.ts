import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../store/store';
import { configFileText, parseConfigText } from './configFile';
import { EMBEDDINGS_FORMAT } from './table';

describe('config file', () => {
  it('round-trips the experiment config', () => {
    const c = { ...defaultConfig(), seed: 7, evalSize: 500 };
    expect(parseConfigText(configFileText(c))).toEqual(c);
  });

  it('names the bad field of a hand-edited file', () => {
    const c = JSON.parse(configFileText(defaultConfig()));
    c.runs[0].learningRate = 5;
    expect(() => parseConfigText(JSON.stringify(c))).toThrow(/runs\[0\]\.learningRate/);
    c.runs[0].learningRate = 0.001;
    c.batchSize = 'big';
    expect(() => parseConfigText(JSON.stringify(c))).toThrow(/batchSize/);
  });

  it('says when the file is not JSON at all', () => {
    expect(() => parseConfigText('{"version": 1, ')).toThrow(/not valid JSON/);
  });

  it('accepts an embeddings export, which carries its config', () => {
    const c = { ...defaultConfig(), seed: 3 };
    expect(parseConfigText(JSON.stringify({ format: EMBEDDINGS_FORMAT, config: c, points: [] }))).toEqual(c);
  });
});
