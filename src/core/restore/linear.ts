import { float64Ops, type ArrayOps } from '../ops';
import type { Mat } from './matrix';
import { spectralFactors, type OperatorSpec } from './operators';

/**
 * What the restoration solvers need beyond ArrayOps, on a batch of cells (images) of the same
 * operator: separable matrix products per cell, constants repeated over the cells, and a per-cell
 * normalisation (DPS's step divides by each image's residual norm).
 */
export interface RestoreOps<T> extends ArrayOps<T> {
  /** Per cell X (left.cols × right.cols): left·X·rightᵀ. */
  kron(x: T, left: Mat, right: Mat): T;
  /** One cell's values (rows × cols) repeated for every cell of the batch. */
  tile(values: Float64Array, rows: number, cols: number): T;
  /** Each cell of x divided by the Euclidean norm of the same cell of `of` (at least 1e-30). */
  perCellNormalise(x: T, of: T): T;
}

/** RestoreOps on flat Float64Arrays of `cells` cells (tests, the CLI). */
export function float64RestoreOps(cells: number): RestoreOps<Float64Array> {
  return {
    ...float64Ops,
    kron(x, left, right) {
      const [a, b] = [left.cols, right.cols];
      const [p, q] = [left.rows, right.rows];
      if (x.length !== cells * a * b)
        throw new Error(`kron: ${x.length} values for ${cells} cells of ${a}×${b}`);
      const out = new Float64Array(cells * p * q);
      const tmp = new Float64Array(p * b);
      for (let c = 0; c < cells; c++) {
        const xo = c * a * b;
        tmp.fill(0);
        for (let i = 0; i < p; i++)
          for (let k = 0; k < a; k++) {
            const l = left.data[i * a + k];
            if (l !== 0) for (let j = 0; j < b; j++) tmp[i * b + j] += l * x[xo + k * b + j];
          }
        for (let i = 0; i < p; i++)
          for (let j = 0; j < q; j++) {
            let s = 0;
            for (let k = 0; k < b; k++) s += tmp[i * b + k] * right.data[j * b + k];
            out[c * p * q + i * q + j] = s;
          }
      }
      return out;
    },
    tile(values, rows, cols) {
      if (values.length !== rows * cols)
        throw new Error(`tile: ${values.length} != ${rows}×${cols}`);
      const out = new Float64Array(cells * values.length);
      for (let c = 0; c < cells; c++) out.set(values, c * values.length);
      return out;
    },
    perCellNormalise(x, of) {
      const n = x.length / cells;
      const m = of.length / cells;
      const out = Float64Array.from(x);
      for (let c = 0; c < cells; c++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += of[c * m + k] ** 2;
        for (let k = 0; k < n; k++) out[c * n + k] /= Math.max(Math.sqrt(s), 1e-30);
      }
      return out;
    },
  };
}

/** A measurement operator on a host's arrays: A, Aᵀ and its SVD's maps. */
export interface LinearOperator<T> {
  spec: OperatorSpec;
  apply(x: T): T;
  adjoint(y: T): T;
  /** Vᵀx: an image in A's right singular basis. */
  toSpectral(x: T): T;
  /** V·z. */
  fromSpectral(z: T): T;
  /** Uᵀy placed in the spectral coordinates (zeros where A has no singular value). */
  measToSpectral(y: T): T;
  /** U applied to the spectral coordinates that A reaches. */
  spectralToMeas(z: T): T;
  /** Per-coordinate spectral constants (one cell's H·W values), repeated over the cells. */
  spectral(values: Float64Array): T;
}

export function linearOperator<T>(spec: OperatorSpec, ops: RestoreOps<T>): LinearOperator<T> {
  const f = spectralFactors(spec);
  const diag = spec.kind === 'diag';
  const { height: h, width: w } = spec;
  const mask = () => ops.tile(spec.mask as Float64Array, h, w);
  return {
    spec,
    apply: (x) => (diag ? ops.mul(mask(), x) : ops.kron(x, spec.left, spec.right)),
    adjoint: (y) => (diag ? ops.mul(mask(), y) : ops.kron(y, f.leftT, f.rightT)),
    toSpectral: (x) => (diag ? x : ops.kron(x, f.vLeftT, f.vRightT)),
    fromSpectral: (z) => (diag ? z : ops.kron(z, spec.vLeft, spec.vRight)),
    measToSpectral: (y) => (diag ? ops.mul(mask(), y) : ops.kron(y, f.measLeft, f.measRight)),
    spectralToMeas: (z) => (diag ? ops.mul(mask(), z) : ops.kron(z, f.backLeft, f.backRight)),
    spectral: (values) => ops.tile(values, h, w),
  };
}

/** Per spectral coordinate: g(s_k) where s_k > 0, else 0. */
export const onSingulars = (spec: OperatorSpec, g: (s: number) => number): Float64Array =>
  spec.singulars.map((s) => (s > 0 ? g(s) : 0));

/** A⁺y = V·S⁺·Uᵀy (the truncated pseudo-inverse: singular values under the cutoff count as 0). */
export function pseudoInverse<T>(op: LinearOperator<T>, ops: ArrayOps<T>, y: T): T {
  const inv = op.spectral(onSingulars(op.spec, (s) => 1 / s));
  return op.fromSpectral(ops.mul(inv, op.measToSpectral(y)));
}
