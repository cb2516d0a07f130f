import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { boundaryPath, figureToSvg, gridLayout, type PanelScene } from './figure';

const base: PanelScene = {
  width: 200, height: 160, plotArea: { x: 40, y: 10, width: 150, height: 120 },
  positions: Float32Array.from([100, 50]), order: Uint32Array.from([0]), bucket: Uint16Array.from([0]),
  palette: ['#1f77b4'], radius: 3, alpha: 0.78, chrome: '',
};

describe('decision regions in exported figures', () => {
  it('SVG: the grid as a pixelated PNG image under the points, clipped to the plot, and the boundaries as a path', () => {
    const pixels = new Uint8ClampedArray(4 * 4).fill(200);
    const regions = { size: 2, pixels, rect: { x: 30, y: 5, width: 170, height: 130 }, patches: null, boundaries: Float32Array.from([115, 5, 115, 135]) };
    const svg = figureToSvg(gridLayout([{ ...base, regions }], ['run'], 1));
    const image = svg.match(/<image x="30" y="5" width="170" height="130" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image\/png;base64,([A-Za-z0-9+/=]+)"\/>/);
    expect(image).not.toBeNull();
    // the embedded PNG holds exactly the grid's pixels
    const png = Uint8Array.from(atob(image![1]), (c) => c.charCodeAt(0));
    const idatLen = new DataView(png.buffer).getUint32(33);
    expect(Array.from(unzlibSync(png.subarray(41, 41 + idatLen)))).toEqual([0, ...pixels.slice(0, 8), 0, ...pixels.slice(8)]);
    expect(svg).toContain('<path class="boundaries" d="M115 5L115 135"');
    // under the points: the regions group comes before the points group, both clipped alike
    expect(svg.indexOf('class="regions"')).toBeLessThan(svg.indexOf('class="points"'));
    expect(svg.match(/clip-path="url\(#export-points-clip-0\)"/g)).toHaveLength(2);
    // without regions (turned off, or a projection): nothing of the kind
    expect(figureToSvg(gridLayout([base], ['run'], 1))).not.toContain('regions');
    expect(boundaryPath(new Float32Array(0))).toBe('');
  });

  it('SVG: refined cells as parts of one stacked image, each cropped by a viewBox over its cell', () => {
    // two refined cells, 2 × 2 sub-cells each: the stacked image is 2 wide, 4 high
    const patchPixels = new Uint8ClampedArray(4 * 2 * 4).map((_, i) => i);
    const patches = { fine: 2, pixels: patchPixels, rects: Float32Array.from([50, 20, 10, 10, 60, 20, 10, 10]) };
    const regions = { size: 2, pixels: new Uint8ClampedArray(16), rect: { x: 30, y: 5, width: 170, height: 130 }, patches, boundaries: new Float32Array(0) };
    const svg = figureToSvg(gridLayout([{ ...base, regions }], ['run'], 1));
    const def = svg.match(/<defs><image id="(export-region-patches-0)" width="2" height="4" [^>]*href="data:image\/png;base64,([A-Za-z0-9+/=]+)"\/><\/defs>/);
    expect(def).not.toBeNull();
    const png = Uint8Array.from(atob(def![2]), (c) => c.charCodeAt(0));
    const idatLen = new DataView(png.buffer).getUint32(33);
    const rows = Array.from(unzlibSync(png.subarray(41, 41 + idatLen)));
    expect(rows.filter((_, i) => i % 9 !== 0)).toEqual(Array.from(patchPixels));
    expect(svg).toContain('<svg x="50" y="20" width="10" height="10" viewBox="0 0 2 2" preserveAspectRatio="none"><use href="#export-region-patches-0"/></svg>');
    expect(svg).toContain('<svg x="60" y="20" width="10" height="10" viewBox="0 2 2 2" preserveAspectRatio="none"><use href="#export-region-patches-0"/></svg>');
    // inside the regions group, after the cells' image: drawn over it
    expect(svg.indexOf('class="regions"')).toBeLessThan(svg.indexOf('export-region-patches-0'));
    expect(svg.indexOf('export-region-patches-0')).toBeLessThan(svg.indexOf('class="points"'));
  });
});
