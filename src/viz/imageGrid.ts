/**
 * Grayscale image tiles on a canvas: a grid of cells (samples, a filmstrip's steps, a row of
 * fills), drawn pixel-exact (nearest-neighbour upscaling) with optional marks on top.
 */
export interface ImageTiles {
  /** cells × height × width values, row-major per image; NaN draws as background. */
  values: Float32Array;
  cells: number;
  height: number;
  width: number;
  /** Values mapped to black..white; values outside clamp. */
  range: readonly [number, number];
}

export interface GridLayout {
  cols: number;
  rows: number;
  /** Background pixels between and around cells (image pixels, before scaling). */
  pad: number;
}

/** Background between cells, as a gray level (and its index in the GIF palette). */
export const BACKGROUND_GRAY = 235;

export function gridLayout(cells: number, cols = Math.ceil(Math.sqrt(cells)), pad = 1): GridLayout {
  const c = Math.max(1, Math.min(cols, cells));
  return { cols: c, rows: Math.max(1, Math.ceil(cells / c)), pad };
}

export function layoutSize(t: Pick<ImageTiles, 'height' | 'width'>, l: GridLayout) {
  return { width: l.cols * (t.width + l.pad) + l.pad, height: l.rows * (t.height + l.pad) + l.pad };
}

/** Screen pixels per image pixel (1..8) so that a grid is about `target` pixels wide. */
export function fitScale(
  cells: number,
  height: number,
  width: number,
  target: number,
  cols?: number,
): number {
  const size = layoutSize({ height, width }, gridLayout(cells, cols));
  return Math.max(1, Math.min(8, Math.floor(target / size.width)));
}

/** The composed grid as one gray byte per pixel. */
export function composeGray(
  t: ImageTiles,
  l: GridLayout,
): { width: number; height: number; gray: Uint8ClampedArray } {
  const { width, height } = layoutSize(t, l);
  const gray = new Uint8ClampedArray(width * height).fill(BACKGROUND_GRAY);
  const [lo, hi] = t.range;
  const k = 255 / (hi - lo);
  const size = t.height * t.width;
  for (let c = 0; c < t.cells; c++) {
    const x0 = l.pad + (c % l.cols) * (t.width + l.pad);
    const y0 = l.pad + Math.floor(c / l.cols) * (t.height + l.pad);
    for (let r = 0; r < t.height; r++) {
      for (let q = 0; q < t.width; q++) {
        const v = t.values[c * size + r * t.width + q];
        if (!Number.isNaN(v)) gray[(y0 + r) * width + x0 + q] = Math.round((v - lo) * k);
      }
    }
  }
  return { width, height, gray };
}

/** Nearest-neighbour upscaling by an integer factor. */
export function upscaleGray(
  gray: Uint8ClampedArray,
  width: number,
  height: number,
  k: number,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * k * height * k);
  for (let y = 0; y < height * k; y++) {
    const row = Math.floor(y / k) * width;
    for (let x = 0; x < width * k; x++) out[y * width * k + x] = gray[row + Math.floor(x / k)];
  }
  return out;
}

export function grayToRgba(gray: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(gray.length * 4);
  for (let i = 0; i < gray.length; i++) {
    out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = gray[i];
    out[4 * i + 3] = 255;
  }
  return out;
}

export interface GridMarks {
  /** Cell outlined in the accent colour. */
  selected?: number | null;
  /** Cell outlined dashed (keyboard focus). */
  focused?: number | null;
  /** A short label in each cell's corner; `good: false` draws it in red. */
  labels?: readonly { text: string; good: boolean }[];
  /** One caption above each column. */
  columnCaptions?: readonly string[];
  /** Pixels of cell 0 tinted red where mask[k] = 1 (an inpainting mask). */
  mask?: Uint8Array | null;
  /** A dashed square around one pixel of cell 0 (a keyboard brush cursor). */
  cursor?: { row: number; col: number } | null;
}

export interface ImageGridView {
  readonly canvas: HTMLCanvasElement;
  update(tiles: ImageTiles | null, marks?: GridMarks): void;
  /** The cell under a pointer position, or null. */
  cellAt(clientX: number, clientY: number): number | null;
  /** A drawn cell's box in CSS pixels from the canvas's top left, or null. */
  cellBox(cell: number): { x: number; y: number; w: number; h: number } | null;
  destroy(): void;
}

export interface ImageGridOptions {
  /** Columns; default a square-ish grid. */
  cols?: number;
  /** CSS pixels per image pixel. */
  scale: number;
  pad?: number;
  /** Room above the grid for column captions, CSS pixels. */
  captionHeight?: number;
  ariaLabel: string;
}

const ACCENT = '#2563eb';

/** A canvas in `container` that draws image tiles; create once, update per frame. */
export function createImageGrid(container: HTMLElement, options: ImageGridOptions): ImageGridView {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', options.ariaLabel);
  canvas.className = 'image-grid-canvas';
  container.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  const scratch = document.createElement('canvas');
  const scratchCtx = scratch.getContext('2d');
  if (!ctx || !scratchCtx) throw new Error('image grid: this browser gives no 2D canvas context');
  const top = options.captionHeight ?? 0;
  const { scale } = options;
  let geometry: { layout: GridLayout; w: number; h: number } | null = null;

  function update(tiles: ImageTiles | null, marks: GridMarks = {}): void {
    if (!tiles || !ctx || !scratchCtx) {
      ctx?.clearRect(0, 0, canvas.width, canvas.height);
      geometry = null;
      return;
    }
    const layout = gridLayout(tiles.cells, options.cols, options.pad);
    const { width, height, gray } = composeGray(tiles, layout);
    const dpr = window.devicePixelRatio || 1;
    const [cssW, cssH] = [width * scale, height * scale + top];
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
      canvas.style.width = `${cssW}px`;
      canvas.style.height = `${cssH}px`;
    }
    [scratch.width, scratch.height] = [width, height];
    scratchCtx.putImageData(new ImageData(grayToRgba(gray), width, height), 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(scratch, 0, top, width * scale, height * scale);
    geometry = { layout, w: tiles.width, h: tiles.height };
    drawMarks(ctx, tiles.cells, marks);
  }

  function cellBox(cell: number) {
    if (!geometry) return null;
    const { layout, w, h } = geometry;
    return {
      x: (layout.pad + (cell % layout.cols) * (w + layout.pad)) * scale,
      y: top + (layout.pad + Math.floor(cell / layout.cols) * (h + layout.pad)) * scale,
      w: w * scale,
      h: h * scale,
    };
  }

  function drawMarks(c: CanvasRenderingContext2D, cells: number, marks: GridMarks): void {
    const outline = (cell: number | null | undefined, dash: number[]) => {
      const box = cell === null || cell === undefined || cell >= cells ? null : cellBox(cell);
      if (!box) return;
      c.save();
      c.strokeStyle = ACCENT;
      c.lineWidth = 2;
      c.setLineDash(dash);
      c.strokeRect(box.x - 1, box.y - 1, box.w + 2, box.h + 2);
      c.restore();
    };
    const first = cellBox(0);
    if (first && marks.mask) {
      c.fillStyle = 'rgba(220, 38, 38, 0.45)';
      marks.mask.forEach((m, k) => {
        const row = Math.floor(k / (geometry?.w ?? 1));
        const col = k % (geometry?.w ?? 1);
        if (m) c.fillRect(first.x + col * scale, first.y + row * scale, scale, scale);
      });
    }
    if (first && marks.cursor) {
      c.save();
      c.strokeStyle = '#f59e0b';
      c.lineWidth = 2;
      c.setLineDash([3, 2]);
      c.strokeRect(
        first.x + marks.cursor.col * scale,
        first.y + marks.cursor.row * scale,
        scale,
        scale,
      );
      c.restore();
    }
    outline(marks.selected, []);
    outline(marks.focused, [3, 2]);
    c.font = '10px system-ui, sans-serif';
    marks.labels?.forEach((label, cell) => {
      const box = cellBox(cell);
      if (!box) return;
      const tw = c.measureText(label.text).width + 4;
      c.fillStyle = label.good ? 'rgba(255,255,255,0.85)' : 'rgba(180,35,24,0.9)';
      c.fillRect(box.x, box.y, tw, 12);
      c.fillStyle = label.good ? '#1d2330' : '#fff';
      c.fillText(label.text, box.x + 2, box.y + 10);
    });
    c.fillStyle = '#5b6475';
    c.textAlign = 'center';
    marks.columnCaptions?.forEach((text, col) => {
      const box = cellBox(col);
      if (box) c.fillText(text, box.x + box.w / 2, top - 4);
    });
    c.textAlign = 'start';
  }

  return {
    canvas,
    update,
    cellBox,
    cellAt(clientX, clientY) {
      if (!geometry) return null;
      const rect = canvas.getBoundingClientRect();
      const { layout, w, h } = geometry;
      const x = (clientX - rect.left) / scale - layout.pad;
      const y = (clientY - rect.top - top) / scale - layout.pad;
      const col = Math.floor(x / (w + layout.pad));
      const row = Math.floor(y / (h + layout.pad));
      if (x < 0 || y < 0 || col >= layout.cols || row >= layout.rows) return null;
      return row * layout.cols + col;
    },
    destroy() {
      canvas.remove();
    },
  };
}
