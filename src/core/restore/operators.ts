import { uniformAt } from '../rng';
import { identity, mat, resize, svd, transpose, type Mat } from './matrix';

/**
 * Linear measurement operators y = A(x) + σ_y·n on H×W images (one channel), each with its SVD
 * A = U·diag(s)·Vᵀ for DDRM (Kawar et al. 2022, §3.2). 'sr2', 'sr4': average pooling over f×f
 * blocks; 'blur': a separable Gaussian blur with zero padding; 'mask': random pixels kept, the
 * others unobserved; 'noise': the identity (denoising). The separable ones are A·X = L·X·Rᵀ, so
 * their SVD is the Kronecker product of the two factors' SVDs.
 */
export const OPERATORS = ['sr2', 'sr4', 'blur', 'mask', 'noise'] as const;
export type OperatorId = (typeof OPERATORS)[number];

export interface OperatorSettings {
  id: OperatorId;
  /** Blur standard deviation in pixels. */
  blurSigma: number;
  /** Share of pixels the mask keeps. */
  keep: number;
}

/**
 * The operator's factors and SVD. A separable operator ('kron') acts on each cell X (H×W) as
 * L·X·Rᵀ, its measurement is measHeight × measWidth; a diagonal one ('diag') multiplies by
 * `mask` and measures on the full grid (unobserved pixels read 0). Spectral coordinates are
 * H×W values per cell, ordered like the singular values (row-major over the factors' indices).
 */
export interface OperatorSpec {
  id: string;
  height: number;
  width: number;
  measHeight: number;
  measWidth: number;
  kind: 'kron' | 'diag';
  /** kron: L (m×H), R (m′×W) and the SVD factors; identities for 'diag'. */
  left: Mat;
  right: Mat;
  vLeft: Mat;
  vRight: Mat;
  uLeft: Mat;
  uRight: Mat;
  /** The mask of a diagonal operator (1 observed, 0 not). */
  mask: Float64Array | null;
  /** Singular values per spectral coordinate (H·W); those below `cutoff` count as 0. */
  singulars: Float64Array;
}

/**
 * Singular values below this are treated as zero, as DDRM's deblurring operator does (its
 * reference code zeroes those under 3·10⁻²): a zero-padded Gaussian blur has singular values down
 * to ~10⁻⁵, whose inverses would amplify rounding and noise without bound.
 */
export const SINGULAR_CUTOFF = 3e-2;

/** f×f average pooling along one axis: (n/f)×n, row i averaging entries f·i … f·i + f − 1. */
export const poolMatrix = (n: number, f: number): Mat =>
  mat(n / f, n, (i, j) => (Math.floor(j / f) === i ? 1 / f : 0));

/** Gaussian blur along one axis with zero padding: B_ij = g(i − j), g normalised over ±⌈3σ⌉. */
export function blurMatrix(n: number, sigma: number): Mat {
  const r = Math.ceil(3 * sigma);
  const g = Array.from({ length: 2 * r + 1 }, (_, k) =>
    Math.exp(-((k - r) ** 2) / (2 * sigma ** 2)),
  );
  const total = g.reduce((a, b) => a + b, 0);
  return mat(n, n, (i, j) => (Math.abs(i - j) <= r ? g[i - j + r] / total : 0));
}

/** A kept-pixel mask: pixel i kept when its uniform (seeded, fixed) is below `keep`. */
export function randomMask(dim: number, keep: number): Float64Array {
  return Float64Array.from({ length: dim }, (_, i) => (uniformAt(0x5eed, 0, i) < keep ? 1 : 0));
}

/** A separable operator L·X·Rᵀ with its SVD (singular values s_L[i]·s_R[j] at (i, j)). */
export function kronOperator(id: string, left: Mat, right: Mat): OperatorSpec {
  const l = svd(left);
  const r = svd(right);
  const height = left.cols;
  const width = right.cols;
  const singulars = new Float64Array(height * width);
  for (let i = 0; i < left.rows; i++) {
    for (let j = 0; j < right.rows; j++) {
      const s = l.s[i] * r.s[j];
      singulars[i * width + j] = s < SINGULAR_CUTOFF ? 0 : s;
    }
  }
  return {
    id,
    height,
    width,
    measHeight: left.rows,
    measWidth: right.rows,
    kind: 'kron',
    left,
    right,
    vLeft: l.v,
    vRight: r.v,
    uLeft: l.u,
    uRight: r.u,
    mask: null,
    singulars,
  };
}

export function diagOperator(
  id: string,
  height: number,
  width: number,
  mask: Float64Array,
): OperatorSpec {
  const eye = (n: number) => identity(n);
  return {
    id,
    height,
    width,
    measHeight: height,
    measWidth: width,
    kind: 'diag',
    left: eye(height),
    right: eye(width),
    vLeft: eye(height),
    vRight: eye(width),
    uLeft: eye(height),
    uRight: eye(width),
    mask,
    singulars: Float64Array.from(mask),
  };
}

export function measurementOperator(
  s: OperatorSettings,
  height: number,
  width: number,
): OperatorSpec {
  switch (s.id) {
    case 'sr2':
    case 'sr4': {
      const f = s.id === 'sr2' ? 2 : 4;
      if (height % f || width % f)
        throw new Error(
          `${f}× downsampling needs a size divisible by ${f}, got ${height}×${width}`,
        );
      return kronOperator(s.id, poolMatrix(height, f), poolMatrix(width, f));
    }
    case 'blur':
      if (!(s.blurSigma > 0)) throw new Error(`the blur σ must be positive, got ${s.blurSigma}`);
      return kronOperator(s.id, blurMatrix(height, s.blurSigma), blurMatrix(width, s.blurSigma));
    case 'noise':
      return kronOperator(s.id, identity(height), identity(width));
    case 'mask':
      if (!(s.keep > 0 && s.keep < 1))
        throw new Error(`the kept share must be in (0, 1), got ${s.keep}`);
      return diagOperator(s.id, height, width, randomMask(height * width, s.keep));
  }
}

/** The matrices the spectral maps multiply by (Uᵀ padded to the image grid, U truncated to it). */
export function spectralFactors(spec: OperatorSpec) {
  return {
    vLeftT: transpose(spec.vLeft),
    vRightT: transpose(spec.vRight),
    /** H×m: Uᵀ_L with zero rows below m, so Uᵀy lands in the first m×m′ spectral block. */
    measLeft: resize(transpose(spec.uLeft), spec.height, spec.measHeight),
    measRight: resize(transpose(spec.uRight), spec.width, spec.measWidth),
    /** m×H: U_L followed by zero columns. */
    backLeft: resize(spec.uLeft, spec.measHeight, spec.height),
    backRight: resize(spec.uRight, spec.measWidth, spec.width),
    leftT: transpose(spec.left),
    rightT: transpose(spec.right),
  };
}
