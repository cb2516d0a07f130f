import { describe, expect, it } from 'vitest';
import { clip, clipJson, CLIP_LENGTH } from './clip';

describe('clip', () => {
  it('leaves short values alone and cuts long ones to the limit, marked', () => {
    expect(clip('abc')).toBe('abc');
    expect(clip('a'.repeat(CLIP_LENGTH))).toBe('a'.repeat(CLIP_LENGTH));
    const cut = clip('a'.repeat(CLIP_LENGTH + 1));
    expect(cut).toHaveLength(CLIP_LENGTH);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('quotes like JSON.stringify, and says undefined for a missing value', () => {
    expect(clipJson('x')).toBe('"x"');
    expect(clipJson(undefined)).toBe('undefined');
    expect(clipJson({ a: 'b'.repeat(1e6) })).toHaveLength(CLIP_LENGTH);
  });
});
