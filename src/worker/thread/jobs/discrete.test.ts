import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeName, encodeName, NAME_MASK } from '../../../core/discrete/data/names';
import { DISCRETE_DATA, DISCRETE_T } from '../../../core/discrete/datasets';
import { timestepGrid, TokenState } from '../../../core/discrete/sampling';
import type {
  DiscreteFrame,
  DiscreteSampleJob,
  DiscreteSampleResult,
} from '../../protocol/discrete';
import { context, onShippedDiscreteModels } from './discreteJob.testkit';
import { runDiscreteSample } from './discreteSample';

const BIN = fileURLToPath(new URL('../../../../bin/diffusion-playground.mjs', import.meta.url));

async function sample(job: DiscreteSampleJob, cancelAfter?: number) {
  const { ctx, frames } = context<DiscreteFrame>(cancelAfter);
  const result = await runDiscreteSample(job, ctx);
  return { frames, result };
}

/** The oracle: the CLI's `sample --discrete` in its own Node process (its own loading, its own loop). */
function cliSamples(...argv: string[]): (string | number[])[] {
  const r = spawnSync(process.execPath, [BIN, 'sample', ...argv, '--backend', 'cpu'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`CLI exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).samples;
}

const base = { sampler: 'mdlm-ancestral', params: {}, seed: 0 } as const;

onShippedDiscreteModels();

describe('discrete-sample job', () => {
  const ma = encodeName('ma', 12).map((t, l) => (l < 2 ? t : -1));
  const cases: [string, DiscreteSampleJob, string[]][] = [
    [
      'names, exact, infilling "ma"',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'names',
        model: 'exact',
        sampler: 'confidence',
        params: { order: 'random' },
        steps: 10,
        count: 5,
        seed: 9,
        fixed: ma,
      },
      [
        '--discrete',
        'names',
        '--sampler',
        'confidence',
        '--param',
        'order=random',
        '--steps',
        '10',
        '-n',
        '5',
        '--seed',
        '9',
        '--prefix',
        'ma',
      ],
    ],
    [
      'names, mdlm-names',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'names',
        model: 'mdlm-names',
        params: { cache: false },
        steps: 8,
        count: 6,
        seed: 11,
      },
      [
        '--discrete',
        'names',
        '--model',
        'mdlm-names',
        '--param',
        'cache=false',
        '--steps',
        '8',
        '-n',
        '6',
        '--seed',
        '11',
      ],
    ],
    [
      'digits, exact, class 3',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'digits',
        model: 'exact',
        classId: 3,
        steps: 8,
        count: 3,
        seed: 2,
      },
      ['--discrete', 'digits', '--class', '3', '--steps', '8', '-n', '3', '--seed', '2'],
    ],
    [
      'digits, mdlm-digits, class 7, guidance 2',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'digits',
        model: 'mdlm-digits',
        sampler: 'remdm',
        params: { eta: 0.05 },
        classId: 7,
        guidance: 2,
        steps: 5,
        count: 2,
        seed: 4,
      },
      [
        '--discrete',
        'digits',
        '--model',
        'mdlm-digits',
        '--sampler',
        'remdm',
        '--param',
        'eta=0.05',
        '--class',
        '7',
        '--guidance',
        '2',
        '--steps',
        '5',
        '-n',
        '2',
        '--seed',
        '4',
      ],
    ],
  ];

  it.each(cases)(
    '%s: x_T then a frame a step to all-unmasked, as the CLI samples',
    async (_, job, argv) => {
      const { frames, result } = await sample(job);
      const { L, levels: mask } = DISCRETE_DATA[job.dataset];
      expect(result).not.toBeNull();
      const r = result as DiscreteSampleResult;
      expect(frames).toHaveLength(job.steps + 1);
      expect(frames.map((f) => f.t)).toEqual(timestepGrid(DISCRETE_T, job.steps));
      const fixedAt = (l: number) => (job.fixed ? job.fixed[l % L] >= 0 : false);
      frames[0].x.forEach((v, i) => expect(v).toBe(fixedAt(i) ? job.fixed![i % L] : mask));
      frames[0].states.forEach((s, i) =>
        expect(s).toBe(fixedAt(i) ? TokenState.fixed : TokenState.masked),
      );
      for (const f of frames) {
        expect(f.x).toHaveLength(job.count * L);
        expect(f.states).toHaveLength(job.count * L);
      }
      expect(frames.map((f) => f.nfe)).toEqual([...frames.map((f) => f.nfe)].sort((a, b) => a - b));
      expect(frames.at(-1)!.x).toEqual(r.x);
      expect(frames.at(-1)!.nfe).toBe(r.nfe);
      expect(r.x.includes(mask)).toBe(false);
      const mine = Array.from({ length: job.count }, (_, j) => {
        const row = r.x.subarray(j * L, j * L + L);
        return job.dataset === 'names' ? decodeName(row) : Array.from(row);
      });
      expect(mine).toEqual(cliSamples(...argv));
    },
  );

  it('stops between steps once cancelled and resolves to null', async () => {
    const job = cases[1][1];
    const { frames, result } = await sample(job, 3);
    expect(result).toBeNull();
    expect(frames).toHaveLength(3);
  });

  it.each([
    [
      'a network of another data set',
      { model: 'mdlm-digits' },
      /"mdlm-digits" is not a model of names; names takes exact, mdlm-names/,
    ],
    ['the AR model', { model: 'ar-names' }, /"ar-names" is not a model of names/],
    ['a class on names', { classId: 1 }, /names has no classes/],
    [
      'a class out of range',
      { dataset: 'digits', classId: 10 },
      /class must be an integer in 0\.\.9, got 10/,
    ],
    [
      'guidance out of range',
      { dataset: 'digits', classId: 1, guidance: 25 },
      /guidance must be in 0\.\.20, got 25/,
    ],
    [
      'fixed of the wrong length',
      { fixed: new Int32Array(5).fill(-1) },
      /5 positions, names has L = 12/,
    ],
    [
      'a fixed mask token',
      { fixed: new Int32Array(12).fill(-1).fill(NAME_MASK, 3, 4) },
      /fixed token 27 at position 3 is not −1 \(free\) or a data token 0\.\.26/,
    ],
    [
      'an unknown sampler',
      { sampler: 'euler' },
      /unknown discrete sampler "euler"; known: d3pm-ancestral/,
    ],
    [
      'an unknown sampler parameter',
      { params: { eta: 1 } },
      /mdlm-ancestral has no parameter "eta"/,
    ],
    [
      'a sampler parameter out of range',
      { sampler: 'remdm', params: { eta: 5 } },
      /remdm: eta=5 is outside 0\.\.1$/,
    ],
    ['no samples', { count: 0 }, /number of samples must be an integer in 1\.\.1024, got 0/],
    ['too many steps', { steps: 1001 }, /steps must be an integer in 1\.\.1000, got 1001/],
  ] as const)('refuses %s, naming it', async (_, change, message) => {
    const job = {
      ...base,
      kind: 'discrete-sample',
      dataset: 'names',
      model: 'exact',
      steps: 4,
      count: 2,
      ...change,
    } as DiscreteSampleJob;
    await expect(sample(job)).rejects.toThrow(message);
  });
});
