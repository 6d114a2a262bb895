import { cellWidth, checkSquareGrid, type SquareGrid } from './squareGrid';

/**
 * Scott's rule for a 2D isotropic Gaussian KDE: h = σ̂·n^(−1/(d+4)) with d = 2, σ̂ the mean of
 * the two per-axis sample standard deviations (scipy.stats.gaussian_kde's scotts_factor).
 */
export function scottBandwidth(points: ArrayLike<number>): number {
  const n = points.length / 2;
  if (!(n >= 2)) throw new Error('scottBandwidth: need at least 2 points');
  let [mx, my] = [0, 0];
  for (let i = 0; i < points.length; i += 2) [mx, my] = [mx + points[i], my + points[i + 1]];
  [mx, my] = [mx / n, my / n];
  let [vx, vy] = [0, 0];
  for (let i = 0; i < points.length; i += 2) {
    vx += (points[i] - mx) ** 2;
    vy += (points[i + 1] - my) ** 2;
  }
  const sd = (Math.sqrt(vx / (n - 1)) + Math.sqrt(vy / (n - 1))) / 2;
  return sd * n ** (-1 / 6);
}

/** Discrete Gaussian kernel of half-width ⌈4h/Δ⌉ cells, normalised to sum to 1/Δ (a density per unit length). */
function kernel1d(h: number, delta: number): Float64Array {
  const radius = Math.max(1, Math.ceil((4 * h) / delta));
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const v = Math.exp(-0.5 * ((k * delta) / h) ** 2);
    w[k + radius] = v;
    sum += v;
  }
  for (let k = 0; k < w.length; k++) w[k] /= sum * delta;
  return w;
}

/** Convolve each row (stride 1) or each column (stride G) of a G×G grid with a centred kernel. */
function convolve(
  src: Float64Array,
  dst: Float64Array,
  G: number,
  w: Float64Array,
  alongX: boolean,
) {
  const radius = (w.length - 1) / 2;
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      let acc = 0;
      const lo = Math.max(0, b - radius);
      const hi = Math.min(G - 1, b + radius);
      for (let c = lo; c <= hi; c++) {
        acc += w[c - b + radius] * (alongX ? src[a * G + c] : src[c * G + a]);
      }
      dst[alongX ? a * G + b : b * G + a] = acc;
    }
  }
}

/**
 * Gaussian kernel density estimate of 2D points (flat x, y) at the cell centres of a G×G grid
 * over [−L, L]² (row-major from (−L, −L), see squareGrid.ts), bandwidth h in data units.
 * Binned KDE (Wand & Jones 1995, §D): points are linearly binned onto the grid, then blurred by a
 * separable Gaussian, so the cost is O(n + G²·h/Δ) and cheap enough for every frame. The
 * result integrates (Σ·Δ²) to the fraction of points inside the grid, less what the blur
 * carries off its edges.
 */
export function kdeGrid(
  points: ArrayLike<number>,
  extent: number,
  size: number,
  bandwidth: number,
): Float32Array {
  const grid: SquareGrid = { size, extent };
  checkSquareGrid(grid, 'kdeGrid');
  if (!(bandwidth > 0)) throw new Error(`kdeGrid: bandwidth must be > 0, got ${bandwidth}`);
  if (points.length % 2 !== 0) throw new Error(`kdeGrid: length ${points.length} is not even`);
  const G = size;
  const n = points.length / 2;
  const delta = cellWidth(grid);
  const bins = new Float64Array(G * G);
  for (let i = 0; i < points.length; i += 2) {
    // Continuous cell coordinate: centre of cell k is at k.
    const gx = (points[i] + extent) / delta - 0.5;
    const gy = (points[i + 1] + extent) / delta - 0.5;
    if (!(gx > -1 && gx < G && gy > -1 && gy < G)) continue;
    const [x0, y0] = [Math.floor(gx), Math.floor(gy)];
    const [fx, fy] = [gx - x0, gy - y0];
    for (let dy = 0; dy <= 1; dy++) {
      const row = y0 + dy;
      if (row < 0 || row >= G) continue;
      const wy = dy ? fy : 1 - fy;
      for (let dx = 0; dx <= 1; dx++) {
        const col = x0 + dx;
        if (col < 0 || col >= G) continue;
        bins[row * G + col] += wy * (dx ? fx : 1 - fx);
      }
    }
  }
  const w = kernel1d(bandwidth, delta);
  const tmp = new Float64Array(G * G);
  convolve(bins, tmp, G, w, true);
  convolve(tmp, bins, G, w, false);
  const out = new Float32Array(G * G);
  const norm = n > 0 ? 1 / n : 0;
  for (let k = 0; k < out.length; k++) out[k] = bins[k] * norm;
  return out;
}
