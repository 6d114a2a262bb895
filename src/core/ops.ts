/**
 * The array-ops interface every sampler is written against. One sampler source runs
 * on Float64Array in Node (exact tests) and on tfjs tensors in the worker (GPU-resident
 * loops). Arrays are flat; the caller owns the shape.
 */
export type ErrorScale = 'sum' | 'max';

export interface ArrayOps<T> {
  /** Σ c_k · a_k as a new array: every sampler update is a linear combination. */
  lincomb(terms: ReadonlyArray<readonly [number, T]>): T;
  /** Elementwise product (masks). */
  mul(a: T, b: T): T;
  /** Elementwise clamp to [lo, hi]. */
  clip(x: T, lo: number, hi: number): T;
  /** Mean of squares over all elements. Forces a read-back on a GPU: adaptive solvers only. */
  meanSquare(x: T): number;
  /**
   * Mean of squares of err / δ, the RK error norm, with δ = atol + rtol·max(|a|,|b|) ('sum',
   * scipy's RK45) or δ = max(atol, rtol·max(|a|,|b|)) ('max', k-diffusion's dpm_adaptive and
   * Jolicoeur-Martineau et al. 2021). Reads back.
   */
  errorNorm(err: T, a: T, b: T, atol: number, rtol: number, scale?: ErrorScale): number;
}

/** Float64Array implementation: exact arithmetic for tests, the CLI and the analytic oracles. */
export const float64Ops: ArrayOps<Float64Array> = {
  lincomb(terms) {
    const n = terms[0][1].length;
    const out = new Float64Array(n);
    for (const [c, a] of terms) {
      if (a.length !== n) throw new Error(`lincomb: length ${a.length} != ${n}`);
      if (c === 0) continue;
      for (let i = 0; i < n; i++) out[i] += c * a[i];
    }
    return out;
  },
  mul(a, b) {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
    return out;
  },
  clip(x, lo, hi) {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = Math.min(hi, Math.max(lo, x[i]));
    return out;
  },
  meanSquare(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * x[i];
    return s / x.length;
  },
  errorNorm(err, a, b, atol, rtol, scale = 'sum') {
    let s = 0;
    for (let i = 0; i < err.length; i++) {
      const rel = rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
      const delta = scale === 'max' ? Math.max(atol, rel) : atol + rel;
      s += (err[i] / delta) ** 2;
    }
    return s / err.length;
  },
};
