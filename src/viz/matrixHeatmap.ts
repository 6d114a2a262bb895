import { interpolateViridis } from 'd3';
import { themeColor } from './theme';

/**
 * A K×K stochastic matrix as a heatmap on a canvas: cell (i, j) is row i (from x_{t−1} or x₀ = i),
 * column j (to x_t = j), coloured by √p so that small off-diagonal mass stays visible; the first
 * `labelled` rows and columns get their token labels.
 */
export function drawMatrixHeatmap(
  ctx: CanvasRenderingContext2D,
  matrix: Float64Array,
  K: number,
  labels: readonly string[],
  cell: number,
  margin: number,
): void {
  const { canvas } = ctx;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      ctx.fillStyle = interpolateViridis(Math.sqrt(Math.min(1, Math.max(0, matrix[i * K + j]))));
      ctx.fillRect(margin + j * cell, margin + i * cell, cell, cell);
    }
  }
  ctx.fillStyle = themeColor(canvas, '--viz-ink', '#333');
  ctx.font = `${Math.min(9, cell)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let k = 0; k < K; k++) {
    const centre = margin + (k + 0.5) * cell;
    ctx.fillText(labels[k] ?? '', centre, margin / 2);
    ctx.fillText(labels[k] ?? '', margin / 2, centre);
  }
}

export function matrixCanvasSide(K: number, cell: number, margin: number): number {
  return margin + K * cell;
}
