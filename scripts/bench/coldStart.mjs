// Phase (e): cold start in a fresh browser context (empty cache): time from navigation to the
// first drawn frame and to the first complete sample, and every byte downloaded on the way;
// plus the size of the main thread's JavaScript in the build.
import { jsSizes } from '../js-sizes.mjs';
import { DIST, summary } from './browser.mjs';

const FIRST_FRAME = () => {
  const r = document.querySelector('[data-testid="step-readout"]');
  return r && r.textContent.includes('σ') ? performance.now() : 0;
};
const RUN_DONE = () =>
  document.querySelector('[data-testid="run-status"]')?.getAttribute('data-state') === 'done'
    ? performance.now()
    : 0;

async function coldOnce(browser, url) {
  const context = await browser.newContext();
  const transfers = [];
  context.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes)
      transfers.push({
        url: request.url(),
        type: request.resourceType(),
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      });
  });
  const page = await context.newPage();
  await page.goto(url);
  const opts = { timeout: 300_000, polling: 'raf' };
  const firstFrameMs = await (await page.waitForFunction(FIRST_FRAME, null, opts)).jsonValue();
  const sampleMs = await (await page.waitForFunction(RUN_DONE, null, opts)).jsonValue();
  // Let the last responses finish before summing.
  await page.waitForLoadState('networkidle');
  // Playwright does not report a dedicated worker's own script; the page's resource timing does.
  const seen = new Set(transfers.map((t) => t.url));
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ url: e.name, bytes: e.transferSize })),
  );
  for (const e of entries) if (!seen.has(e.url)) transfers.push({ ...e, type: 'resource timing' });
  await context.close();
  const bytes = transfers.reduce((n, t) => n + t.bytes, 0);
  const byType = {};
  for (const t of transfers) byType[t.type] = (byType[t.type] ?? 0) + t.bytes;
  return { firstFrameMs, sampleMs, bytes, requests: transfers.length, byType };
}

/** Cold starts of one deep link, `repeats` times, each in its own empty context. */
export async function benchColdStart(browser, baseUrl, hash, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await coldOnce(browser, `${baseUrl}${hash}`));
  return {
    link: `./${hash}`,
    firstFrameMs: summary(runs.map((r) => r.firstFrameMs)),
    sampleMs: summary(runs.map((r) => r.sampleMs)),
    bytes: summary(runs.map((r) => r.bytes)),
    byType: runs[0].byType,
    requests: runs[0].requests,
  };
}

/**
 * The main thread's JavaScript, gzip level 9: what the default page loads at start (entry script
 * and its module preloads) and, beside it, every main-thread chunk (the lazily loaded views and
 * KaTeX too); plus the worker's.
 */
export function mainThreadJs() {
  const { initial, lazy, worker } = jsSizes(DIST);
  return {
    ...initial,
    allRaw: initial.raw + lazy.raw,
    allGzip: initial.gzip + lazy.gzip,
    allFiles: initial.files.length + lazy.files.length,
    // Neither Playwright nor the page's resource timing reports a module worker's own script.
    workerGzip: worker.gzip,
  };
}
