import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import {
  BENCHMARK_MIXTURE,
  EXPECTED_ORDERS,
  benchmarkSetup,
  fitSlope,
  measureConvergence,
  rmsDifference,
  solve,
  truncatedKarrasGrid,
} from './convergence';
import { requireSampler } from './registry';

const denoise = mixtureDenoiser(BENCHMARK_MIXTURE);
const setups = new Map(
  [7, 1].map((rho) => [rho, benchmarkSetup(denoise, requireSampler('rk45'), rho)]),
);

describe('fitSlope', () => {
  it('recovers the exponent of an exact power law', () => {
    const xs = [8, 16, 32, 64];
    expect(
      fitSlope(
        xs.map(Math.log),
        xs.map((n) => Math.log(3 * n ** -2.5)),
      ),
    ).toBeCloseTo(-2.5, 12);
  });
});

describe('measured convergence orders on the exact-score Gaussian mixture', () => {
  it('the RK45 reference agrees with an independent fine Heun solution', () => {
    const setup = setups.get(7)!;
    const fine = solve(
      requireSampler('heun'),
      requireSampler('heun').defaults,
      denoise,
      truncatedKarrasGrid(2048, 0.05, 10, 7),
      setup.xStart,
    );
    expect(rmsDifference(fine.x, setup.reference)).toBeLessThan(1e-6);
  });

  const rows: string[] = [];
  it.each(EXPECTED_ORDERS.map((e) => [e.id, e.order, e.rho, e] as const))(
    '%s has order ≈ %s on a ρ = %s grid',
    (_id, _o, _r, e) => {
      const def = requireSampler(e.id);
      const result = measureConvergence(def, def.defaults, setups.get(e.rho)!, e.steps);
      rows.push(
        `${e.id.padEnd(6)} ρ=${e.rho}  expected ${e.order}  measured ${result.order.toFixed(2)}  ` +
          result.rows.map((r) => `N=${r.steps}: ${r.error.toExponential(2)}`).join('  '),
      );
      expect(Math.abs(result.order - e.order)).toBeLessThan(0.3);
    },
  );

  it('prints the table', () => {
    console.log(['sampler  grid  expected  measured  errors', ...rows].join('\n'));
    expect(rows.length).toBe(EXPECTED_ORDERS.length);
  });
});
