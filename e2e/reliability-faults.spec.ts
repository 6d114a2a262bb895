/**
 * Reliability, faults: a storm of parameter changes, a thousand runs without a tensor leak and
 * the worker crashing (one page), WebGPU absent, and the GPU device lost mid-run.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { activeBackend, expect, test, workerDebug } from './fixtures';
import type { DebugRequest, SceneJob } from '../src/worker/protocol';
import { BASE, expectKept, nextRunDone, onePage, plot, runKey, runStatus } from './reliabilityKit';

/**
 * A run that lasts seconds on the exact model (1,000 steps of 5,000 particles), so a fault lands
 * mid-run: with no field computed per step, 1,000 steps of 100 particles end before a check.
 */
const LONG_RUN = BASE.replace('n=100', 'n=5000').replace('steps=6', 'steps=1000');

/** The particles of the step on screen, as the Export menu saves them. */
async function exportedParticles(page: Page): Promise<number[][]> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const saved = page.waitForEvent('download');
  await page.getByTestId('export-particles-json').click();
  const file = await (await saved).path();
  return (JSON.parse(await readFile(file, 'utf8')) as { particles: number[][] }).particles;
}

test.describe('on one page: a storm of changes, a thousand runs, a crash', () => {
  test.describe.configure({ mode: 'serial' });
  const current = onePage();
  let page: Page;
  test.beforeEach(() => {
    page = current();
  });

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

  test('1,000 consecutive sampler runs of the real loop in the worker (debug soak job, a network in tfjs, wasm on 2 threads): tf.memory() back to its start', async () => {
    await page.evaluate(
      (h) => (window.location.hash = h),
      `#${BASE}&model=mlp&dataset=swissroll&seed=3&threads=2`,
    );
    await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 2 threads');
    await nextRunDone(page, null, 3);
    const start = await workerDebug(page, { action: 'memory' });
    // Multistep history (dpmpp-2m) run to the end, and ancestral noise (euler-ancestral)
    // cancelled after two frames, as a superseded run is.
    const finished = await workerDebug(page, {
      action: 'soak',
      runs: 500,
      job: networkJob('dpmpp-2m'),
    });
    const cancelled = await workerDebug(page, {
      action: 'soak',
      runs: 500,
      job: networkJob('euler-ancestral'),
      cancelAfter: 2,
    });
    const end = await workerDebug(page, { action: 'memory' });
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

/**
 * A scene job as the app sends it: a network (on WASM its particles in float64, the network in
 * tfjs), a few steps, a small field.
 */
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
    await workerDebug(page, { action: 'lose-device' }).catch(() => 'the worker went down first');
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
