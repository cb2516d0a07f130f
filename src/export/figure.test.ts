import { describe, expect, it } from 'vitest';
import { CAPTION_HEIGHT, columnsFromTops, EXPORT_FONT, figureToSvg, gridLayout, PAGE_PADDING, PANEL_GAP, shownPoints, type PanelScene } from './figure';

function scene(positions: number[], opts: Partial<PanelScene> = {}): PanelScene {
  const n = positions.length / 2;
  return {
    width: 200,
    height: 160,
    plotArea: { x: 40, y: 10, width: 150, height: 120 },
    positions: Float32Array.from(positions),
    order: Uint32Array.from({ length: n }, (_, i) => i),
    bucket: Uint16Array.from({ length: n }, (_, i) => i % 2),
    palette: ['#1f77b4', '#ff7f0e'],
    radius: 3,
    alpha: 0.78,
    chrome: '<g class="legend"><text>0</text><text>1</text></g>',
    ...opts,
  };
}

describe('gridLayout', () => {
  it('places panels row-major in the given columns with caption, gap and padding', () => {
    const s = scene([]);
    const fig = gridLayout([s, s, s], ['a', 'b', 'c'], 2);
    expect(fig.panels.map((p) => [p.x, p.y])).toEqual([
      [PAGE_PADDING, PAGE_PADDING],
      [PAGE_PADDING + 200 + PANEL_GAP, PAGE_PADDING],
      [PAGE_PADDING, PAGE_PADDING + CAPTION_HEIGHT + 160 + PANEL_GAP],
    ]);
    expect(fig.width).toBe(2 * PAGE_PADDING + 400 + PANEL_GAP);
    expect(fig.height).toBe(2 * PAGE_PADDING + 2 * (CAPTION_HEIGHT + 160) + PANEL_GAP);
    expect(fig.panels.map((p) => p.caption)).toEqual(['a', 'b', 'c']);
  });

  it('never uses more columns than panels', () => {
    const fig = gridLayout([scene([])], ['a'], 4);
    expect(fig.width).toBe(2 * PAGE_PADDING + 200);
  });
});

describe('columnsFromTops', () => {
  it('counts the plots on the first row', () => {
    expect(columnsFromTops([100, 100.5, 420, 420])).toBe(2);
    expect(columnsFromTops([100, 400, 700])).toBe(1);
    expect(columnsFromTops([])).toBe(1);
  });
});

describe('shownPoints', () => {
  it('keeps finite points inside the plot area, in draw order', () => {
    const s = scene([50, 50, NaN, 20, 1000, 50, 100, 100], { order: Uint32Array.from([3, 2, 1, 0]) });
    expect(shownPoints(s)).toEqual([3, 0]);
  });
});

describe('figureToSvg', () => {
  const fig = gridLayout([scene([50, 50, 60, 60, 70, 70]), scene([80, 80, NaN, NaN])], ['Softmax <cross-entropy>', 'Center & co'], 2);

  it('writes one circle per shown point, coloured by bucket, under the chrome', () => {
    const svg = figureToSvg(fig);
    const circles = svg.match(/<circle [^>]*\/>/g) ?? [];
    expect(circles).toHaveLength(4);
    expect(circles[0]).toContain('cx="50" cy="50" r="3" fill="#1f77b4"');
    expect(circles[1]).toContain('fill="#ff7f0e"');
    expect(svg.indexOf('<circle')).toBeLessThan(svg.indexOf('class="chrome"'));
    expect(svg.match(/class="legend"/g)).toHaveLength(2);
  });

  it('is a standalone document: namespace, size, white background, escaped captions, export font', () => {
    const svg = figureToSvg(fig);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`width="${fig.width}" height="${fig.height}" viewBox="0 0 ${fig.width} ${fig.height}"`);
    expect(svg).toContain('fill="#fff"');
    expect(svg).toContain('Softmax &lt;cross-entropy&gt;');
    expect(svg).toContain('Center &amp; co');
    expect(svg).toContain(`font-family="${EXPORT_FONT.replace(/"/g, '&quot;')}"`);
    // every opened tag is closed: a cheap well-formedness check without an XML parser
    const opened = (svg.match(/<(g|svg|clipPath|text)[\s>]/g) ?? []).length;
    const closed = (svg.match(/<\/(g|svg|clipPath|text)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('without points: transparent page, chrome only, scaled outer size', () => {
    const svg = figureToSvg(fig, { points: false, scale: 4 });
    expect(svg).not.toContain('<circle');
    expect(svg).not.toContain('fill="#fff"');
    expect(svg).toContain(`width="${fig.width * 4}" height="${fig.height * 4}" viewBox="0 0 ${fig.width} ${fig.height}"`);
  });
});
