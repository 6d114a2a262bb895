/**
 * The auto backend per job size, end to end with stubbed probe timings (the debug hook
 * `backend-probe`; SwiftShader's real timings would only say that WASM wins everywhere): each
 * run takes the faster backend at its size, the badge lists the sizes with their timings, a kept
 * record is reused after a reload, a forced backend overrides it, and a probe that fails or
 * times out leaves its sizes on the fallback. WebGPU runs stay tiny: 100 particles, 2 steps.
 */
import type { Page } from '@playwright/test';
import type { DebugRequest } from '../src/worker/protocol';
import { activeBackend, expect, test, workerDebug, type Watched } from './fixtures';
import { STUB_TIMINGS as STUB } from '../src/worker/thread/probeStub.testkit';

const SCENE = 'model=mlp&steps=2';

async function reprobe(
  page: Page,
  stub: Extract<DebugRequest, { action: 'backend-probe' }>['stub'],
) {
  const result = await workerDebug(page, { action: 'backend-probe', stub });
  return result.backend ?? '';
}

/** Opens a scene link and waits for its run, which ran on `expected`. */
async function runOn(page: Page, hash: string, expected: string): Promise<void> {
  await page.goto(`./?debug#${hash}`);
  const badge = page.getByTestId('backend');
  await expect(badge).toHaveAttribute('data-job-backend', expected);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
}

function expectClean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  return w;
}

test.describe('with WebGPU enabled', () => {
  test.use({ webgpu: true });

  test('each run takes the faster backend at its size; the record is kept and a forced backend overrides it', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(`./?debug#${SCENE}&n=100`);
    // SwiftShader is a software adapter: not probed, the worker runs on the CPU side's fastest.
    const fallback = await activeBackend(page);
    expect(fallback).not.toBe('webgpu');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-job-backend', fallback);

    expect(await reprobe(page, { ms: STUB })).toBe('probed with stubbed timings');
    const badge = page.getByTestId('backend');
    await expect(badge).toHaveAttribute(
      'title',
      /MLP at 1,000 points: webgpu 1\.00 ms, wasm 5\.00 ms → WebGPU\n.*MLP at 10,000 points: webgpu 50\.0 ms, wasm 10\.0 ms → WASM/,
    );
    // 100 points: nearest probed size 1k, where WebGPU won; 20,000: nearest 10k, WASM.
    await runOn(page, `${SCENE}&n=100&seed=2`, 'webgpu');
    await expect(badge).toContainText('this run: WebGPU');
    await expect(badge).toHaveAttribute(
      'title',
      /This run: webgpu was faster for the MLP at 100 points \(probed at 1000\)/,
    );
    await runOn(page, `${SCENE}&n=20000&seed=3`, 'wasm');

    // A new worker (reload) gets the record from localStorage and probes nothing.
    await page.reload();
    await expect(badge).toHaveAttribute('title', /Per job size \(kept from an earlier visit\)/);
    await runOn(page, `${SCENE}&n=100&seed=4`, 'webgpu');

    // A forced backend overrides the kept choice.
    await runOn(page, `${SCENE}&n=100&seed=5&backend=wasm`, 'wasm');
    await expect(badge).toHaveAttribute('title', /This run: wasm was forced by the link/);
    expectClean(watched);
  });

  test('a probe that fails or times out leaves its sizes on the fallback, and says why', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(`./?debug#${SCENE}&n=100`);
    const fallback = await activeBackend(page);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');

    const timedOut = await reprobe(page, { ms: STUB, hang: 'mlp:1000', measureTimeoutMs: 300 });
    expect(timedOut).toMatch(
      /the probe timed out \(webgpu at the MLP at 1,000 points took over 300 ms\)/,
    );
    await runOn(page, `${SCENE}&n=100&seed=2`, fallback);
    const badge = page.getByTestId('backend');
    await expect(badge).toHaveAttribute(
      'title',
      /no probe result for the MLP at 100 points: the probe timed out/,
    );

    const failed = await reprobe(page, { ms: { 'unet:1': { webgpu: 1, wasm: 2 } } });
    expect(failed).toMatch(/the probe failed \(webgpu at the UNet at batch 16: no timing/);
    await runOn(page, `${SCENE}&n=100&seed=3`, fallback);
    await expect(badge).toHaveAttribute(
      'title',
      /no probe result for the MLP at 100 points: the probe failed/,
    );
    expectClean(watched);
  });
});
