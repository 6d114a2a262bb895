/**
 * Threaded WASM: the app is cross-origin isolated wherever it is served, tfjs-wasm
 * runs the thread count asked for, a host without the headers either isolates the page through
 * the service worker or falls back to one thread and says why, and a restarted worker leaves no
 * pthread workers behind.
 */
import type { Server } from 'node:http';
import { activeBackend, expect, launch, test } from './fixtures';
import { serveWithoutIsolation } from './staticHost';
import type { DebugRequest } from '../src/worker/protocol';

const RUN = '#backend=wasm&dataset=moons&model=mlp&n=200&steps=8';

test('the app is cross-origin isolated and runs WASM on the threads asked for', async ({
  watched,
}) => {
  const { page, consoleErrors, foreignRequests } = watched;
  await page.goto(`./${RUN}&threads=2`);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  expect(await activeBackend(page)).toBe('wasm');
  await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 2 threads');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('fallback-notice')).toHaveCount(0);
  // Threads that take every core: the badge says playback moves on less often while a run computes.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const saturated =
    'Its 2 threads take every core (2): while a run computes, playback moves on 4 times a second (threads=1 leaves a core to the page)';
  const badge = page.getByTestId('backend');
  const title = (await badge.getAttribute('title')) ?? '';
  if (cores === 2) expect(title).toContain(saturated);
  else expect(title).not.toContain('every core');
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test('a restarted worker leaves no pthread workers behind', async ({ watched }) => {
  const { page } = watched;
  await page.goto(`./?debug${RUN}&threads=2`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  // The model worker and tfjs-wasm's pool of 8 pthreads.
  const live = () => page.workers().length;
  await expect.poll(live).toBe(9);
  await page.evaluate(() =>
    (window as unknown as { __playgroundDebug(r: DebugRequest): Promise<unknown> })
      .__playgroundDebug({ action: 'crash' })
      .catch(() => undefined),
  );
  await expect(page.getByTestId('notices')).toContainText('Model worker restarted');
  await activeBackend(page);
  await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 2 threads');
  await expect.poll(live).toBe(9);
});

test.describe('a static host without the isolation headers', () => {
  let host: { url: string; server: Server };
  test.beforeAll(async () => {
    host = await serveWithoutIsolation();
  });
  test.afterAll(() => host.server.close());

  test('without a service worker, WASM runs on one thread and the notice says why', async () => {
    const browser = await launch(false);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${host.url}${RUN}&threads=2`);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    expect(await activeBackend(page)).toBe('wasm');
    await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 1 thread');
    await expect(page.getByTestId('fallback-notice')).toContainText(
      'WASM runs on one thread: the page is not cross-origin isolated',
    );
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
    await browser.close();
  });

  test('the service worker isolates the page after one reload', async () => {
    const browser = await launch(false);
    const page = await browser.newPage();
    await page.goto(`${host.url}${RUN}&threads=2`);
    // The first load registers the worker and reloads; its context may vanish mid-poll.
    const isolated = () => page.evaluate(() => window.crossOriginIsolated).catch(() => false);
    await expect.poll(isolated).toBe(true);
    expect(await activeBackend(page)).toBe('wasm');
    await expect(page.getByTestId('backend')).toHaveText('WASM · SIMD · 2 threads');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
    expect(page.url()).toContain('threads=2');
    await browser.close();
  });
});
