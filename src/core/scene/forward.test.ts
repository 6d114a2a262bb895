import { describe, expect, it } from 'vitest';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { vpProcess } from '../schedules/continuous';
import { forwardPoints, noisedLogDensity, timeAtFraction } from './forward';

describe('forward noising', () => {
  const vp = vpProcess();

  it('gives N(s·μ, s²(c² + σ²)) marginals (VP: variance → 1 at t_max)', () => {
    const n = 20_000;
    const t = timeAtFraction(vp, 1);
    const x = forwardPoints('gaussians8', n, 3, vp, t);
    let m = 0;
    let v = 0;
    for (const a of x) m += a;
    m /= x.length;
    for (const a of x) v += (a - m) ** 2;
    v /= x.length;
    // Data has unit variance per coordinate; at t = 1 the VP marginal is N(≈0, ≈1).
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(v).toBeCloseTo(1, 1);
  });

  it('maps the k-diffusion log-density to process coordinates (Gaussian closed form)', () => {
    const c2 = 0.5;
    const model = gaussianMixtureModel({
      weights: [1],
      means: [[0.3, -0.2]],
      covs: [
        [
          [c2, 0],
          [0, c2],
        ],
      ],
    });
    const t = 0.4;
    const s = vp.scale(t);
    const sigma = vp.sigma(t);
    const pts = Float64Array.from([0.1, 0.2, -1, 0.5]);
    const got = noisedLogDensity(model, pts, vp, t);
    // x_t ~ N(s·μ, s²(c² + σ²) I) in 2D.
    const varT = s * s * (c2 + sigma * sigma);
    for (let k = 0; k < 2; k++) {
      const dx = pts[2 * k] - s * 0.3;
      const dy = pts[2 * k + 1] + s * 0.2;
      const expected = -Math.log(2 * Math.PI * varT) - (dx * dx + dy * dy) / (2 * varT);
      expect(got[k]).toBeCloseTo(expected, 10);
    }
  });
});
