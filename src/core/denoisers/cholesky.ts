/**
 * Lower Cholesky factor L (row-major d×d, L·Lᵀ = A) of a symmetric positive-definite matrix.
 * Throws when A is not positive definite (a zero-covariance component at σ = 0, for instance).
 */
export function cholesky(a: readonly (readonly number[])[]): Float64Array {
  const d = a.length;
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    if (a[i].length !== d)
      throw new Error(`cholesky: row ${i} has length ${a[i].length}, expected ${d}`);
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0))
          throw new Error(`cholesky: matrix is not positive definite (pivot ${i} = ${s})`);
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/** Cholesky of a PSD matrix with `jitter` added to the diagonal when it is only semi-definite. */
export function choleskyPsd(a: readonly (readonly number[])[], jitter = 1e-12): Float64Array {
  try {
    return cholesky(a);
  } catch {
    return cholesky(a.map((row, i) => row.map((v, j) => (i === j ? v + jitter : v))));
  }
}
