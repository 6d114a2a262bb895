/**
 * The self-test computation: y = tanh(X·W + b) on fixed values. The worker runs it with
 * tfjs on the active backend; tests recompute it in plain float64 and compare.
 */
export const SELFTEST = {
  x: { rows: 4, cols: 3, values: [0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.1, 0.3, -0.6, 0.9] },
  w: { rows: 3, cols: 2, values: [0.2, -0.4, 0.7, 0.1, -0.3, 0.5] },
  b: [0.05, -0.1],
} as const;

/** The reference value in float64, computed without tfjs. */
export function selfTestReference(): number[] {
  const { x, w, b } = SELFTEST;
  const out: number[] = [];
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < w.cols; j++) {
      let s = b[j];
      for (let k = 0; k < x.cols; k++) s += x.values[i * x.cols + k] * w.values[k * w.cols + j];
      out.push(Math.tanh(s));
    }
  }
  return out;
}
