/**
 * Token sequences drawn as small images on a canvas: the 8×8 digits, one tile per sequence,
 * each token a cell shaded by its grey level, with a state colour for masked tokens and an
 * outline for the tokens a step just changed. No D3 needed: a few thousand rectangles.
 */
export interface TileStyle {
  /** Fill of a masked token. */
  mask: string;
  /** Outline of a token by its state code (none where absent). */
  outline: Record<number, string>;
  /** Outline of the selected token. */
  selected: string;
}

export interface TileLayout {
  /** Tiles per row. */
  columns: number;
  /** Cells per tile side (8 for the digits). */
  side: number;
  /** Pixels per cell. */
  cell: number;
  /** Pixels between tiles. */
  gap: number;
}

export function tileCanvasSize(
  count: number,
  layout: TileLayout,
): { width: number; height: number } {
  const tile = layout.side * layout.cell;
  const rows = Math.ceil(count / layout.columns);
  return {
    width: Math.min(count, layout.columns) * (tile + layout.gap) - layout.gap,
    height: rows * (tile + layout.gap) - layout.gap,
  };
}

/** The (sequence, position) under canvas point (x, y), or null between tiles. */
export function tileAt(
  x: number,
  y: number,
  count: number,
  layout: TileLayout,
): { sequence: number; position: number } | null {
  const tile = layout.side * layout.cell;
  const stride = tile + layout.gap;
  const col = Math.floor(x / stride);
  const row = Math.floor(y / stride);
  const ix = x - col * stride;
  const iy = y - row * stride;
  const sequence = row * layout.columns + col;
  if (col >= layout.columns || ix >= tile || iy >= tile || sequence >= count || x < 0 || y < 0)
    return null;
  return {
    sequence,
    position: Math.floor(iy / layout.cell) * layout.side + Math.floor(ix / layout.cell),
  };
}

/**
 * Draw `count` sequences of side² tokens: grey level v of `levels` as (1 − v/(levels − 1)) white
 * (ink is dark), the mask token in style.mask, each state's outline, and the selected token.
 */
export function drawTokenTiles(
  ctx: CanvasRenderingContext2D,
  tokens: ArrayLike<number>,
  states: ArrayLike<number> | null,
  count: number,
  levels: number,
  layout: TileLayout,
  style: TileStyle,
  selected: { sequence: number; position: number } | null,
): void {
  const { side, cell, gap, columns } = layout;
  const L = side * side;
  const stride = side * cell + gap;
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const outline = (x: number, y: number, color: string) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x + 0.75, y + 0.75, cell - 1.5, cell - 1.5);
  };
  for (let j = 0; j < count; j++) {
    const ox = (j % columns) * stride;
    const oy = Math.floor(j / columns) * stride;
    for (let l = 0; l < L; l++) {
      const v = tokens[j * L + l];
      const x = ox + (l % side) * cell;
      const y = oy + Math.floor(l / side) * cell;
      if (v >= levels) ctx.fillStyle = style.mask;
      else {
        const g = Math.round(255 * (1 - v / (levels - 1)));
        ctx.fillStyle = `rgb(${g},${g},${g})`;
      }
      ctx.fillRect(x, y, cell, cell);
      const color = states ? style.outline[states[j * L + l]] : undefined;
      if (color) outline(x, y, color);
    }
  }
  if (selected && selected.sequence < count) {
    const { sequence: j, position: l } = selected;
    const x = (j % columns) * stride + (l % side) * cell;
    const y = Math.floor(j / columns) * stride + Math.floor(l / side) * cell;
    outline(x, y, style.selected);
  }
}
