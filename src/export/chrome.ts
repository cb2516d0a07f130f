/** The plot's live SVG layer as standalone markup for an exported figure (browser only). */
import { EXPORT_FONT } from './figure';

/**
 * Serialises the children of the plot's <svg>: axes, labels, legend, overlay marks. Interaction-only
 * elements (the pointer-capture rect, the hover ring) and hidden elements are left out, and every
 * font is replaced by the export font stack (see EXPORT_FONT for why).
 */
export function chromeMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const el of Array.from(clone.querySelectorAll('.capture, .hover'))) el.remove();
  for (const el of Array.from(clone.querySelectorAll<SVGElement>('[style*="display"]'))) {
    if (el.style.display === 'none') el.remove();
  }
  for (const el of Array.from(clone.querySelectorAll('[font-family]'))) el.setAttribute('font-family', EXPORT_FONT);
  const ser = new XMLSerializer();
  return Array.from(clone.children, (c) => ser.serializeToString(c)).join('');
}
