/**
 * What the reliability specs share: the small scene every case starts from, the bad-input
 * table's row type and its test, one page per spec (its console, requests and dialogs checked
 * at the end), and the waits for a run's end.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { activeBackend, expect, launch, test, expectNoUnexplainedNaN } from './fixtures';

/** A small, quick scene on wasm; each case overrides what it tests. */
export const BASE = 'backend=wasm&dataset=gaussians8&n=100&steps=6&field=0&trails=0';

export interface BadInput {
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

export const plot = (page: Page) => page.getByTestId('reverse-plot');
export const runStatus = (page: Page) => page.getByTestId('run-status');

/** The settings key of the current run, or null where the view has no particle plot. */
export async function runKey(page: Page): Promise<string | null> {
  return (await plot(page).count()) ? plot(page).getAttribute('data-run-key') : null;
}

/**
 * Waits for a new run (the one with `seed` where known, else any other than `previous`) to
 * finish and for its own frames to be the ones drawn.
 */
export async function nextRunDone(page: Page, previous: string | null, seed?: number) {
  if (seed !== undefined)
    await expect(plot(page)).toHaveAttribute('data-run-key', new RegExp(`"seed":${seed}[,}]`));
  else if (previous !== null)
    await expect(plot(page)).not.toHaveAttribute('data-run-key', previous);
  await expect(runStatus(page)).toHaveAttribute('data-state', 'done');
  const key = await plot(page).getAttribute('data-run-key');
  await expect(plot(page)).toHaveAttribute('data-frame-key', key ?? '');
}

/** Picks an option of a select and waits for the run it starts. */
export async function choose(page: Page, testId: string, value: string) {
  const before = await runKey(page);
  await page.getByTestId(testId).selectOption(value);
  await nextRunDone(page, before);
}

export async function expectKept(page: Page, keeps: string[]) {
  for (const kept of keeps) await expect(page).toHaveURL(new RegExp(`[#&]${kept}(&|$)`));
}

function linkFor(c: BadInput, seed: number): string {
  const own = new Set(c.hash!.split('&').map((kv) => kv.split('=')[0]));
  const base = BASE.split('&').filter((kv) => !own.has(kv.split('=')[0]));
  if (!own.has('seed')) base.push(`seed=${seed}`);
  return `#${[...base, c.hash].join('&')}`;
}

/**
 * One page (WebGPU off, `?debug` hooks on) for every test of the calling serial describe: opened
 * at BASE once its first run is done, after `route` has set up the context's routes. After the
 * last test: nothing logged as an error but 404 fetches and a requested crash, no request off
 * the origin, no dialog, and no script or `img[src=x]` from a link in the page.
 */
export function onePage(route?: (context: BrowserContext) => Promise<void>): () => Page {
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const dialogs: string[] = [];

  test.beforeAll(async ({ baseURL }) => {
    const browser = await launch(false);
    const context = await browser.newContext({ baseURL });
    await route?.(context);
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
    expect(consoleErrors.filter((e) => !/status of 404|debug: crash requested/.test(e))).toEqual(
      [],
    );
    expect(foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('#root script, #root img[src="x"]').count()).toBe(0);
    await page.context().browser()!.close();
  });

  return () => page;
}

/**
 * One test per row, in order, on the describe's page: the message shows, the user's fields are
 * kept, no NaN is on screen, and the app keeps working (the row's own run, or the user's next
 * change, runs to the end). Each row that opens a run gets a fresh seed.
 */
export function badInputTests(rows: readonly BadInput[], current: () => Page) {
  let seed = 1000;
  for (const c of rows) {
    test(`bad input: ${c.name}`, async () => {
      const page = current();
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
}
