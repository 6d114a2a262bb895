import type { Dataset } from './types';
import { checkCount, gaussians, standardise, uniforms } from './sampling';

const PINWHEEL_ARMS = 5;
const PINWHEEL_SCALE = 0.74163;

/**
 * Johnson et al. 2016 (SVAE) pinwheel, as in FFJORD: per arm, a Gaussian with radial std 0.3
 * and tangential std 0.1 around (1, 0), bent by the angle 0.25·exp(radial). 5-fold symmetric,
 * so the mean is 0 and the covariance isotropic; the scale was measured from 10⁶ samples.
 */
export const pinwheel: Dataset = {
  id: 'pinwheel',
  title: 'Pinwheel',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const arm = Math.min(PINWHEEL_ARMS - 1, Math.floor(u[i] * PINWHEEL_ARMS));
      const radial = 1 + 0.3 * z[2 * i];
      const tangential = 0.1 * z[2 * i + 1];
      const angle = (2 * Math.PI * arm) / PINWHEEL_ARMS + 0.25 * Math.exp(radial);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      out[2 * i] = radial * c + tangential * s;
      out[2 * i + 1] = -radial * s + tangential * c;
    }
    return standardise(out, 0, 0, PINWHEEL_SCALE);
  },
};

const SMILEY_CY = -0.04896;
const SMILEY_SCALE = 0.56037;

/**
 * A smiley: the face (a unit circle, half of the points), two eyes (Gaussian blobs, 10% each)
 * and a smile (an arc of radius 0.55 below the centre, 30%).
 */
export const smiley: Dataset = {
  id: 'smiley',
  title: 'Smiley',
  sample(n, seed) {
    checkCount(n);
    const u = uniforms(seed, 0, 2 * n);
    const z = gaussians(seed, 1, 2 * n);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const part = u[2 * i];
      const v = u[2 * i + 1];
      let x: number;
      let y: number;
      let noise = 0.03;
      if (part < 0.5) {
        x = Math.cos(2 * Math.PI * v);
        y = Math.sin(2 * Math.PI * v);
      } else if (part < 0.7) {
        x = part < 0.6 ? -0.35 : 0.35;
        y = 0.35;
        noise = 0.07;
      } else {
        const angle = Math.PI * (1.15 + 0.7 * v);
        x = 0.55 * Math.cos(angle);
        y = 0.55 * Math.sin(angle) + 0.05;
      }
      out[2 * i] = x + noise * z[2 * i];
      out[2 * i + 1] = y + noise * z[2 * i + 1];
    }
    return standardise(out, 0, SMILEY_CY, SMILEY_SCALE);
  },
};
