import { useEffect, useRef } from 'react';
import { drawMatrixHeatmap, matrixCanvasSide } from '../../viz/matrixHeatmap';

const CELL = 9;
const MARGIN = 14;

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
  const side = matrixCanvasSide(K, CELL, MARGIN);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawMatrixHeatmap(ctx, matrix, K, labels, CELL, MARGIN);
  }, [matrix, K, labels]);
  return (
    <figure className="transition-heatmap" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <canvas ref={ref} width={side} height={side} role="img" aria-label={`${title}: ${summary}`} />
      <p className="muted">{summary}</p>
    </figure>
  );
}
