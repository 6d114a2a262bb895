import type { Dataset } from './types';
import { DINO_OUTLINE } from './dinoOutline';
import { checkCount, gaussians, standardise, uniforms } from './sampling';

const SUBDIVISIONS = 8;
const NOISE = 0.5;
const DINO_CX = 49.885;
const DINO_CY = 23.934;
const DINO_SCALE = 20.345;

/** The closed outline through the control points, as a dense polyline (uniform Catmull–Rom, 8 points per segment). */
function smoothOutline(points: readonly (readonly [number, number])[]): Float64Array {
  const m = points.length;
  const out = new Float64Array(2 * m * SUBDIVISIONS);
  for (let i = 0; i < m; i++) {
    const [p0, p1, p2, p3] = [-1, 0, 1, 2].map((o) => points[(i + o + m) % m]);
    for (let s = 0; s < SUBDIVISIONS; s++) {
      const t = s / SUBDIVISIONS;
      const t2 = t * t;
      const t3 = t2 * t;
      for (let c = 0; c < 2; c++) {
        out[2 * (i * SUBDIVISIONS + s) + c] =
          0.5 *
          (2 * p1[c] +
            (p2[c] - p0[c]) * t +
            (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * t2 +
            (3 * p1[c] - p0[c] - 3 * p2[c] + p3[c]) * t3);
      }
    }
  }
  return out;
}

const CURVE = smoothOutline(DINO_OUTLINE);
const CUMULATIVE_LENGTH = (() => {
  const k = CURVE.length / 2;
  const cum = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) {
    const j = (i + 1) % k;
    cum[i + 1] =
      cum[i] + Math.hypot(CURVE[2 * j] - CURVE[2 * i], CURVE[2 * j + 1] - CURVE[2 * i + 1]);
  }
  return cum;
})();

/** Points spread uniformly by arc length along the dinosaur's outline, plus isotropic noise. */
export const dino: Dataset = {
  id: 'dino',
  title: 'Dinosaur',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, n);
    const z = gaussians(seed, 1, 2 * n);
    const k = CURVE.length / 2;
    const total = CUMULATIVE_LENGTH[k];
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const target = u[i] * total;
      let lo = 0;
      let hi = k;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (CUMULATIVE_LENGTH[mid] <= target) lo = mid;
        else hi = mid;
      }
      const f =
        (target - CUMULATIVE_LENGTH[lo]) / (CUMULATIVE_LENGTH[lo + 1] - CUMULATIVE_LENGTH[lo]);
      const j = (lo + 1) % k;
      out[2 * i] = CURVE[2 * lo] + f * (CURVE[2 * j] - CURVE[2 * lo]) + NOISE * z[2 * i];
      out[2 * i + 1] =
        CURVE[2 * lo + 1] + f * (CURVE[2 * j + 1] - CURVE[2 * lo + 1]) + NOISE * z[2 * i + 1];
    }
    return standardise(out, DINO_CX, DINO_CY, DINO_SCALE);
  },
};
