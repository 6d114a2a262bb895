import { useEffect, useRef } from 'react';
import { drawMatrixHeatmap, matrixCanvasSide } from '../../viz/matrixHeatmap';

const MARGIN = 16;
/** Cells of 9 px for the names' 28 tokens, larger for the digits' 18 (room for two-digit labels). */
const cellFor = (K: number) => (K > 20 ? 9 : 13);

/** One transition matrix (rows: from, columns: to) with its title and a text summary. */
export function TransitionHeatmap({
  title,
  matrix,
  labels,
  summary,
  testId,
}: {
  title: string;
  matrix: Float64Array;
  labels: readonly string[];
  summary: string;
  testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const K = labels.length;
  const cell = cellFor(K);
  const side = matrixCanvasSide(K, cell, MARGIN);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawMatrixHeatmap(ctx, matrix, K, labels, cell, MARGIN);
  }, [matrix, K, labels, cell]);
  return (
    <figure className="transition-heatmap" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <canvas ref={ref} width={side} height={side} role="img" aria-label={`${title}: ${summary}`} />
      <p className="muted">{summary}</p>
    </figure>
  );
}
