import { describe, expect, it } from 'vitest';
import { MAX_CLASSES, MAX_IMAGES, OWN_IMAGE_BYTES } from '../data/ownImages';
import { shapeSet } from '../testing/ownImagesFixtures';
import {
  addClass, appendImages, draftFromSet, draftProblems, draftToSet, emptyOwnImages, mergeLoaded, removeClass, renameClass, starterClasses,
  type OwnImagesState,
} from './ownImagesDraft';

const img = (v: number) => new Uint8Array(OWN_IMAGE_BYTES).fill(v);
const imgs = (n: number, v = 1) => Array.from({ length: n }, () => img(v));
const summary = (s: ReturnType<typeof emptyOwnImages>) => s.classes.map((c) => `${c.name}:${c.images.length}`);

describe('the page\'s classes of your images', () => {
  it('starts with two empty classes to record into, and says what is missing', () => {
    const s = starterClasses(emptyOwnImages());
    expect(summary(s)).toEqual(['Class 1:0', 'Class 2:0']);
    expect(draftProblems(s)[0]).toMatch(/^No class has images yet/);
    expect(starterClasses(s)).toBe(s);
  });

  it('adds, renames, fills and removes classes; a change forgets which set was used', () => {
    let s: OwnImagesState = { ...starterClasses(emptyOwnImages()), usedHash: 'abc' };
    s = renameClass(s, s.classes[0].key, '  mug ');
    expect(s.usedHash).toBeNull();
    expect(renameClass(s, s.classes[0].key, '///')).toBe(s); // nothing left of the name: unchanged
    s = appendImages(s, s.classes[0].key, imgs(6)).state;
    s = appendImages(s, s.classes[1].key, imgs(5)).state;
    expect(draftProblems(s)).toEqual([]);
    s = addClass(s);
    expect(summary(s)).toEqual(['mug:6', 'Class 2:5', 'Class 3:0']);
    s = removeClass(s, s.classes[2].key);
    const set = draftToSet(s);
    expect([set.count, Array.from(set.labels), set.classNames]).toEqual([11, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1], ['mug', 'Class 2']]);
  });

  it('a loaded set replaces classes of the same name, adds new ones, and the empty starters make way', () => {
    let s = starterClasses(emptyOwnImages());
    s = appendImages(s, s.classes[1].key, imgs(7, 9)).state; // recorded into "Class 2"
    const { state, lines } = mergeLoaded(s, [{ name: 'cat', images: imgs(5) }, { name: 'Class 2', images: imgs(3) }]);
    expect(summary(state)).toEqual(['Class 2:3', 'cat:5']);
    expect(lines).toEqual([]);
    expect(mergeLoaded(state, [{ name: 'cat', images: imgs(5) }]).state.classes.map((c) => c.images.length)).toEqual([3, 5]); // loading twice changes nothing
  });

  it('never passes the limits: images and classes past them are left out with a line each', () => {
    let s = emptyOwnImages();
    s = mergeLoaded(s, [{ name: 'a', images: imgs(MAX_IMAGES - 3) }]).state;
    const over = mergeLoaded(s, [{ name: 'b', images: imgs(10) }]);
    expect(summary(over.state)).toEqual([`a:${MAX_IMAGES - 3}`, 'b:3']);
    expect(over.lines).toEqual(['b: 7 images left out — a set holds at most 10\u00a0000']);
    expect(appendImages(over.state, over.state.classes[0].key, imgs(2)).leftOut).toBe(2);
    let empty = emptyOwnImages();
    for (let i = 0; i < MAX_CLASSES; i++) empty = addClass(empty);
    expect(addClass(empty)).toBe(empty);
    const full = mergeLoaded(emptyOwnImages(), Array.from({ length: MAX_CLASSES }, (_, i) => ({ name: `c${i}`, images: imgs(1) }))).state;
    expect(mergeLoaded(full, [{ name: 'extra', images: imgs(1) }]).lines).toEqual(['extra: a class of 1 images left out — a set holds at most 20 classes']);
  });

  it('a stored set comes back as the same classes, and goes out as the same set', () => {
    const set = shapeSet(3, 6);
    const s = draftFromSet(emptyOwnImages(), set, 'h');
    expect(summary(s)).toEqual(['disc:6', 'square:6', 'triangle:6']);
    expect(s.usedHash).toBe('h');
    expect(draftToSet(s)).toEqual(set);
  });
});
