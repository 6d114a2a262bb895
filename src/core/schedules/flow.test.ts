import { describe, expect, it } from 'vitest';
import { flowProcess, flowTimeOfSigma, shiftTime, shiftedFlowGrid } from './flow';
import { makeSigmaGrid } from './grid';

const central = (fn: (t: number) => number, t: number, h = 1e-6) =>
  (fn(t + h) - fn(t - h)) / (2 * h);

describe('flowProcess (rectified flow x_t = (1 − t)x0 + tε)', () => {
  const p = flowProcess();
  const ts = [0.01, 0.2, 0.5, 0.8, 0.99];

  it('has the interpolant as its EDM form: s = 1 − t, s·σ = t, σ = t/(1 − t)', () => {
    for (const t of ts) {
      expect(p.scale(t)).toBeCloseTo(1 - t, 14);
      expect(p.scale(t) * p.sigma(t)).toBeCloseTo(t, 14);
      expect(p.sigma(t)).toBeCloseTo(t / (1 - t), 12);
    }
  });

  it('tOfSigma = σ/(1 + σ) inverts σ(t)', () => {
    for (const t of ts) expect(p.tOfSigma(p.sigma(t))).toBeCloseTo(t, 14);
    expect(p.tOfSigma(0)).toBe(0);
    expect(flowTimeOfSigma(3)).toBe(0.75);
  });

  it('f = −1/(1 − t) and g² = 2t/(1 − t), as stated', () => {
    for (const t of ts) {
      expect(p.f(t)).toBeCloseTo(-1 / (1 - t), 12);
      expect(p.g2(t)).toBeCloseTo((2 * t) / (1 - t), 12);
    }
  });

  it.each([1, 3, 0.5])(
    'shift %s: f = d log s/dt and the SDE variance ODE dv/dt = 2f·v + g² hold with v = (sσ)²',
    (shift) => {
      // The linear SDE dx = f x dt + g dW from x0 = 0 has Var x_t = v(t) with v' = 2f v + g² (Lyapunov ODE).
      const q = flowProcess({ shift });
      for (const t of ts) {
        expect(q.f(t)).toBeCloseTo(
          central((u) => Math.log(q.scale(u)), t),
          5,
        );
        const v = (u: number) => (q.scale(u) * q.sigma(u)) ** 2;
        const rel = (central(v, t) - (2 * q.f(t) * v(t) + q.g2(t))) / q.g2(t);
        expect(Math.abs(rel)).toBeLessThan(1e-6);
      }
    },
  );

  it('rejects options outside their range', () => {
    expect(() => flowProcess({ shift: 0 })).toThrow(/shift/);
    expect(() => flowProcess({ tMax: 1 })).toThrow(/tMax/);
    expect(() => flowProcess({ tMin: 0.5, tMax: 0.4 })).toThrow(/tMin/);
  });
});

describe('time shift (SD3 §5.3.2 / Flux)', () => {
  it('maps [0, 1] onto itself monotonically, with τ(½) = α/(1 + α)', () => {
    expect(shiftTime(0, 3)).toBe(0);
    expect(shiftTime(1, 3)).toBe(1);
    expect(shiftTime(0.5, 3)).toBeCloseTo(0.75, 15);
    expect(shiftTime(0.25, 1)).toBe(0.25);
  });

  it('scales σ by α, i.e. shifts logSNR = −2 log σ by −2 log α (SD3)', () => {
    const base = flowProcess();
    const shifted = flowProcess({ shift: 3 });
    for (const u of [0.1, 0.5, 0.9]) {
      expect(shifted.sigma(u) / base.sigma(u)).toBeCloseTo(3, 12);
      // As a reparameterised time: the shifted process at u is the plain flow at τ(u).
      expect(shifted.scale(u)).toBeCloseTo(base.scale(shiftTime(u, 3)), 14);
      expect(shifted.sigma(u)).toBeCloseTo(base.sigma(shiftTime(u, 3)), 10);
      // Its SDE coefficients are the time change of the plain ones: g²_α(u) = g²(τ)·τ'(u).
      expect(shifted.g2(u)).toBeCloseTo(
        base.g2(shiftTime(u, 3)) * central((v) => shiftTime(v, 3), u),
        6,
      );
    }
  });

  it.each([1, 3, 0.4])(
    'shift %s as a grid option equals the time-uniform grid on the shifted process',
    (shift) => {
      const viaGrid = shiftedFlowGrid(12, shift).sigmas;
      const viaProcess = makeSigmaGrid(flowProcess({ shift }), 'time-uniform', 12).sigmas;
      expect(viaGrid).toHaveLength(13);
      viaGrid.forEach((s, i) => expect(s).toBeCloseTo(viaProcess[i], 9 - Math.log10(1 + s)));
      // The grid's process times are the shifted uniform times: τ_i = shiftTime(u_i, α).
      const p = flowProcess();
      expect(p.tOfSigma(viaGrid[5])).toBeCloseTo(
        shiftTime(0.999 + ((0.001 - 0.999) * 5) / 11, shift),
        12,
      );
    },
  );

  it('puts more steps at high noise for α > 1 (the reason SD3 shifts at high resolution)', () => {
    const count = (sig: readonly number[]) => sig.filter((s) => s > 1).length;
    expect(count(shiftedFlowGrid(20, 3).sigmas)).toBeGreaterThan(
      count(shiftedFlowGrid(20, 1).sigmas),
    );
  });
});
