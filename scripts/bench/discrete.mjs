// Phase (h): the discrete view's sampling job (src/worker/thread/jobs/discreteSample.ts), run in
// the app's worker through the ?bench page hook: 64 names × 12 tokens, 32 steps, mdlm-ancestral,
// the mdlm-names network and the exact model. Per backend: the job's own loop time (wallTimeMs,
// loading excluded), the page's click → result time (every frame posted to the page), and
// main-thread long tasks meanwhile. Part of npm run bench; also runs alone:
//   node scripts/bench/discrete.mjs [--backends=wasm,cpu,webgl,webgpu] [--repeats=5] [--port=4321] [--no-build]
import { pathToFileURL } from 'node:url';
import { buildApp, launchBrowser, readyBackend, serve, summary } from './browser.mjs';
import { recordLongTasks } from './images.mjs';

export const DISCRETE_BENCH = { dataset: 'names', count: 64, steps: 32, sampler: 'mdlm-ancestral' };
const MODELS = ['mdlm-names', 'exact'];
/** Issue target: the network's 64 names in under a second on wasm. */
export const DISCRETE_TARGET_MS = 1000;

const jobFor = (model, seed) => ({
  kind: 'discrete-sample',
  ...DISCRETE_BENCH,
  model,
  params: {},
  seed,
});

/** Clicks "run" on the bench hook (its job already filled in) and resolves when its result shows. */
function runFilled() {
  return new Promise((resolve) => {
    const out = document.querySelector('[data-testid="bench-results"]');
    const t0 = performance.now();
    const watch = new MutationObserver(() => {
      const state = out.getAttribute('data-state');
      if (state !== 'done' && state !== 'error') return;
      watch.disconnect();
      resolve({ t0, t1: performance.now(), state, text: out.getAttribute('data-results') });
    });
    watch.observe(out, { attributes: true, attributeFilter: ['data-state'] });
    document.querySelector('[data-testid="bench-run"]').click();
  });
}

async function timedRun(page, job) {
  await page.getByTestId('bench-job').fill(JSON.stringify(job));
  const r = await page.evaluate(runFilled);
  if (r.state === 'error') throw new Error(r.text);
  const result = JSON.parse(r.text);
  const tasks = await page.evaluate(
    ([a, b]) => window.__longTasks.filter((t) => t.start >= a && t.start <= b).map((t) => t.ms),
    [r.t0, r.t1],
  );
  return { wallMs: result.wallTimeMs, pageMs: r.t1 - r.t0, nfe: result.nfe, tasks };
}

/** One backend in a fresh browser: each model warmed up once, then `repeats` timed runs. */
export async function benchDiscrete(baseUrl, id, { repeats }) {
  const { browser } = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(recordLongTasks);
    await page.goto(`${baseUrl}?bench#backend=${id}&view=forward`);
    const active = await readyBackend(page);
    if (active.id !== id)
      return {
        backend: id,
        available: false,
        reason: active.notice || `fell back to ${active.id}`,
      };
    const rows = [];
    for (const model of MODELS) {
      await timedRun(page, jobFor(model, 0));
      const runs = [];
      for (let i = 1; i <= repeats; i++) runs.push(await timedRun(page, jobFor(model, i)));
      const tasks = runs.flatMap((r) => r.tasks);
      rows.push({
        model,
        wallMs: summary(runs.map((r) => r.wallMs)),
        pageMs: summary(runs.map((r) => r.pageMs)),
        nfe: summary(runs.map((r) => r.nfe)),
        longTasksOver50: tasks.filter((ms) => ms > 50).length,
        longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      });
    }
    return { backend: id, available: true, adapter: active.label, rows };
  } catch (e) {
    return { backend: id, available: false, reason: e.message.split('\n')[0] };
  } finally {
    await browser.close();
  }
}

/** Waits for the app's run status to reach done after `t0` (page clock); resolves to the end time. */
function runDoneAfter() {
  return new Promise((resolve) => {
    const status = document.querySelector('[data-testid="run-status"]');
    const check = () => {
      if (status.getAttribute('data-state') !== 'done') return false;
      resolve(performance.now());
      return true;
    };
    const watch = new MutationObserver(() => check() && watch.disconnect());
    watch.observe(status, { attributes: true, attributeFilter: ['data-state'] });
  });
}

/**
 * The discrete view itself on wasm: the same 64 names with the network, every frame drawn by the
 * view (token grid, step slider), a new seed per run through the URL; long tasks meanwhile.
 */
export async function benchDiscreteView(baseUrl, { repeats }) {
  const { browser } = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(recordLongTasks);
    const hash = (seed) =>
      `#backend=wasm&view=discrete&dset=names&dmodel=network&dsampler=${DISCRETE_BENCH.sampler}&dcount=${DISCRETE_BENCH.count}&dsteps=${DISCRETE_BENCH.steps}&dseed=${seed}`;
    await page.goto(`${baseUrl}${hash(0)}`);
    await readyBackend(page);
    await page.waitForSelector('[data-testid="run-status"][data-state="done"]', {
      timeout: 120_000,
    });
    const runs = [];
    for (let i = 1; i <= repeats; i++) {
      const done = page.evaluate(runDoneAfter);
      const t0 = await page.evaluate((h) => {
        const t = performance.now();
        window.location.hash = h;
        return t;
      }, hash(i));
      const t1 = await done;
      const tasks = await page.evaluate(
        ([a, b]) => window.__longTasks.filter((t) => t.start >= a && t.start <= b).map((t) => t.ms),
        [t0, t1],
      );
      runs.push({ pageMs: t1 - t0, tasks });
    }
    const tasks = runs.flatMap((r) => r.tasks);
    return {
      pageMs: summary(runs.map((r) => r.pageMs)),
      longTasksOver50: tasks.filter((ms) => ms > 50).length,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    };
  } finally {
    await browser.close();
  }
}

const fmt = (v, d = 0) =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d);
const mmm = (s) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

/** The view's row: its click → done time and long tasks with every frame drawn. */
export function discreteViewLine(view) {
  return `The view itself (wasm, mdlm-names, every frame drawn, seeds 1..n by the URL): ${mmm(view.pageMs)} ms from the URL change to done; ${view.longTasksOver50} main-thread long tasks > 50 ms (longest ${fmt(view.longestTaskMs)} ms).`;
}

export function discreteTable(results) {
  const { count, steps, sampler } = DISCRETE_BENCH;
  return [
    `| backend | adapter | model | job loop, ms (${count} names × 12, ${steps} steps, ${sampler}) | click → result on the page, ms | NFE (per sequence, summed) | long tasks > 50 ms (longest, ms) |`,
    '|---|---|---|---:|---:|---:|---:|',
    ...results.flatMap((r) =>
      r.available
        ? r.rows.map(
            (row) =>
              `| ${r.backend} | ${r.adapter} | ${row.model} | ${mmm(row.wallMs)} | ${mmm(row.pageMs)} | ${fmt(row.nfe.median)} | ${row.longTasksOver50} (${fmt(row.longestTaskMs)}) |`,
          )
        : [`| ${r.backend} | — | — | ${r.reason} | | | |`],
    ),
  ].join('\n');
}

/** The target: the network's batch under a second on wasm; and no long tasks meanwhile. */
export function discreteTargets(results, view) {
  const wasm = results.find((r) => r.backend === 'wasm' && r.available);
  const net = wasm?.rows.find((row) => row.model === 'mdlm-names');
  return [
    {
      target: `discrete sampling (${DISCRETE_BENCH.count} names, ${DISCRETE_BENCH.steps} steps, mdlm-names, mdlm-ancestral) < ${DISCRETE_TARGET_MS / 1000} s on wasm`,
      value: net
        ? `${fmt(net.wallMs.median)} ms (job loop; ${fmt(net.pageMs.median)} ms on the page)`
        : 'not measured',
      pass: net ? net.wallMs.median < DISCRETE_TARGET_MS : null,
    },
    {
      target: 'no main-thread long task > 50 ms during discrete sampling',
      value: `${Math.max(0, ...results.flatMap((r) => r.rows?.map((row) => row.longTasksOver50) ?? []))} in the worst row`,
      pass: results.every((r) => !r.available || r.rows.every((row) => row.longTasksOver50 === 0)),
    },
    ...(view
      ? [
          {
            target: 'no main-thread long task > 50 ms while the discrete view samples and draws',
            value: `${view.longTasksOver50} (longest ${fmt(view.longestTaskMs)} ms)`,
            pass: view.longTasksOver50 === 0,
          },
        ]
      : []),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const backends = arg('backends', 'wasm,cpu,webgl,webgpu').split(',').filter(Boolean);
  const repeats = Number(arg('repeats', '5'));
  if (!process.argv.includes('--no-build')) buildApp();
  const server = await serve(Number(arg('port', '4321')));
  const results = [];
  try {
    for (const id of backends) {
      const t0 = Date.now();
      results.push(await benchDiscrete(server.url, id, { repeats }));
      console.log(`[discrete] ${id}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } catch (e) {
    server.stop();
    throw e;
  }
  const view = await benchDiscreteView(server.url, { repeats }).finally(() => server.stop());
  console.log(JSON.stringify({ results, view }, null, 2));
  console.log(`\n${discreteTable(results)}\n\n${discreteViewLine(view)}`);
  for (const t of discreteTargets(results, view))
    console.log(`${t.target}: ${t.value} (${t.pass})`);
}
