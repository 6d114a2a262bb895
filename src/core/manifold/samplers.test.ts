import { describe, expect, it } from 'vitest';
import { runToEnd } from '../samplers/driver';
import {
  sampleVmfMixture,
  sampleWrappedMixture,
  VMF_MIXTURE,
  vmfMeanLength,
  WRAPPED_MIXTURE,
} from '../data/manifoldData';
import { sphereFmVelocity, sphereScore, torusFmVelocity, torusScore } from './exact';
import { forwardRun, reverseLanes } from './lanes';
import { SPHERE, TORUS } from './manifolds';

/** The vMF mixture's mean E[x] = Σ_j π_j A(κ_j) μ_j (Mardia & Jupp 2000, eq. 9.3.9). */
function mixtureMean(): number[] {
  const m = [0, 0, 0];
  for (const c of VMF_MIXTURE) {
    const r = Math.hypot(...c.mu);
    for (let d = 0; d < 3; d++) m[d] += c.weight * vmfMeanLength(c.kappa) * (c.mu[d] / r);
  }
  return m;
}

const mean = (xs: Float64Array) => {
  const m = [0, 0, 0];
  for (let o = 0; o < xs.length; o += 3) for (let d = 0; d < 3; d++) m[d] += xs[o + d];
  return m.map((v) => v / (xs.length / 3));
};

describe('exact-model samplers on S² reproduce a vMF mixture', () => {
  const data = sampleVmfMixture(VMF_MIXTURE, 500, 11);
  const lanes = reverseLanes(
    SPHERE,
    data,
    { score: sphereScore(data), velocity: sphereFmVelocity(data) },
    { steps: 60, particles: 500, seed: 3, heun: true },
  );
  const truth = mixtureMean();

  it.each(lanes.map((l) => [l.id, l] as const))(
    '%s: the mean direction and unit norm',
    (_, lane) => {
      const { x } = runToEnd(lane.run);
      const points = lane.onManifold(x);
      if (lane.id !== 'naive') expect(SPHERE.offManifold(x)).toBeLessThan(1e-9);
      expect(SPHERE.offManifold(points)).toBeLessThan(1e-12);
      const m = mean(points);
      // Two independent samples of 500 (data, then particles among them): sd ≈ 0.03 per coordinate.
      for (let d = 0; d < 3; d++) expect(Math.abs(m[d] - truth[d])).toBeLessThan(0.1);
    },
    60_000,
  );
});

describe('exact-model samplers on T² reproduce a wrapped-normal mixture', () => {
  const data = sampleWrappedMixture(WRAPPED_MIXTURE, 500, 12);
  const lanes = reverseLanes(
    TORUS,
    data,
    { score: torusScore(data), velocity: torusFmVelocity(data) },
    { steps: 60, particles: 500, seed: 4, heun: true },
  );
  // E e^{iθ} of a wrapped normal is e^{iμ − σ²/2} (Mardia & Jupp 2000, eq. 3.5.63).
  const truth = [0, 1].map((d) => {
    let re = 0;
    let im = 0;
    for (const c of WRAPPED_MIXTURE) {
      const r = c.weight * Math.exp(-(c.sd[d] ** 2) / 2);
      re += r * Math.cos(c.mean[d]);
      im += r * Math.sin(c.mean[d]);
    }
    return [re, im];
  });

  it.each(lanes.map((l) => [l.id, l] as const))(
    '%s: the circular moments',
    (_, lane) => {
      const points = lane.onManifold(runToEnd(lane.run).x);
      expect(TORUS.offManifold(points)).toBe(0);
      for (let d = 0; d < 2; d++) {
        let re = 0;
        let im = 0;
        for (let k = d; k < points.length; k += 2) {
          re += Math.cos(points[k]);
          im += Math.sin(points[k]);
        }
        const n = points.length / 2;
        expect(Math.abs(re / n - truth[d][0])).toBeLessThan(0.1);
        expect(Math.abs(im / n - truth[d][1])).toBeLessThan(0.1);
      }
    },
    60_000,
  );
});

describe('the forward geodesic random walk is Brownian motion', () => {
  it('on S²: E⟨x_τ, x_0⟩ = e^{−τ} (P_1 is the eigenfunction of ½Δ with eigenvalue −1)', () => {
    const data = Float64Array.from([0, 0, 1]);
    const { run, times } = forwardRun(SPHERE, data, {
      steps: 200,
      particles: 4000,
      seed: 1,
      heun: false,
    });
    const seen: number[] = [];
    runToEnd({
      ...run,
      frame: (i, r) => void (times[i + 1] > 0.3 && seen.length === 0 && seen.push(i, mean(r.x)[2])),
    });
    const [i, z] = seen;
    expect(Math.abs(z - Math.exp(-times[i + 1]))).toBeLessThan(0.03);
  });

  it('on T²: E cos(x_τ − x_0) = e^{−τ/2} per angle', () => {
    const data = Float64Array.from([1, -2]);
    const { run, times } = forwardRun(TORUS, data, {
      steps: 200,
      particles: 4000,
      seed: 1,
      heun: false,
    });
    let checked = false;
    runToEnd({
      ...run,
      frame: (i, r) => {
        if (checked || times[i + 1] < 1) return;
        checked = true;
        let c = 0;
        for (let k = 0; k < r.x.length; k += 2)
          c += Math.cos(r.x[k] - 1) + Math.cos(r.x[k + 1] + 2);
        expect(Math.abs(c / r.x.length - Math.exp(-times[i + 1] / 2))).toBeLessThan(0.03);
        expect(TORUS.offManifold(r.x)).toBe(0);
      },
    });
    expect(checked).toBe(true);
  });
});
