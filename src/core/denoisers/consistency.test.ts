import { describe, expect, it } from 'vitest';
import { float64Ops } from '../ops';
import { veProcess, vpProcess } from '../schedules/continuous';
import { consistencyCoefficients, consistencyDenoiser } from './consistency';

const params = { sigmaMin: 0.01, sigmaData: 1 };

describe('consistency parameterisation (Song et al. 2023, eq. 7, EDM coefficients)', () => {
  it('meets the boundary condition f(x, σ_min) = x whatever the network says', () => {
    const d = consistencyDenoiser(float64Ops, vpProcess(), (xt) => xt.map(() => 123), params);
    const x = Float64Array.from([0.3, -2, 5]);
    expect(Array.from(d(x, params.sigmaMin))).toEqual(Array.from(x));
  });

  it('hands over from x to the network as σ grows', () => {
    const big = consistencyCoefficients(1000, params);
    expect(big.cSkip).toBeLessThan(1e-5);
    expect(big.cOut).toBeCloseTo(1, 4);
    const mid = consistencyCoefficients(1, { sigmaMin: 0, sigmaData: 1 });
    expect(mid.cSkip).toBeCloseTo(0.5, 12);
    expect(mid.cOut).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it("feeds the network the process's state s·x and time, and combines c_skip x + c_out F", () => {
    const vp = vpProcess();
    const sigma = 2;
    const t = vp.tOfSigma(sigma);
    const seen: { xt: number[]; t: number }[] = [];
    const d = consistencyDenoiser(
      float64Ops,
      vp,
      (xt, time) => {
        seen.push({ xt: Array.from(xt), t: time });
        return xt.map((v) => 2 * v);
      },
      params,
    );
    const out = d(Float64Array.from([1, -1]), sigma);
    const s = vp.scale(t);
    expect(seen[0].t).toBeCloseTo(t, 12);
    expect(seen[0].xt[0]).toBeCloseTo(s, 12);
    const { cSkip, cOut } = consistencyCoefficients(sigma, params);
    expect(out[0]).toBeCloseTo(cSkip + cOut * 2 * s, 12);
    expect(out[1]).toBeCloseTo(-(cSkip + cOut * 2 * s), 12);
  });

  it('refuses σ_data ≤ 0', () => {
    expect(() =>
      consistencyDenoiser(float64Ops, veProcess(), (x) => x, { sigmaMin: 0, sigmaData: 0 }),
    ).toThrow(/σ_data > 0/);
  });
});
