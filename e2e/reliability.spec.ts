/**
 * Reliability: bad inputs, each with a clear message, a working app
 * afterwards and the user's state kept; and faults: WebGPU absent, the GPU device lost, the
 * worker crashing, a storm of parameter changes, and a thousand runs without a tensor leak.
 * The bad inputs share one page (one worker start); each opens a new run with its own seed.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { activeBackend, expect, launch, test, expectNoUnexplainedNaN } from './fixtures';
import {
  faultyModelFiles,
  type FileOverrides,
  type ModelFault,
} from '../src/models/faultyModelFiles';
import type { DebugRequest, DebugResult, SceneJob } from '../src/worker/protocol';

/** A small, quick scene on wasm; each case overrides what it tests. */
const BASE = 'backend=wasm&dataset=gaussians8&n=100&steps=6&field=0&trails=0';
/**
 * A run that lasts seconds on the exact model (1,000 steps of 5,000 particles), so a fault lands
 * mid-run: with no field computed per step, 1,000 steps of 100 particles end before a check.
 */
const LONG_RUN = BASE.replace('n=100', 'n=5000').replace('steps=6', 'steps=1000');

interface BadInput {
  name: string;
  /** Hash parameters of the link (BASE fills in the rest), or an action on the running app. */
  hash?: string;
  act?: (page: Page) => Promise<void>;
  /** The message the app must show, in the notices unless `at` selects another element. */
  says: string | RegExp;
  at?: string;
  /** URL parameters of the user's that must still be there afterwards. */
  keeps?: string[];
  /**
   * How the input's own run ends: 'done' (default; that run is the working app); 'error',
   * 'long' or 'none' (no run of its own): then the user changes the seed (the steps after
   * 'long') and that run must finish.
   */
  ends?: 'done' | 'error' | 'long' | 'none';
  /**
   * The user's way out where a new seed is not one (the settings themselves are refused); it
   * waits until the app has shown that it works. `seed` is a fresh one it may use.
   */
  recover?: (page: Page, seed: number) => Promise<void>;
  /** What else of the user's state must hold right after the bad input. */
  still?: (page: Page) => Promise<void>;
  /** What else must hold once the run is over (views without the particle plot). */
  then?: (page: Page) => Promise<void>;
}

/** Each weight-file fault on its own model (one manifest holds them all), and what it says. */
const MODEL_FAULTS: [ModelFault, string, string][] = [
  ['missing-weights', 'moons', 'weights.bin is missing \\(HTTP 404\\)'],
  ['truncated-weights', 'rings', 'weights.bin is truncated: \\d+ bytes, expected \\d+'],
  [
    'wrong-hash',
    'spiral',
    'weights.bin has the wrong SHA-256: [0-9a-f]{64}, expected [0-9a-f]{64}',
  ],
  [
    'wrong-shape',
    'checkerboard',
    'tensor time_embed/kernel has shape \\[64,32\\], expected \\[32,64\\]',
  ],
  ['bad-json', 'pinwheel', 'model.json is not valid JSON \\(.*\\)'],
  ['nan-weights', 'smiley', ''],
];
/** Picks an option of a select and waits for the run it starts. */
async function choose(page: Page, testId: string, value: string) {
  const before = await runKey(page);
  await page.getByTestId(testId).selectOption(value);
  await nextRunDone(page, before);
}

/** Uploads a file as the user's own point set (the data set 'custom' is open). */
function upload(name: string, body: string | Buffer) {
  return (page: Page) =>
    page.getByTestId('upload-points').setInputFiles({
      name,
      mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
      buffer: typeof body === 'string' ? Buffer.from(body) : body,
    });
}
/** 50 points on a circle: the user's set every bad upload must leave in place. */
const GOOD_POINTS = Array.from(
  { length: 50 },
  (_, i) => `${Math.cos(i / 8).toFixed(4)},${Math.sin(i / 8).toFixed(4)}`,
).join('\n');
const keptPoints = (page: Page) =>
  expect(page.getByTestId('custom-count')).toHaveAttribute('data-count', '50');

/** Pastes a scheduler config into the schedule inspector (opening it first). */
function paste(config: string) {
  return async (page: Page) => {
    if (!(await page.getByTestId('diffusers-config').count()))
      await page.evaluate((h) => (window.location.hash = h), `#${BASE}&view=schedules`);
    await page.getByTestId('diffusers-config').fill(config);
  };
}
/** After a bad config: a good one is read, and back on the particles a run finishes. */
async function afterConfig(page: Page, seed: number) {
  await page.getByTestId('diffusers-config').fill('{"_class_name": "DDIMScheduler"}');
  // diffusers' DDIM, "leading" spacing: 6 steps of 1000 // 6 = 166 from 0, in reverse.
  await expect(page.getByTestId('diffusers-timesteps')).toHaveText('830, 664, 498, 332, 166, 0');
  await page.evaluate((h) => (window.location.hash = h), `#${BASE}&seed=${seed}`);
  await nextRunDone(page, null, seed);
}

const fellBack = (what: string) => new RegExp(`${what}; running the exact model instead`);

const BAD_INPUTS: BadInput[] = [
  // Malformed and hostile links.
  {
    name: 'malformed percent-encoding',
    hash: '%E0%A4%A',
    says: /unknown URL parameter ".*" ignored/,
  },
  {
    name: 'malformed percent-encoding in a value',
    hash: 'steps=%E0%A4%A',
    says: /steps=".*%A" is not a number; using 50/,
  },
  {
    name: 'a script element as a value',
    hash: 'steps=<script>alert(1)</script>',
    says: 'steps="<script>alert(1)</script>" is not a number',
  },
  {
    name: 'an HTML payload as a choice',
    hash: 'dataset=<img src=x onerror=alert(1)>',
    says: 'dataset="<img src=x onerror=alert(1)>" is not one of',
  },
  {
    name: 'a javascript: URL as the view',
    hash: 'view=javascript:alert(1)',
    says: 'view="javascript:alert(1)" is not one of',
  },
  {
    name: 'a repeated key',
    hash: 'n=300&n=200',
    says: 'n is given more than once; using the last value',
    keeps: ['n=200'],
  },
  {
    name: 'a 10 KB value',
    hash: `note=${'a'.repeat(10_240)}`,
    says: 'unknown URL parameter "note" ignored',
    keeps: ['n=100'],
  },
  {
    name: 'a 10 KB hash of unknown keys',
    hash: Array.from({ length: 1024 }, (_, i) => `param${i}=1`).join('&'),
    says: '… and 1016 more problems in the link',
    keeps: ['n=100'],
  },
  {
    name: '__proto__ keys',
    hash: '__proto__=1&__proto__[steps]=9',
    says: 'unknown URL parameter "__proto__" ignored',
    keeps: ['steps=6'],
  },
  {
    name: 'constructor and toString as keys',
    hash: 'constructor=1&toString=2',
    says: 'unknown URL parameter "toString" ignored',
  },
  {
    name: 'empty keys and stray separators',
    hash: '=5&&&=&',
    says: 'unknown URL parameter "" ignored',
  },
  { name: 'a key without a value', hash: 'steps', says: 'steps="" is not a number; using 50' },
  { name: 'a double-encoded value', hash: 'steps=%2535', says: 'steps="%35" is not a number' },
  { name: 'a NUL byte', hash: 'seed=%00', says: /seed=".*" is not a number; using 0/ },
  {
    name: 'a right-to-left override in a choice',
    hash: 'dataset=%E2%80%AEsnoom',
    says: /dataset=".*snoom" is not one of/,
  },
  // Out-of-range and non-numeric parameters.
  {
    name: 'an unknown guidance kind',
    hash: 'guide=clip',
    says: 'guide="clip" is not one of',
  },
  {
    name: 'a disc radius out of range',
    hash: 'region=disc&rcx=1.2&rrad=99',
    says: /rrad=99 is outside 0\.05\.\.3; using 3/,
    keeps: ['region=disc'],
  },
  {
    name: 'steps = 1e9',
    hash: 'steps=1e9',
    says: 'steps=1e9 is outside 1..1000 (integers); using 1000',
    keeps: ['steps=1000'],
    ends: 'long',
  },
  {
    name: 'negative steps',
    hash: 'steps=-5',
    says: 'steps=-5 is outside 1..1000 (integers); using 1',
  },
  {
    name: 'fractional steps',
    hash: 'steps=2.5',
    says: 'steps=2.5 is outside 1..1000 (integers); using 3',
  },
  {
    name: 'more WASM threads than the pool holds',
    hash: 'threads=99',
    says: 'threads=99 is outside 0..8 (integers); using 8',
    keeps: ['threads=8'],
  },
  {
    name: 'negative threads',
    hash: 'threads=-2',
    says: 'threads=-2 is outside 0..8 (integers); using 0',
  },
  {
    name: 'threads not a number',
    hash: 'threads=many',
    says: 'threads="many" is not a number; using 0',
  },
  { name: 'steps = NaN', hash: 'steps=NaN', says: 'steps="NaN" is not a number; using 50' },
  { name: 'steps = Infinity', hash: 'steps=Infinity', says: 'steps="Infinity" is not a number' },
  {
    name: 'a million particles',
    hash: 'n=1e6',
    says: 'n=1e6 is outside 100..20000 (integers); using 20000',
    keeps: ['n=20000'],
  },
  {
    name: 'a negative seed',
    hash: 'seed=-1',
    says: 'seed=-1 is outside 0..2147483647 (integers); using 0',
  },
  { name: 'seed = 1e20', hash: 'seed=1e20', says: 'using 2147483647' },
  {
    name: 'sigma_max = 1e30',
    hash: 'process=ve&sigma_max=1e30',
    says: 'sigma_max=1e30 is outside 1..1000; using 1000',
    keeps: ['process=ve', 'sigma_max=1000'],
  },
  {
    name: 'a negative sigma_max',
    hash: 'process=edm&sigma_max=-3',
    says: 'sigma_max=-3 is outside 1..1000; using 1',
  },
  {
    name: 'sigma_max on the discrete process',
    hash: 'sigma_max=80',
    says: 'sigma_max applies to the continuous processes; vp-discrete ignores it',
  },
  {
    name: 't out of range (forward view)',
    hash: 'view=forward&t=2',
    says: 't=2 is outside 0..1; using 1',
    then: (page) => expect(page.getByTestId('forward-readout')).toContainText('t = 999'),
  },
  // The latent view's fields (read in every view, reported wherever the link lands).
  {
    name: 'a million latent particles',
    hash: 'zpart=1e6',
    says: 'zpart=1e6 is outside 1..10000 (integers); using 10000',
  },
  {
    name: 'a negative truncation σ',
    hash: 'zsigma=-1',
    says: 'zsigma=-1 is outside 0..20; using 0',
  },
  { name: 'an unknown latent set', hash: 'zset=cifar', says: 'zset="cifar" is not one of' },
  {
    name: 'an inversion as the latent sampler',
    hash: 'zsampler=ddim-inversion',
    says: 'zsampler="ddim-inversion" is not one of',
  },
  { name: 'a latent class past the last', hash: 'zclass=10', says: 'zclass=10 is outside -1..9' },
  {
    name: 'guidance not a number',
    hash: 'zguide=strong',
    says: 'zguide="strong" is not a number; using 1',
  },
  { name: 'speed 0', hash: 'speed=0', says: 'speed=0 is outside 0.25..8; using 0.25' },
  {
    name: 'a toggle that is neither',
    hash: 'ghosts=maybe',
    says: 'ghosts="maybe" is not true/false; using false',
  },
  { name: 'an unknown sampler', hash: 'sampler=magic', says: 'sampler="magic" is not one of' },
  { name: 'an unknown process', hash: 'process=quantum', says: 'process="quantum" is not one of' },
  {
    name: 'a sampler parameter out of range',
    hash: 'sampler=heun&sChurn=1e9',
    says: 'heun: sChurn=1e9 is outside 0..100; using 100',
  },
  {
    name: 'a parameter the sampler does not have',
    hash: 'sampler=euler&eta=0.5',
    says: 'sampler euler has no parameter "eta"',
  },
  {
    name: 'an unknown key in an old-style sp= link',
    hash: 'sp=nope:1',
    says: 'unknown URL parameter "nope" ignored',
  },
  {
    name: 'a non-numeric sampler parameter',
    hash: 'sampler=ddim&eta=abc',
    says: 'ddim: eta="abc" is not a number',
  },
  {
    name: 'settings the sampler refuses',
    hash: 'process=ve&sampler=midpoint&coordinates=process',
    says: 'midpoint: σ = 0 has no finite time on process "ve"',
    keeps: ['sampler=midpoint'],
    ends: 'error',
    recover: (page) => choose(page, 'process-select', 'edm'),
  },
  {
    name: 'garbage in the steps box',
    act: async (page) => {
      await page.getByTestId('steps-input').fill('abc');
      await page.getByTestId('steps-input').press('Enter');
    },
    says: 'not a number; kept 6',
    at: '.control-error',
    keeps: ['steps=6'],
    ends: 'none',
  },
  // The user's own points (data set 'custom'): garbage and oversized CSV / JSON uploads.
  {
    name: 'an upload of binary junk',
    act: async (page) => {
      await page.evaluate((h) => (window.location.hash = h), `#${BASE}&dataset=custom`);
      await upload('circle.csv', GOOD_POINTS)(page);
      await keptPoints(page);
      await upload(
        'junk.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      )(page);
    },
    says: /junk.png: .*; kept the current points/,
    at: '[data-testid="upload-error"]',
    keeps: ['dataset=custom'],
    still: keptPoints,
    ends: 'none',
  },
  ...(
    [
      ['three columns', 'xyz.csv', 'x,y,z\n1,2,3', 'line 1: expected 2 columns (x, y), found 3'],
      ['a NaN in a CSV', 'nan.csv', '1,2\nNaN,3', 'line 2, column 1: "NaN" is not a number'],
      ['Infinity in JSON', 'inf.json', '[[1,2],[1e999,3]]', 'item 1, x: Infinity is not finite'],
      [
        'JSON numbers, not pairs',
        'flat.json',
        '[1,2,3]',
        'item 0: expected [x, y] or {x, y}, found 1',
      ],
      ['truncated JSON', 'cut.json', '[[1,2],[3,', 'invalid JSON'],
      ['an empty file', 'empty.csv', '', 'no points found'],
      ['all points identical', 'same.csv', '1,1\n1,1', 'all points are identical'],
      [
        'an HTML payload in a CSV',
        'xss.csv',
        '<img src=x onerror=alert(1)>,1',
        'line 1, column 1: "<img src=x onerror=alert(1)>" is not a number',
      ],
      [
        'more than 20,000 points',
        'many.csv',
        '0,0\n'.repeat(20_001),
        'too many points: more than 20,000 (the limit)',
      ],
      ['a 3 MB file', 'big.csv', '1,2\n'.repeat(786_432), 'the file is larger than 2 MB'],
    ] as const
  ).map(([what, file, body, message]): BadInput => ({
    name: `an upload with ${what}`,
    act: upload(file, body),
    says: `${file}: ${message}`,
    at: '[data-testid="upload-error"]',
    keeps: ['dataset=custom'],
    still: keptPoints,
    ends: 'none',
  })),
  {
    name: 'a 3 MB upload of training points (train view)',
    act: async (page) => {
      await page.evaluate((h) => (window.location.hash = h), `#${BASE}&view=train&dataset=custom`);
      await page.getByTestId('custom-points-upload').setInputFiles({
        name: 'big.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('1,2\n'.repeat(786_432)),
      });
    },
    says: 'big.csv: the file is larger than 2 MB',
    at: '[data-testid="custom-points-upload"] ~ .control-error',
    keeps: ['view=train', 'dataset=custom'],
    still: (page) =>
      expect(page.getByTestId('custom-points-status')).toContainText('circle.csv: 50 points'),
    ends: 'none',
    recover: async (page, seed) => {
      await page.evaluate((h) => (window.location.hash = h), `#${BASE}&seed=${seed}`);
      await nextRunDone(page, null, seed);
    },
  },
  // A diffusers scheduler config pasted into the schedule inspector.
  {
    name: 'a diffusers config with an unknown class',
    act: paste('{"_class_name": "FooScheduler"}'),
    says: 'unsupported _class_name "FooScheduler"; supported: DDIMScheduler',
    at: '[data-testid="diffusers-error"]',
    still: async (page) => {
      await expectKept(page, ['view=schedules']);
      await expect(page.getByTestId('diffusers-config')).toHaveValue(
        '{"_class_name": "FooScheduler"}',
      );
    },
    ends: 'none',
    recover: afterConfig,
  },
  {
    name: 'a diffusers config with unknown keys',
    act: paste('{"_class_name": "DDIMScheduler", "frobnicate": 1, "<b>x</b>": 2}'),
    says: 'Unsupported keys (ignored): frobnicate, <b>x</b>',
    at: '[data-testid="diffusers-unsupported"]',
    still: (page) => expectKept(page, ['view=schedules']),
    ends: 'none',
    recover: afterConfig,
  },
  {
    name: 'a diffusers config that is not JSON',
    act: paste('{"_class_name":'),
    says: 'not valid JSON',
    at: '[data-testid="diffusers-error"]',
    still: (page) => expectKept(page, ['view=schedules']),
    ends: 'none',
    recover: afterConfig,
  },
  {
    name: 'a diffusers config with a value out of range',
    act: paste('{"_class_name": "DDIMScheduler", "num_train_timesteps": -5}'),
    says: 'DDIMScheduler: config.num_train_timesteps must be an integer ≥ 1, got -5',
    at: '[data-testid="diffusers-error"]',
    still: (page) => expectKept(page, ['view=schedules']),
    ends: 'none',
    recover: afterConfig,
  },
  // Weight files (served broken by the route below); the first network run finds no manifest.
  {
    name: 'a missing model manifest',
    hash: 'model=mlp&dataset=swissroll',
    says: fellBack('the model manifest could not be loaded \\(HTTP 404\\)'),
    keeps: ['model=mlp'],
  },
  ...MODEL_FAULTS.filter(([fault]) => fault !== 'nan-weights').map(
    ([fault, dataset, why]): BadInput => ({
      name: `a weight file: ${fault}`,
      hash: `model=mlp&dataset=${dataset}`,
      says: fellBack(`model "mlp-${dataset}": (mlp-${dataset}/)?${why}`),
      keeps: ['model=mlp', `dataset=${dataset}`],
    }),
  ),
  {
    name: 'NaN-producing weights (they pass the loader; the worker stops the run)',
    hash: 'model=mlp&dataset=smiley',
    says: /stopped at step 1 of 6 .*: 100 of 100 particles became NaN or infinite/,
    keeps: ['dataset=smiley'],
    ends: 'error',
    recover: (page) => choose(page, 'model-select', 'exact'),
  },
];

const MODELS = new URL('../public/models/', import.meta.url);
const readModelFile = async (path: string) => new Uint8Array(await readFile(new URL(path, MODELS)));

/** Every fault of MODEL_FAULTS at once, each on its own model, in one consistent manifest. */
async function brokenModelFiles(): Promise<FileOverrides> {
  const all: FileOverrides = new Map();
  for (const [fault, dataset] of MODEL_FAULTS) {
    const read = async (p: string) => all.get(p) ?? readModelFile(p);
    for (const [path, body] of await faultyModelFiles(fault, `mlp-${dataset}`, read))
      all.set(path, body);
  }
  return all;
}

function linkFor(c: BadInput, seed: number): string {
  const own = new Set(c.hash!.split('&').map((kv) => kv.split('=')[0]));
  const base = BASE.split('&').filter((kv) => !own.has(kv.split('=')[0]));
  if (!own.has('seed')) base.push(`seed=${seed}`);
  return `#${[...base, c.hash].join('&')}`;
}

async function debug(page: Page, request: DebugRequest): Promise<DebugResult> {
  return page.evaluate(
    (r) =>
      (
        window as unknown as { __playgroundDebug(r: DebugRequest): Promise<DebugResult> }
      ).__playgroundDebug(r),
    request,
  );
}

const plot = (page: Page) => page.getByTestId('reverse-plot');
const runStatus = (page: Page) => page.getByTestId('run-status');

/** The settings key of the current run, or null where the view has no particle plot. */
async function runKey(page: Page): Promise<string | null> {
  return (await plot(page).count()) ? plot(page).getAttribute('data-run-key') : null;
}

/**
 * Waits for a new run (the one with `seed` where known, else any other than `previous`) to
 * finish and for its own frames to be the ones drawn.
 */
async function nextRunDone(page: Page, previous: string | null, seed?: number) {
  if (seed !== undefined)
    await expect(plot(page)).toHaveAttribute('data-run-key', new RegExp(`"seed":${seed}[,}]`));
  else if (previous !== null)
    await expect(plot(page)).not.toHaveAttribute('data-run-key', previous);
  await expect(runStatus(page)).toHaveAttribute('data-state', 'done');
  const key = await plot(page).getAttribute('data-run-key');
  await expect(plot(page)).toHaveAttribute('data-frame-key', key ?? '');
}

/** The particles of the step on screen, as the Export menu saves them. */
async function exportedParticles(page: Page): Promise<number[][]> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const saved = page.waitForEvent('download');
  await page.getByTestId('export-particles-json').click();
  const file = await (await saved).path();
  return (JSON.parse(await readFile(file, 'utf8')) as { particles: number[][] }).particles;
}

async function expectKept(page: Page, keeps: string[]) {
  for (const kept of keeps) await expect(page).toHaveURL(new RegExp(`[#&]${kept}(&|$)`));
}

test.describe('on one page: bad inputs, then faults', () => {
  test.describe.configure({ mode: 'serial' });
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const dialogs: string[] = [];
  let seed = 1000;

  test.beforeAll(async ({ baseURL }) => {
    browser = await launch(false);
    const context = await browser.newContext({ baseURL });
    const broken = await brokenModelFiles();
    let manifests = 0;
    await context.route(/\/models\/(.*)$/, async (route) => {
      const path = new URL(route.request().url()).pathname.replace(/^.*?\/models\//, '');
      // The first network run finds no manifest; later ones get the broken one.
      if (path === 'manifest.json' && manifests++ === 0)
        return route.fulfill({ status: 404, body: 'gone' });
      if (!broken.has(path)) return route.fallback();
      const body = broken.get(path);
      return body
        ? route.fulfill({ status: 200, body: Buffer.from(body) })
        : route.fulfill({ status: 404, body: 'gone' });
    });
    page = await context.newPage();
    const origin = new URL(baseURL!).origin;
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    context.on('request', (r) => {
      if (!r.url().startsWith(origin)) foreignRequests.push(r.url());
    });
    await page.goto(`./?debug#${BASE}`);
    await activeBackend(page);
    await nextRunDone(page, null);
  });

  test.afterAll(async () => {
    // A fetch that answers 404 and the requested crash are logged; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of 404|debug: crash requested/.test(e))).toEqual(
      [],
    );
    expect(foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('#root script, #root img[src="x"]').count()).toBe(0);
    await browser.close();
  });

  for (const c of BAD_INPUTS) {
    test(`bad input: ${c.name}`, async () => {
      const where = page.locator(c.at ?? '[data-testid="notices"]').getByText(c.says);
      const before = await where.count();
      const previous = await runKey(page);
      const ownSeed = c.hash && /(^|&)seed=/.test(c.hash) ? undefined : (seed += 1);
      if (c.hash) await page.evaluate((h) => (window.location.hash = h), linkFor(c, seed));
      else await c.act!(page);

      await expect.poll(() => where.count()).toBeGreaterThan(before);
      await expectKept(page, c.keeps ?? []);
      await c.still?.(page);
      await expectNoUnexplainedNaN(page);

      const ends = c.ends ?? 'done';
      if (ends === 'done') {
        if (c.then) {
          await expect(runStatus(page)).toHaveAttribute('data-state', 'done');
          await c.then(page);
        } else await nextRunDone(page, previous, c.hash ? ownSeed : undefined);
        return;
      }
      if (ends === 'error') await expect(runStatus(page)).toHaveAttribute('data-state', 'error');
      // The app keeps working: the user's next change runs to the end, the rest of the state kept.
      if (c.recover) await c.recover(page, (seed += 1));
      else if (ends === 'long') {
        const long = await runKey(page);
        await page.getByTestId('steps-input').fill('6');
        await page.getByTestId('steps-input').press('Enter');
        await nextRunDone(page, long);
      } else {
        await page.getByTestId('seed-input').fill(String((seed += 1)));
        await page.getByTestId('seed-input').press('Enter');
        await nextRunDone(page, null, seed);
      }
      // A way out of the user's own may change what it must; otherwise the rest is kept.
      if (!c.recover)
        await expectKept(
          page,
          (c.keeps ?? []).filter((k) => ends !== 'long' || !k.startsWith('steps=')),
        );
      await expectNoUnexplainedNaN(page);
    });
  }

  test('100 parameter changes per second for 10 s: no stale frame drawn; the last frame is of the last settings', async () => {
    const link = (i: number) => `#${BASE.replace('steps=6', `steps=${5 + (i % 20)}`)}&seed=${i}`;
    await page.evaluate((h) => (window.location.hash = h), link(10_000));
    await nextRunDone(page, null, 10_000);
    const storm = await page.evaluate(
      async (links) => {
        const el = document.querySelector('[data-testid="reverse-plot"]')!;
        // Every attribute write in order; a draw writes data-run-key, then data-frame-key.
        const writes: [string, string][] = [];
        const observer = new MutationObserver((records) => {
          for (const r of records) writes.push([r.attributeName!, r.oldValue ?? '']);
        });
        observer.observe(el, {
          attributes: true,
          attributeOldValue: true,
          attributeFilter: ['data-run-key', 'data-frame-key'],
        });
        const t0 = performance.now();
        for (let i = 0; i < links.length; i++) {
          const wait = t0 + 10 * i - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          window.location.hash = links[i];
        }
        const ms = performance.now() - t0;
        (window as unknown as { storm: unknown }).storm = { writes, observer };
        return { ms, changes: links.length };
      },
      Array.from({ length: 1000 }, (_, i) => link(i)),
    );
    expect(storm.changes).toBe(1000);
    expect(storm.ms).toBeGreaterThan(9_900);
    // The last settings: steps 5 + 999 % 20 = 24, seed 999.
    await nextRunDone(page, null, 999);
    const drawn = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="reverse-plot"]')!;
      const { writes, observer } = (
        window as unknown as {
          storm: { writes: [string, string][]; observer: MutationObserver };
        }
      ).storm;
      writes.push(
        ...observer
          .takeRecords()
          .map((r): [string, string] => [r.attributeName!, r.oldValue ?? '']),
      );
      observer.disconnect();
      // A write's new value is the old value of the next write to the same attribute.
      const current: Record<string, string> = {};
      const next = new Map<number, string>();
      for (let i = writes.length - 1; i >= 0; i--) {
        const [name, old] = writes[i];
        next.set(i, current[name] ?? el.getAttribute(name) ?? '');
        current[name] = old;
      }
      let runKey = '';
      let frames = 0;
      const stale: string[] = [];
      writes.forEach(([name], i) => {
        const value = next.get(i)!;
        if (name === 'data-run-key') runKey = value;
        else if (value !== '') {
          frames++;
          if (value !== runKey) stale.push(value);
        }
      });
      return { frames, stale: stale.length };
    });
    expect(drawn.stale).toBe(0);
    expect(drawn.frames).toBeGreaterThan(0);
    test.info().annotations.push({
      type: 'storm',
      description: `1,000 changes in ${(storm.ms / 1000).toFixed(1)} s; ${drawn.frames} frames drawn, none stale`,
    });
    const finalKey = JSON.parse((await plot(page).getAttribute('data-frame-key'))!) as {
      settings: { steps: number; seed: number };
    };
    expect(finalKey.settings).toMatchObject({ steps: 24, seed: 999 });
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-total', '24');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '24');

    // The particles on screen are those a fresh page with the last settings shows.
    const fresh = await page.context().newPage();
    await fresh.goto(`./?debug${link(999)}`);
    await activeBackend(fresh);
    await nextRunDone(fresh, null, 999);
    await expect(fresh.getByTestId('step-readout')).toHaveAttribute('data-step', '24');
    const shown = await exportedParticles(page);
    expect(shown).toHaveLength(100);
    expect(shown).toEqual(await exportedParticles(fresh));
    await fresh.close();
  });

  test('1,000 consecutive sampler runs of the real loop in the worker (debug soak job, network on the tf host, wasm on 2 threads): tf.memory() back to its start', async () => {
    await page.evaluate(
      (h) => (window.location.hash = h),
      `#${BASE}&model=mlp&dataset=swissroll&seed=3&threads=2`,
    );
    await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 2 threads');
    await nextRunDone(page, null, 3);
    const start = await debug(page, { action: 'memory' });
    // Multistep history (dpmpp-2m) run to the end, and ancestral noise (euler-ancestral)
    // cancelled after two frames, as a superseded run is.
    const finished = await debug(page, { action: 'soak', runs: 500, job: networkJob('dpmpp-2m') });
    const cancelled = await debug(page, {
      action: 'soak',
      runs: 500,
      job: networkJob('euler-ancestral'),
      cancelAfter: 2,
    });
    const end = await debug(page, { action: 'memory' });
    expect(finished.before).toEqual(start.memory);
    expect(finished.memory).toEqual(start.memory);
    expect(cancelled.memory).toEqual(start.memory);
    expect(end.memory).toEqual(start.memory);
    expect(start.memory.numTensors).toBeGreaterThan(0);
    test.info().annotations.push({
      type: 'soak',
      description: `1,000 runs in ${((finished.ms! + cancelled.ms!) / 1000).toFixed(1)} s; tf.memory() ${JSON.stringify(start.memory)} before and after`,
    });
    // And the app still runs.
    await page.getByTestId('seed-input').fill('4');
    await page.getByTestId('seed-input').press('Enter');
    await nextRunDone(page, null, 4);
  });

  test('the worker crashing mid-run: it is restarted, the UI says so, the next run finishes', async () => {
    await page.evaluate((h) => (window.location.hash = h), `#${LONG_RUN}&seed=2`);
    await expect(runStatus(page)).toHaveAttribute('data-state', 'running');
    const crashed = await page.evaluate(() =>
      (window as unknown as { __playgroundDebug(r: DebugRequest): Promise<unknown> })
        .__playgroundDebug({ action: 'crash' })
        .then(() => 'answered'),
    );
    expect(crashed).toBe('answered');
    await expect(page.getByTestId('notices')).toContainText(
      /Model worker restarted: the worker crashed \(.*debug: crash requested\)/,
    );
    await activeBackend(page);
    await expectKept(page, ['steps=1000', 'seed=2']);
    const restarted = await runKey(page);
    await page.getByTestId('steps-input').fill('6');
    await page.getByTestId('steps-input').press('Enter');
    await nextRunDone(page, restarted);
  });
});

/** A scene job as the app sends it: a network on the tf host, a few steps, a small field. */
function networkJob(sampler: string): SceneJob {
  return {
    kind: 'scene',
    model: 'mlp',
    fieldSize: 2,
    settings: {
      dataset: 'swissroll',
      process: 'vp-discrete',
      betaSchedule: 'linear',
      spacing: 'trailing',
      sigmaGrid: 'karras',
      sampler,
      samplerParams: {},
      steps: 2,
      particles: 100,
      seed: 0,
    },
  };
}

test.describe('faults', () => {
  test('WebGPU absent: a link that asks for it says why and runs on another backend', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(`./#${BASE.replace('backend=wasm', 'backend=webgpu')}&seed=1`);
    expect(['webgl', 'wasm', 'cpu']).toContain(await activeBackend(page));
    await expect(page.getByTestId('fallback-notice')).toContainText(
      /webgpu was requested but could not start \((WebGPU is not available in this browser|no WebGPU adapter was found)\)/,
    );
    await nextRunDone(page, null, 1);
    await expectKept(page, ['backend=webgpu']);
    expect(watched.consoleErrors).toEqual([]);
  });
});

test.describe('faults on WebGPU', () => {
  test.use({ webgpu: true });

  test('the GPU device lost mid-run (destroyed from the page): reported, worker restarted on WebGPU, the next run finishes', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(`./?debug#${LONG_RUN.replace('backend=wasm', 'backend=webgpu')}&seed=5`);
    expect(await activeBackend(page)).toBe('webgpu');
    await expect(runStatus(page)).toHaveAttribute('data-state', 'running');
    await debug(page, { action: 'lose-device' }).catch(() => 'the worker went down first');
    await expect(page.getByTestId('notices')).toContainText(
      /Model worker restarted: the GPU device was lost \(destroyed/,
    );
    expect(await activeBackend(page)).toBe('webgpu');
    await expectKept(page, ['backend=webgpu', 'steps=1000', 'seed=5']);
    const restarted = await runKey(page);
    await page.getByTestId('steps-input').fill('6');
    await page.getByTestId('steps-input').press('Enter');
    await nextRunDone(page, restarted);
    expect(watched.consoleErrors).toEqual([]);
  });
});
