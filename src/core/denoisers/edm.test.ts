import { describe, expect, it } from 'vitest';
import { float64Ops } from '../ops';
import { edmCoefficients, edmDenoiser, type EdmNetwork } from './edm';

describe('edmCoefficients (Karras et al. 2022, Table 1)', () => {
  it('at σ = σ_data: c_skip = ½, c_out = σ_data/√2, c_in = 1/(σ_data√2), c_noise = ¼ ln σ_data', () => {
    const k = edmCoefficients(0.5, 0.5);
    expect(k.cSkip).toBeCloseTo(0.5, 15);
    expect(k.cOut).toBeCloseTo(0.5 / Math.SQRT2, 15);
    expect(k.cIn).toBeCloseTo(1 / (0.5 * Math.SQRT2), 15);
    expect(k.cNoise).toBeCloseTo(Math.log(0.5) / 4, 15);
  });

  it('hand-computed values at σ = 80, σ_data = 0.5', () => {
    const k = edmCoefficients(80);
    const r = Math.sqrt(6400.25);
    expect(k.cSkip).toBeCloseTo(0.25 / 6400.25, 15);
    expect(k.cOut).toBeCloseTo(40 / r, 14);
    expect(k.cIn).toBeCloseTo(1 / r, 15);
    expect(k.cNoise).toBeCloseTo(Math.log(80) / 4, 15);
  });

  it('unit variance of the network input and of the training target for data of std σ_data (Appendix B.6)', () => {
    const sd = 0.7;
    for (const sigma of [0.002, 0.1, 0.7, 5, 80]) {
      const { cSkip, cOut, cIn } = edmCoefficients(sigma, sd);
      // Var[c_in (x0 + n)] and Var[(x0 − c_skip (x0 + n)) / c_out] with x0 ~ N(0, σ_d²), n ~ N(0, σ²).
      expect(cIn * cIn * (sd * sd + sigma * sigma)).toBeCloseTo(1, 12);
      expect(((1 - cSkip) ** 2 * sd * sd + cSkip ** 2 * sigma * sigma) / (cOut * cOut)).toBeCloseTo(
        1,
        10,
      );
    }
  });
});

describe('edmDenoiser', () => {
  const x = Float64Array.from([1.3, -0.4, 7.0]);

  it('with the ideal network (F ≡ 0 for N(0, σ_data²) data) is the exact denoiser σ_d²/(σ_d² + σ²)·x', () => {
    const sd = 0.5;
    const zero: EdmNetwork<Float64Array> = (u) => new Float64Array(u.length);
    const denoise = edmDenoiser(float64Ops, zero, sd);
    for (const sigma of [0.01, 0.5, 3, 80]) {
      denoise(x, sigma).forEach((v, i) =>
        expect(v).toBeCloseTo((sd * sd * x[i]) / (sd * sd + sigma * sigma), 14),
      );
    }
  });

  it('with the ideal network for N(m, c²) data is exact: F* = (D* − c_skip x)/c_out of (c_in x, c_noise)', () => {
    const [mean, std, sd] = [0.8, 1.5, 0.5];
    const exact = (xi: number, sigma: number) =>
      mean + ((std * std) / (std * std + sigma * sigma)) * (xi - mean);
    // The ideal F sees only its inputs: σ = exp(4 c_noise), x = u·sqrt(σ² + σ_d²).
    const ideal: EdmNetwork<Float64Array> = (u, cNoise) => {
      const sigma = Math.exp(4 * cNoise);
      const r = Math.sqrt(sigma * sigma + sd * sd);
      return u.map((ui) => {
        const xi = ui * r;
        return (exact(xi, sigma) - ((sd * sd) / (r * r)) * xi) / ((sigma * sd) / r);
      });
    };
    const denoise = edmDenoiser(float64Ops, ideal, sd);
    for (const sigma of [0.02, 1, 40]) {
      denoise(x, sigma).forEach((v, i) => expect(v).toBeCloseTo(exact(x[i], sigma), 11));
    }
  });
});
