import type { Dataset } from './types';
import { checkCount, gaussians, standardise, uniforms } from './sampling';

/**
 * Curve-shaped data sets. Where the moments have a closed form the normalisation is
 * exact; otherwise the centre and scale were measured once from 10⁶ samples (the
 * data-set tests check mean ≈ 0 and per-coordinate variance ≈ 1).
 */

/** FFJORD's checkerboard: 8 unit squares on [−2, 2]²; both marginals are U(−2, 2), variance 4/3. */
export const checkerboard: Dataset = {
  id: 'checkerboard',
  title: 'Checkerboard',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, 3 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const x = u[3 * i] * 4 - 2;
      const column = ((Math.floor(x) % 2) + 2) % 2;
      const y = u[3 * i + 1] - (u[3 * i + 2] < 0.5 ? 0 : 2) + column;
      out[2 * i] = x;
      out[2 * i + 1] = y;
    }
    return standardise(out, 0, 0, Math.sqrt(4 / 3));
  },
};

const RING_NOISE = 0.08;

/** Rings of radius 1–4, a ring picked with probability ∝ its radius (uniform along the length). */
export const rings: Dataset = {
  id: 'rings',
  title: 'Concentric rings',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, 2 * n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      // P(r) = r / 10 for r = 1..4: cumulative 0.1, 0.3, 0.6, 1.
      const a = u[2 * i];
      const r = a < 0.1 ? 1 : a < 0.3 ? 2 : a < 0.6 ? 3 : 4;
      const theta = 2 * Math.PI * u[2 * i + 1];
      out[2 * i] = r * Math.cos(theta) + RING_NOISE * z[2 * i];
      out[2 * i + 1] = r * Math.sin(theta) + RING_NOISE * z[2 * i + 1];
    }
    // Per-coordinate variance E[r²]/2 + noise² with E[r²] = Σr³ / Σr = 10.
    return standardise(out, 0, 0, Math.sqrt(5 + RING_NOISE ** 2));
  },
};

const SWISS_CX = 2.0012;
const SWISS_CY = 0.2012;
const SWISS_SCALE = 6.8012;

/** sklearn's 2D swiss roll: t = 1.5π(1 + 2u), (t cos t, t sin t) plus noise. */
export const swissroll: Dataset = {
  id: 'swissroll',
  title: 'Swiss roll',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const t = 1.5 * Math.PI * (1 + 2 * u[i]);
      out[2 * i] = t * Math.cos(t) + 0.4 * z[2 * i];
      out[2 * i + 1] = t * Math.sin(t) + 0.4 * z[2 * i + 1];
    }
    return standardise(out, SWISS_CX, SWISS_CY, SWISS_SCALE);
  },
};

const MOONS_SCALE = 0.70754;

/** sklearn's two moons: upper (cos θ, sin θ), lower (1 − cos θ, ½ − sin θ), θ ∈ [0, π]. */
export const moons: Dataset = {
  id: 'moons',
  title: 'Two moons',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, 2 * n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const theta = Math.PI * u[2 * i + 1];
      const upper = u[2 * i] < 0.5;
      out[2 * i] = (upper ? Math.cos(theta) : 1 - Math.cos(theta)) + 0.06 * z[2 * i];
      out[2 * i + 1] = (upper ? Math.sin(theta) : 0.5 - Math.sin(theta)) + 0.06 * z[2 * i + 1];
    }
    // Mean (½, ¼) exactly; the scale was measured.
    return standardise(out, 0.5, 0.25, MOONS_SCALE);
  },
};

const SPIRAL_SCALE = 4.7219;

/** Two interleaved spirals (FFJORD's "2spirals"): radius = angle = 3π√u, the second mirrored through 0. */
export const spiral: Dataset = {
  id: 'spiral',
  title: 'Two spirals',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, 2 * n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const a = 3 * Math.PI * Math.sqrt(u[2 * i + 1]);
      const sign = u[2 * i] < 0.5 ? 1 : -1;
      out[2 * i] = sign * -Math.cos(a) * a + 0.3 * z[2 * i];
      out[2 * i + 1] = sign * Math.sin(a) * a + 0.3 * z[2 * i + 1];
    }
    return standardise(out, 0, 0, SPIRAL_SCALE);
  },
};
