import { describe, expect, it } from 'vitest';
import { requireShippedModels } from '../models/shippedModels.testkit';
import { runCli, runCliJson } from './cli.testkit';

requireShippedModels(['digits', 'digits-fm']);

describe('likelihood --model digits', () => {
  it('prints the mean bits per dimension under "bpd", with its interval, the bound and the settings', async () => {
    const out = await runCliJson(
      'likelihood',
      '--model',
      'digits',
      '--n',
      '2',
      '--steps',
      '3',
      '--elbo-terms',
      '3',
      '--seed',
      '1',
    );
    expect(out.images).toEqual([0, 20]);
    expect(out.bpd).toBeCloseTo((out.perImage.ode[0] + out.perImage.ode[1]) / 2, 10);
    expect(out.bpdInterval95[0]).toBeLessThan(out.bpd);
    expect(out.elbo.bpd).toBeGreaterThan(0);
    expect(out.elbo.bpd).toBeCloseTo(out.elbo.terms.lT + out.elbo.terms.sum + out.elbo.terms.l0, 8);
    expect(out.settings).toMatchObject({ n: 2, probes: 1, steps: 3, seed: 1, nfe: 6 });
  });

  it.each([
    [['--n', '2'], /needs --model/],
    [['--model', 'nope'], /image model of this build \(digits/],
    [['--model', 'digits-fm'], /flow-matching/],
    [['--model', 'digits', '--probes', '0'], /--probes must be in 1..64/],
    [['--model', 'digits', '--n', '999'], /--n must be in 1..1000|at most 40/],
    [['--model', 'digits', '--steps', '2.5'], /--steps must be an integer/],
  ])('rejects %j with a usage error', async (args, message) => {
    const r = await runCli('likelihood', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
