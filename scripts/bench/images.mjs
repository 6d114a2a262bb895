// Phase (f): the image view's 64-image grid, per backend, in the real app: wall time per step
// (between frames on the page, read-back included) and main-thread long tasks while it samples.
// Part of npm run bench; also runs alone:
//   node scripts/bench/images.mjs [--backends=wasm,cpu,webgl,webgpu] [--steps=4] [--timeout=300 (s per backend)] [--port=4320] [--no-build]
import { pathToFileURL } from 'node:url';
import { buildApp, launchBrowser, readyBackend, serve } from './browser.mjs';

const GRID = { model: 'digits', count: 64, guidance: 2, sampler: 'ddim' };

/** Long tasks on the page from its first script on (installed before navigation). */
export function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Polls the grid's frame count until the run is done or `timeoutMs` passes. When it does not
 * finish, the steps completed so far give the time per step (from the page's frame count,
 * polled every 250 ms, so good to about that for multi-second steps).
 */
async function followGrid(page, timeoutMs) {
  const grid = page.getByTestId('image-grid');
  const t0 = Date.now();
  let first = null;
  let last = null;
  for (;;) {
    const [state, frames] = [
      await grid.getAttribute('data-state'),
      Number(await grid.getAttribute('data-frames')),
    ];
    if (state === 'done') return { done: true };
    if (state === 'error') throw new Error('the grid run failed');
    const now = Date.now();
    if (frames >= 1 && first === null) first = { at: now, frames };
    if (first && frames > (last?.frames ?? first.frames)) last = { at: now, frames };
    if (now - t0 > timeoutMs) {
      const steps = last ? last.frames - first.frames : 0;
      return { done: false, steps, stepMs: steps > 0 ? (last.at - first.at) / steps : NaN };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One backend in a fresh browser: its grid's per-step wall time and the long tasks during the run. */
export async function benchImageGrid(baseUrl, id, { steps, timeoutMs }) {
  const { browser } = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(recordLongTasks);
    const { model, count, guidance, sampler } = GRID;
    await page.goto(
      `${baseUrl}#backend=${id}&view=images&model=${model}&count=${count}&class=all&guidance=${guidance}&sampler=${sampler}&steps=${steps}`,
    );
    const active = await readyBackend(page);
    if (active.id !== id)
      return {
        backend: id,
        available: false,
        reason: active.notice || `fell back to ${active.id}`,
      };
    const software = /software/i.test(active.label);
    if (id === 'webgpu' && software)
      return {
        backend: id,
        available: false,
        reason: 'software WebGPU adapter (SwiftShader): about 100× slower than wasm; skipped',
      };
    // Long tasks count from when the grid starts sampling (the model load before it is not sampling).
    await page.waitForSelector('[data-testid="image-grid"]', { timeout: timeoutMs });
    const start = await page.evaluate(() => performance.now());
    const progress = await followGrid(page, timeoutMs);
    const stepMs = progress.done
      ? Number(await page.getByTestId('grid-timing').getAttribute('data-step-ms'))
      : progress.stepMs;
    const tasks = await page.evaluate(
      (t0) => window.__longTasks.filter((t) => t.start >= t0).map((t) => t.ms),
      start,
    );
    return {
      backend: id,
      available: true,
      adapter: active.label,
      images: count,
      passesPerStep: 2 * count,
      steps: progress.done ? steps : progress.steps,
      stepMs,
      ...(progress.done ? {} : { partial: `stopped after ${timeoutMs / 1000} s` }),
      longTasksOver50: tasks.filter((ms) => ms > 50).length,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    };
  } catch (e) {
    return { backend: id, available: false, reason: e.message.split('\n')[0] };
  } finally {
    await browser.close();
  }
}

export function imageGridTable(rows) {
  const fmt = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Math.round(v));
  return [
    `| backend | adapter | ms per step (${GRID.count} images, guidance ${GRID.guidance}: ${2 * GRID.count} network passes) | long tasks > 50 ms while sampling | longest task, ms |`,
    '|---|---|---:|---:|---:|',
    ...rows.map((r) =>
      r.available
        ? `| ${r.backend} | ${r.adapter} | ${fmt(r.stepMs)} (mean of ${r.steps} steps${r.partial ? `; ${r.partial}` : ''}) | ${r.longTasksOver50} | ${fmt(r.longestTaskMs)} |`
        : `| ${r.backend} | — | ${r.reason} | | |`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const backends = arg('backends', 'wasm,cpu,webgl,webgpu').split(',').filter(Boolean);
  const steps = Number(arg('steps', '4'));
  const timeoutMs = 1000 * Number(arg('timeout', '300'));
  if (!process.argv.includes('--no-build')) buildApp();
  const server = await serve(Number(arg('port', '4320')));
  const rows = [];
  try {
    for (const id of backends) {
      const t0 = Date.now();
      rows.push(await benchImageGrid(server.url, id, { steps, timeoutMs }));
      console.log(`[image grid] ${id}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    server.stop();
  }
  console.log(JSON.stringify(rows, null, 2));
  console.log(`\n${imageGridTable(rows)}`);
}
