/**
 * The shared view box of every 2D panel: the data square [−L, L]² drawn as the largest square
 * that fits the container inside a margin (room for the axes), centred. Every layer of a panel
 * (density, data, particles, field, axes) computes the same view box from the same container
 * size, extent and margin, so layers stacked in one container line up without talking to
 * each other.
 */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Room for tick labels on the left and bottom. */
export const PANEL_MARGIN: Readonly<Margin> = { top: 8, right: 8, bottom: 24, left: 32 };

export interface ViewBox {
  /** Half-width L of the data square. */
  extent: number;
  /** Top-left corner and side of the plot square, in CSS pixels of the container. */
  left: number;
  top: number;
  side: number;
  /** CSS pixels per data unit. */
  pxPerUnit: number;
  /** Data x → pixel x. */
  x(v: number): number;
  /** Data y → pixel y (y grows upwards in data, downwards on screen). */
  y(v: number): number;
  invertX(px: number): number;
  invertY(py: number): number;
}

export function viewBox(
  width: number,
  height: number,
  extent: number,
  margin: Readonly<Margin> = PANEL_MARGIN,
): ViewBox {
  if (!(extent > 0)) throw new Error(`viewBox: extent must be > 0, got ${extent}`);
  const innerW = Math.max(0, width - margin.left - margin.right);
  const innerH = Math.max(0, height - margin.top - margin.bottom);
  const side = Math.min(innerW, innerH);
  const left = margin.left + (innerW - side) / 2;
  const top = margin.top + (innerH - side) / 2;
  const k = side / (2 * extent);
  return {
    extent,
    left,
    top,
    side,
    pxPerUnit: k,
    x: (v) => left + (v + extent) * k,
    y: (v) => top + (extent - v) * k,
    invertX: (px) => (px - left) / k - extent,
    invertY: (py) => extent - (py - top) / k,
  };
}

/** Backing-store size of a canvas shown at cssW × cssH CSS pixels on a screen of ratio dpr. */
export function backingSize(cssW: number, cssH: number, dpr: number): [number, number] {
  const r = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  return [Math.max(1, Math.round(cssW * r)), Math.max(1, Math.round(cssH * r))];
}
