import { pointCount } from './points';

export interface MmdOptions {
  /** Kernel bandwidth h in k(x, y) = exp(−|x − y|² / 2h²). */
  bandwidth: number;
  /** 'unbiased' drops the self-pairs (MMD²_u of Gretton et al. 2012, JMLR); 'biased' keeps them (MMD²_b). */
  estimator: 'unbiased' | 'biased';
  dim?: number;
}

function kernelSum(
  a: Float64Array,
  b: Float64Array,
  dim: number,
  inv: number,
  skipDiagonal: boolean,
): number {
  const [na, nb] = [a.length / dim, b.length / dim];
  let s = 0;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      if (skipDiagonal && i === j) continue;
      let d2 = 0;
      for (let c = 0; c < dim; c++) {
        const diff = a[i * dim + c] - b[j * dim + c];
        d2 += diff * diff;
      }
      s += Math.exp(-d2 * inv);
    }
  }
  return s;
}

/**
 * Squared maximum mean discrepancy with a Gaussian kernel:
 * MMD² = E k(X, X') + E k(Y, Y') − 2E k(X, Y). The unbiased estimate can be slightly negative.
 */
export function mmd2(a: Float64Array, b: Float64Array, options: MmdOptions): number {
  const { bandwidth, estimator, dim = 2 } = options;
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth))
    throw new Error(`mmd2: bandwidth must be > 0, got ${bandwidth}`);
  const m = pointCount(a, dim, 'mmd2 (a)');
  const n = pointCount(b, dim, 'mmd2 (b)');
  const inv = 1 / (2 * bandwidth * bandwidth);
  const cross = kernelSum(a, b, dim, inv, false) / (m * n);
  if (estimator === 'biased')
    return (
      kernelSum(a, a, dim, inv, false) / (m * m) +
      kernelSum(b, b, dim, inv, false) / (n * n) -
      2 * cross
    );
  if (m < 2 || n < 2)
    throw new Error('mmd2: the unbiased estimator needs at least 2 points per sample');
  return (
    kernelSum(a, a, dim, inv, true) / (m * (m - 1)) +
    kernelSum(b, b, dim, inv, true) / (n * (n - 1)) -
    2 * cross
  );
}
