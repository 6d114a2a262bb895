import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digitsFromJson } from '../core/discrete/data/digits';
import { namesFromJson } from '../core/discrete/data/names';
import { MODELS_DIR, requireShippedModels } from '../models/shippedModels.testkit';
import { runCli, runCliJson } from './cli.testkit';
import { DEFAULT_DATA_DIR } from './discrete';

const TRAIN_NAMES = new Set(
  namesFromJson(JSON.parse(readFileSync(`${DEFAULT_DATA_DIR}names.json`, 'utf8'))).train,
);
const DIGITS = digitsFromJson(
  JSON.parse(readFileSync(`${DEFAULT_DATA_DIR}digits8x8.json`, 'utf8')),
);

/** The training digits of one class, each as its 64 levels joined by commas. */
function trainDigits(classId: number): Set<string> {
  const { tokens, labels } = DIGITS.train;
  const out = new Set<string>();
  labels.forEach((y, j) => {
    if (y === classId) out.add(tokens.subarray(j * 64, j * 64 + 64).join(','));
  });
  return out;
}

/** The run's JSON without its wall time (the only field that may differ between runs). */
async function samplesOf(...argv: string[]) {
  const { wallTimeMs, ...rest } = await runCliJson('sample', ...argv);
  expect(wallTimeMs).toBeGreaterThanOrEqual(0);
  return rest;
}

// One token per step (N masked positions in N steps on the log-linear schedule), each drawn
// from the exact posterior marginal: any-order autoregression, so only training sequences.
const ONE_PER_STEP = ['--sampler', 'confidence', '--param', 'order=random'];

describe('sample --discrete names --model exact', () => {
  it('gives only training-set names when it reveals one letter a step', async () => {
    const out = await samplesOf('--discrete', 'names', ...ONE_PER_STEP, '--steps', '12', '-n', '6');
    expect(out.samples).toHaveLength(6);
    for (const name of out.samples) expect(TRAIN_NAMES.has(name)).toBe(true);
  });

  it('--prefix fixes the first letters (infilling): training names with that prefix', async () => {
    const argv = ['--discrete', 'names', ...ONE_PER_STEP, '--steps', '10', '--prefix', 'ma'];
    const out = await samplesOf(...argv, '--count', '5', '--seed', '9');
    expect(out.prefix).toBe('ma');
    for (const name of out.samples) {
      expect(name.startsWith('ma')).toBe(true);
      expect(TRAIN_NAMES.has(name)).toBe(true);
    }
  });

  it('is reproducible from its seed; sample i runs under seed + i', async () => {
    const argv = ['--discrete', 'names', '--steps', '8'];
    const a = await samplesOf(...argv, '-n', '4', '--seed', '5');
    const b = await samplesOf(...argv, '--count=4', '--seed=5');
    const c = await samplesOf(...argv, '-n', '4', '--seed', '6');
    expect(a).toEqual(b);
    expect(c.samples).not.toEqual(a.samples);
    expect(c.samples.slice(0, 3)).toEqual(a.samples.slice(1));
    expect(a).toMatchObject({
      command: 'sample',
      discrete: 'names',
      model: 'exact',
      sampler: 'mdlm-ancestral',
      params: { cache: true },
      steps: 8,
      count: 4,
      seed: 5,
    });
    for (const name of a.samples) expect(name).toMatch(/^[a-z]*$/);
  });
});

describe('sample --discrete digits --model exact', () => {
  it('gives 64 integer grey levels 0..16 per sample', async () => {
    const out = await samplesOf('--discrete', 'digits', '--steps', '8', '-n', '3', '--seed', '1');
    expect(out.samples).toHaveLength(3);
    for (const s of out.samples) {
      expect(s).toHaveLength(64);
      for (const v of s) expect(Number.isInteger(v) && v >= 0 && v <= 16).toBe(true);
    }
  });

  it('--class samples training digits of that class (one pixel a step)', async () => {
    const out = await samplesOf(
      '--discrete',
      'digits',
      ...ONE_PER_STEP,
      '--steps',
      '64',
      '-n',
      '2',
      '--class',
      '3',
    );
    expect(out.class).toBe(3);
    const train = trainDigits(3);
    for (const s of out.samples) expect(train.has(s.join(','))).toBe(true);
  });
});

describe('sample --discrete with a shipped network', () => {
  requireShippedModels(['mdlm-names', 'mdlm-digits']);

  it('mdlm-names (cache off) gives the model card core-sampling names for seeds 0..3', async () => {
    const json = JSON.parse(readFileSync(`${MODELS_DIR}mdlm-names/model.json`, 'utf8'));
    const card = json.figures.coreSampling;
    expect(card).toMatchObject({ steps: 32, seeds: '0..255' });
    const argv = ['--discrete', 'names', '--model', 'mdlm-names', '--param', 'cache=false'];
    const out = await samplesOf(...argv, '-n', '4', '--seed', '0');
    expect(out.samples).toEqual(card.examples.slice(0, 4));
    expect(out.nfe).toBe(4 * 32);
  });

  it('mdlm-digits with --class and --guidance gives 64 grey levels', async () => {
    const argv = ['--discrete', 'digits', '--model', 'mdlm-digits', '--class', '7'];
    const out = await samplesOf(...argv, '--guidance', '2', '--steps', '8', '-n', '1');
    expect(out).toMatchObject({ class: 7, guidance: 2, backend: 'wasm' });
    expect(out.samples[0]).toHaveLength(64);
    for (const v of out.samples[0]) expect(Number.isInteger(v) && v >= 0 && v <= 16).toBe(true);
  });
});

describe('list', () => {
  it('lists the discrete data sets, exact per data set, the MDLM networks and samplers', async () => {
    const { discrete } = await runCliJson('list');
    expect(discrete.datasets.map((d: { id: string }) => d.id)).toEqual(['names', 'digits']);
    const models = discrete.models.map(
      (m: { id: string; dataset: string }) => `${m.id}/${m.dataset}`,
    );
    expect(models).toEqual(
      expect.arrayContaining([
        'exact/names',
        'exact/digits',
        'mdlm-names/names',
        'mdlm-digits/digits',
      ]),
    );
    expect(models.some((m: string) => m.startsWith('ar-names'))).toBe(false);
    expect(discrete.samplers.map((s: { id: string }) => s.id)).toContain('mdlm-ancestral');
  });
});

describe('bad discrete arguments', () => {
  it.each([
    [['--discrete', 'nope'], /unknown discrete data set "nope"/],
    [['--discrete', 'names', '--sampler', 'euler'], /unknown discrete sampler "euler"/],
    [['--discrete', 'names', '--steps', '0'], /--steps must be in 1\.\.1000/],
    [['--discrete', 'names', '--steps', '1001'], /--steps must be in 1\.\.1000/],
    [['--discrete', 'digits', '--class', '10'], /--class must be in 0\.\.9/],
    [['--discrete', 'names', '--class', '1'], /--class applies to --discrete digits only/],
    [['--discrete', 'names', '--model', 'mdlm-digits'], /"mdlm-digits" is for digits, not names/],
    [['--discrete', 'digits', '--model', 'mdlm-names'], /"mdlm-names" is for names, not digits/],
    [['--discrete', 'names', '--model', 'ar-names'], /"ar-names" is not available/],
    [['--discrete', 'digits', '--class', '1', '--guidance', '2'], /--guidance applies to/],
    [['--discrete', 'names', '--prefix', 'A1'], /--prefix must be 1\.\.12 letters/],
    [['--discrete', 'digits', '--prefix', 'ab'], /--prefix applies to --discrete names only/],
    [['--discrete', 'names', '--param', 'cache=maybe'], /cache="maybe" is not true\/false/],
    [['--discrete', 'names', '-n', '0'], /--count must be in 1\.\.10000/],
    [['--discrete', 'names', '--dataset', 'moons'], /unknown flag --dataset/],
  ])('%j exits 2 with one error line', async (argv, message) => {
    const r = await runCli('sample', ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: \S[^\n]*\n$/);
    expect(r.stderr).toMatch(message);
  });
});
