/**
 * The figure a view shows, as one image: every canvas and SVG layer under a root element,
 * stacked by z-index at their on-screen positions. PNG rasterises everything; SVG keeps the
 * SVG layers (axes, labels, charts) as vectors and embeds each canvas layer (particles, field,
 * density) as a PNG image at device resolution. No React, no state.
 */

interface Layer {
  el: HTMLCanvasElement | SVGSVGElement;
  x: number;
  y: number;
  w: number;
  h: number;
  z: number;
}

/** Top-level visual layers under `root` (an SVG's own inner SVGs and icons are skipped). */
function layers(root: HTMLElement): { width: number; height: number; layers: Layer[] } {
  const box = root.getBoundingClientRect();
  const found: Layer[] = [];
  root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg').forEach((el) => {
    if (el instanceof SVGSVGElement && (el.ownerSVGElement || el.classList.contains('icon')))
      return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const z = Number.parseInt(getComputedStyle(el).zIndex, 10);
    found.push({
      el,
      x: r.left - box.left,
      y: r.top - box.top,
      w: r.width,
      h: r.height,
      z: Number.isFinite(z) ? z : 0,
    });
  });
  found.sort((a, b) => a.z - b.z);
  return { width: Math.ceil(box.width), height: Math.ceil(box.height), layers: found };
}

/** One SVG layer as standalone markup, with currentColor resolved to its on-screen colour. */
function svgMarkup(svg: SVGSVGElement, w: number, h: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.removeAttribute('style');
  clone.setAttribute('color', getComputedStyle(svg).color);
  clone.setAttribute('overflow', 'visible');
  return new XMLSerializer().serializeToString(clone);
}

function loadSvgImage(markup: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the figure’s SVG layer could not be rasterised'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  });
}

/** The figure rasterised at `scale` pixels per CSS pixel (width capped at `maxWidth` pixels). */
export async function figureCanvas(
  root: HTMLElement,
  options: { scale?: number; maxWidth?: number; background?: string } = {},
): Promise<HTMLCanvasElement> {
  const { width, height, layers: found } = layers(root);
  let scale = options.scale ?? (window.devicePixelRatio || 1);
  if (options.maxWidth && width * scale > options.maxWidth) scale = options.maxWidth / width;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gives no 2D canvas context for the export');
  ctx.fillStyle = options.background ?? '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  for (const l of found) {
    const image =
      l.el instanceof HTMLCanvasElement
        ? l.el
        : await loadSvgImage(svgMarkup(l.el as SVGSVGElement, l.w, l.h));
    ctx.drawImage(image, l.x, l.y, l.w, l.h);
  }
  return canvas;
}

/** The figure as an SVG document: vector SVG layers, canvas layers as embedded PNG images. */
export function figureSvg(root: HTMLElement, background = '#ffffff'): string {
  const { width, height, layers: found } = layers(root);
  const parts = found.map((l) => {
    const at = `x="${l.x}" y="${l.y}" width="${l.w}" height="${l.h}"`;
    if (l.el instanceof HTMLCanvasElement)
      return `<image ${at} preserveAspectRatio="none" href="${l.el.toDataURL('image/png')}"/>`;
    const inner = svgMarkup(l.el as SVGSVGElement, l.w, l.h).replace(
      /^<svg/,
      `<svg x="${l.x}" y="${l.y}"`,
    );
    return inner;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
