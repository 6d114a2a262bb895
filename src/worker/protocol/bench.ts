/**
 * The benchmark job (npm run bench): times bare model evaluations and full sampler loops
 * on the worker's active backend; it resolves to one BenchRow per size.
 */
export interface BenchJob {
  kind: 'bench';
  /** 'mlp2d': the 2D MLP of `dataset` (n particles); 'unet': the image model `dataset` (batch n). */
  model: 'mlp2d' | 'unet';
  dataset: string;
  /** Particle counts or image batch sizes, ascending. */
  sizes: number[];
  /** Sampler id and step count of the timed loops (one NFE per step for 'euler'). */
  sampler: string;
  steps: number;
  /** Timed repetitions per figure (after one warm-up). */
  repeats: number;
  /**
   * Time budget per size in ms: a size whose estimated cost (from the previous size's timing,
   * then from its own warm-up) exceeds it is skipped, or only its loops are; skipped figures are NaN.
   */
  budgetMs: number;
}

/** What one row of the job's result holds, in order; times in ms. */
export const BENCH_COLUMNS = [
  'size',
  /** 1 when the shipped weights were used, 0 for random weights of the same architecture. */
  'shipped',
  /** ms per evaluation over `steps` back-to-back calls at the loop's σ values. */
  'evalMedian',
  'evalMin',
  'evalMax',
  /** The loop with every step read back to the CPU, as the app's frames are. */
  'loopMedian',
  'loopMin',
  'loopMax',
  /** The same loop without per-step read-back (one read of the final state). */
  'loopBareMedian',
  'loopBareMin',
  'loopBareMax',
  'nfe',
  /** Median over repeats of (loop without read-back) / (NFE × evaluation timed just before it). */
  'overheadPaired',
] as const;

export type BenchColumn = (typeof BENCH_COLUMNS)[number];
export type BenchRow = Record<BenchColumn, number>;
