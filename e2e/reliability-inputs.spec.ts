/**
 * Reliability, the user's inputs: garbage typed in a box, bad point uploads, bad diffusers
 * configs and broken model files (served by a route), each with a clear message, a working app
 * afterwards and the user's state kept. The rows share one page (one worker start).
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  faultyModelFiles,
  type FileOverrides,
  type ModelFault,
} from '../src/models/faultyModelFiles';
import {
  BASE,
  badInputTests,
  choose,
  expectKept,
  nextRunDone,
  onePage,
  type BadInput,
} from './reliabilityKit';

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

const BAD_INPUTS: BadInput[] = [
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

/** Serves every fault of MODEL_FAULTS; the first request for the manifest gets a 404. */
async function brokenModels(context: BrowserContext) {
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
}

test.describe('on one page: bad inputs, uploads, configs and model files', () => {
  test.describe.configure({ mode: 'serial' });
  badInputTests(BAD_INPUTS, onePage(brokenModels));
});
