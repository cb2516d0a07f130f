import { describe, expect, it } from 'vitest';
import { compareNames, groupByClass, isSystemFile, planDecode, type PlanEntry } from './ownImagesPaths';

/** Files of one dropped folder (or loose files, without a folder). */
const one = (paths: string[], fallback = 'x'): PlanEntry[] => paths.map((path) => ({ path, root: path.includes('/') ? path.split('/')[0] : '', fallback }));

const classesOf = (paths: string[], fallback = 'Class 1', list?: string) => {
  const g = groupByClass(paths, fallback, list);
  return { classes: Object.fromEntries(g.classes.map((c, k) => [c, g.members[k].map((i) => paths[i])])), order: g.classes, skipped: g.skipped.map((s) => paths[s.index]) };
};

describe('groupByClass: one sub-folder per class', () => {
  it('looks through the folders every file shares, and the folder below is the class', () => {
    const r = classesOf(['set/cat/1.png', 'set/dog/2.png', 'set/cat/10.png', 'set/cat/2.png']);
    expect(r.order).toEqual(['cat', 'dog']);
    expect(r.classes.cat).toEqual(['set/cat/1.png', 'set/cat/2.png', 'set/cat/10.png']); // img2 before img10
  });

  it('files deeper than their class folder belong to it; files beside the class folders are skipped', () => {
    const r = classesOf(['cat/tabby/1.png', 'cat/2.png', 'dog/x/y/3.png', 'stray.png']);
    expect(r.classes).toEqual({ cat: ['cat/2.png', 'cat/tabby/1.png'], dog: ['dog/x/y/3.png'] });
    expect(r.skipped).toEqual(['stray.png']);
  });

  it('a folder of images alone is one class, named after it; loose files take the fallback', () => {
    expect(classesOf(['mugs/1.png', 'mugs/2.png']).classes).toEqual({ mugs: ['mugs/1.png', 'mugs/2.png'] });
    expect(classesOf(['a.png', 'b.png'], 'Class 3').classes).toEqual({ 'Class 3': ['a.png', 'b.png'] });
    expect(classesOf([]).order).toEqual([]);
  });

  it('classes.txt fixes the order; classes it does not list follow by name', () => {
    expect(classesOf(['s/b/1.png', 's/a/1.png', 's/c/1.png'], 'x', 'c\nb\n').order).toEqual(['c', 'b', 'a']);
  });

  it('folder names become clean class names; one that leaves nothing is skipped', () => {
    const r = classesOf(['s/  my\tcat /1.png', 's/\u0001/2.png']);
    expect(r.order).toEqual(['my cat']);
    expect(r.skipped).toEqual(['s/\u0001/2.png']);
  });
});

describe('planDecode', () => {
  it('drops system files silently and skips non-images by name, with a reason', () => {
    const paths = ['s/cat/1.png', 's/cat/.DS_Store', '__MACOSX/s/cat/._1.png', 's/cat/notes.txt', 's/dog/1.jpg', 's/Thumbs.db'];
    const p = planDecode(one(paths), undefined, 20, 100);
    expect(p.classes.map((c) => [c.name, c.members.map((i) => paths[i])])).toEqual([['cat', ['s/cat/1.png']], ['dog', ['s/dog/1.jpg']]]);
    expect(p.skipped.map((s) => paths[s.index])).toEqual(['s/cat/notes.txt']);
    expect(isSystemFile('a/.hidden/b.png')).toBe(true);
  });

  it('groups each root on its own (a zip, a folder, loose images) and joins classes of the same name', () => {
    const entries: PlanEntry[] = [
      { path: 'shapes/disc/1.png', root: 'a.zip', fallback: 'a' }, { path: 'shapes/square/1.png', root: 'a.zip', fallback: 'a' },
      { path: '1.png', root: 'mugs.zip', fallback: 'mugs' }, { path: '2.png', root: 'mugs.zip', fallback: 'mugs' },
      { path: 'disc/9.png', root: 'disc', fallback: 'Class 3' },
      { path: 'x.png', root: '', fallback: 'Class 3' },
    ];
    const p = planDecode(entries, undefined, 20, 100);
    expect(p.classes.map((c) => [c.name, c.members.map((i) => entries[i].path)])).toEqual([
      ['Class 3', ['x.png']], ['disc', ['shapes/disc/1.png', 'disc/9.png']], ['mugs', ['1.png', '2.png']], ['square', ['shapes/square/1.png']],
    ]);
    expect(p.skipped).toEqual([]);
  });

  it('past the image limit every class keeps an even share; past the class limit classes are listed', () => {
    const paths = [...Array.from({ length: 90 }, (_, i) => `s/big/${i}.png`), ...Array.from({ length: 6 }, (_, i) => `s/small/${i}.png`), 's/zz/1.png'];
    const p = planDecode(one(paths), undefined, 2, 20);
    expect(p.classes.map((c) => [c.name, c.members.length])).toEqual([['big', 14], ['small', 6]]);
    expect(p.overLimit).toBe(76);
    expect(p.extraClasses).toEqual([{ name: 'zz', count: 1 }]);
  });
});

describe('compareNames', () => {
  it('sorts numbers by value, the same on every machine', () => {
    expect(['img10', 'img2', 'img02', 'Img1', 'img1a', 'img1'].sort(compareNames)).toEqual(['Img1', 'img1', 'img1a', 'img2', 'img02', 'img10']);
    expect(compareNames('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
  });
});
