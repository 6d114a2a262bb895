import { symmetricEigen } from '../metrics/eigen';

/** A small dense matrix, row-major. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function mat(rows: number, cols: number, at: (i: number, j: number) => number): Mat {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = at(i, j);
  return { rows, cols, data };
}

export const identity = (n: number): Mat => mat(n, n, (i, j) => (i === j ? 1 : 0));

export const transpose = (a: Mat): Mat => mat(a.cols, a.rows, (i, j) => a.data[j * a.cols + i]);

export function matMul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matMul: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  return mat(a.rows, b.cols, (i, j) => {
    let s = 0;
    for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
    return s;
  });
}

/** The first `rows` × `cols` block of a, zero-padded where a is smaller. */
export const resize = (a: Mat, rows: number, cols: number): Mat =>
  mat(rows, cols, (i, j) => (i < a.rows && j < a.cols ? a.data[i * a.cols + j] : 0));

/**
 * Full SVD a = U·diag(s)·Vᵀ of an m×n matrix with m ≤ n: U m×m, V n×n (orthonormal, the last
 * n − m columns spanning the null space), s descending. From the symmetric eigen-decomposition
 * (Jacobi) of a itself when it is square and symmetric (s = |λ|, U = V·sign λ: no squaring of
 * small singular values), else of aᵀa (V and s²) with U's columns a·v_k / s_k.
 */
export function svd(a: Mat): { u: Mat; s: Float64Array; v: Mat } {
  const { rows: m, cols: n } = a;
  if (m > n) throw new Error(`svd: ${m}×${n} has more rows than columns`);
  const symmetric =
    m === n &&
    a.data.every((x, k) => Math.abs(x - a.data[(k % n) * n + Math.floor(k / n)]) < 1e-15);
  const { values, vectors } = symmetricEigen(symmetric ? a.data : matMul(transpose(a), a).data, n);
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (i, j) => Math.abs(values[j]) - Math.abs(values[i]),
  );
  const s = Float64Array.from(order.slice(0, m), (k) =>
    symmetric ? Math.abs(values[k]) : Math.sqrt(Math.max(0, values[k])),
  );
  const v = mat(n, n, (i, j) => vectors[i * n + order[j]]);
  const u = symmetric
    ? mat(m, m, (i, j) => v.data[i * n + j] * (values[order[j]] < 0 ? -1 : 1))
    : mat(m, m, (i, j) => {
        if (s[j] < 1e-12) throw new Error('svd: a rank-deficient wide matrix is not supported');
        let t = 0;
        for (let k = 0; k < n; k++) t += a.data[i * n + k] * v.data[k * n + j];
        return t / s[j];
      });
  return { u, s, v };
}
