import { describe, expect, it } from 'vitest';
import { heatSeries, logVaradhan, seriesTerms, VARADHAN_BELOW } from './heatSphere';
import { wrappedNormal } from './heatTorus';

/** Composite Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const sphereP = (t: number, theta: number) => heatSeries(t, Math.cos(theta))[0];

describe('heat kernel on S² (generator ½Δ)', () => {
  it.each([0.02, 0.1, 0.5, 2, 6])('integrates to 1 over the sphere at t = %s', (t) => {
    const mass = simpson((th) => sphereP(t, th) * 2 * Math.PI * Math.sin(th), 0, Math.PI);
    expect(mass).toBeCloseTo(1, 9);
  });

  it.each([0.05, 0.3, 1.5])('solves ∂p/∂t = ½Δp (finite differences) at t = %s', (t) => {
    const dt = 1e-5;
    const h = 1e-3;
    for (const th of [0.2, 0.7, 1.4, 2.5]) {
      const dpdt = (sphereP(t + dt, th) - sphereP(t - dt, th)) / (2 * dt);
      // Δ in the polar angle: (1/sin θ) ∂θ(sin θ ∂θ p).
      const flux = (a: number) =>
        Math.sin(a) * ((sphereP(t, a + h / 2) - sphereP(t, a - h / 2)) / h);
      const lap = (flux(th + h / 2) - flux(th - h / 2)) / (h * Math.sin(th));
      expect(Math.abs(dpdt - 0.5 * lap)).toBeLessThan(1e-4 * Math.abs(dpdt) + 1e-6);
    }
  });

  it('tends to the uniform density 1/4π for large t', () => {
    expect(sphereP(40, 1)).toBeCloseTo(1 / (4 * Math.PI), 12);
  });

  it("agrees with Varadhan's approximation where both hold (t ≤ the switch, θ ≤ 2π/3)", () => {
    for (const t of [0.005, 0.01, VARADHAN_BELOW]) {
      for (const th of [0, 0.05, 0.2, 0.5, 1, 1.5, 2.09]) {
        const p = sphereP(t, th);
        if (p < 1e-6) continue; // below the series' own error there
        const rel = Math.abs(Math.exp(logVaradhan(t, th)) / p - 1);
        expect(rel).toBeLessThan(1e-4);
      }
    }
  });

  it('truncates after the stated number of terms: adding 50 more changes nothing above 1e-13', () => {
    for (const t of [0.02, 0.3, 3]) {
      const L = seriesTerms(t);
      const coef = (n: number) =>
        Float64Array.from(
          { length: n },
          (_, l) => ((2 * l + 1) / (4 * Math.PI)) * Math.exp((-l * (l + 1) * t) / 2),
        );
      for (const c of [1, 0.3, -1]) {
        expect(
          Math.abs(heatSeries(t, c, coef(L))[0] - heatSeries(t, c, coef(L + 50))[0]),
        ).toBeLessThan(1e-13);
      }
    }
  });
});

describe('heat kernel on the circle (wrapped normal)', () => {
  // Its Fourier series (Jacobi's theta function): (1/2π)(1 + 2 Σ_k e^{−k²t/2} cos kδ).
  const fourier = (t: number, d: number) => {
    let s = 1;
    for (let k = 1; k < 200; k++) s += 2 * Math.exp((-k * k * t) / 2) * Math.cos(k * d);
    return s / (2 * Math.PI);
  };

  it.each([0.01, 0.3, 2, 12])('integrates to 1 and equals its Fourier series at t = %s', (t) => {
    expect(simpson((d) => wrappedNormal(t, d)[0], -Math.PI, Math.PI)).toBeCloseTo(1, 10);
    for (const d of [-3, -1, 0, 0.5, Math.PI - 1e-9]) {
      if (t >= 0.05) expect(wrappedNormal(t, d)[0]).toBeCloseTo(fourier(t, d), 12);
    }
  });

  it('solves ∂p/∂t = ½ p″ and its derivative is the finite difference', () => {
    const t = 0.7;
    const h = 1e-3;
    for (const d of [-2.5, 0.3, 3.1]) {
      const p = (tt: number, dd: number) => wrappedNormal(tt, dd)[0];
      const dpdt = (p(t + 1e-5, d) - p(t - 1e-5, d)) / 2e-5;
      const lap = (p(t, d + h) - 2 * p(t, d) + p(t, d - h)) / (h * h);
      expect(dpdt).toBeCloseTo(0.5 * lap, 5);
      expect(wrappedNormal(t, d)[1]).toBeCloseTo((p(t, d + 1e-6) - p(t, d - 1e-6)) / 2e-6, 6);
    }
  });
});
