// Training speed per backend in the real app, in one run: opens the train view on each backend
// (a fresh browser each), trains a fixed number of steps from a fixed seed and reports steps per
// second (the worker's training-only rate over its last 20 chunks, and the wall-clock rate with
// the snapshots), the main thread's long tasks while training (the Long Tasks API: tasks over 50 ms
// of wall time) and the loss and error-to-exact figures. --trace also records a Chromium trace
// for each task's CPU time and what each long one did (tracing itself lengthens tasks).
//   node scripts/bench-train.mjs [--backends=wasm,webgl,cpu,webgpu] [--steps=400] [--port=4320]
//     [--link=<hash fields>] [--trace] [--no-build]
// Never part of the tests. WebGPU here is Chromium's software adapter (SwiftShader) unless the
// machine has a GPU: the badge text in the output says which.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, launchBrowser, median, readyBackend, serve } from './bench/browser.mjs';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const backends = arg('backends', 'wasm,webgl,cpu,webgpu').split(',').filter(Boolean);
const steps = Number(arg('steps', '400'));
const link = arg('link', 'dataset=gaussians8&twidth=32&tdepth=2&tbatch=128&tevery=100');
const TIMEOUT = Number(arg('timeout', '600')) * 1000;
const TRACING = process.argv.includes('--trace');

const TRACE = join(tmpdir(), 'bench-train-trace.json');

/** Work inside a main-thread task, by kind (the trace's own event names), in ms of CPU time. */
const TASK_PARTS = [
  'FunctionCall',
  'HandlePostMessage',
  'TimerFire',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
];

/**
 * Main-thread tasks over 50 ms in a Chromium trace, by wall time and by the thread's own CPU
 * time: on a loaded machine a short task can take long on the wall clock while it waits for a
 * core, so both are reported, with what each task over 50 ms (wall) did.
 */
function traceLongTasks(path) {
  const events = JSON.parse(readFileSync(path, 'utf8')).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const ms = (us) => (us ?? 0) / 1000;
  const parts = (task) => {
    const inside = onMain.filter(
      (e) => TASK_PARTS.includes(e.name) && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
    );
    // Outermost events of each kind only (a FunctionCall may nest in a TimerFire).
    const top = inside.filter(
      (e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur),
    );
    const byKind = {};
    for (const e of top) byKind[e.name] = Number(((byKind[e.name] ?? 0) + ms(e.tdur)).toFixed(1));
    return byKind;
  };
  return {
    tasks: tasks.length,
    wallOver50: tasks.filter((e) => ms(e.dur) > 50).length,
    cpuOver50: tasks.filter((e) => ms(e.tdur) > 50).length,
    longestWallMs: Math.max(0, ...tasks.map((e) => ms(e.dur))),
    longestCpuMs: Math.max(0, ...tasks.map((e) => ms(e.tdur))),
    over50: tasks
      .filter((e) => ms(e.dur) > 50)
      .map((e) => ({
        atS: Number(((e.ts - tasks[0].ts) / 1e6).toFixed(2)),
        wallMs: ms(e.dur),
        cpuMs: ms(e.tdur),
        cpuByKind: parts(e),
      })),
  };
}

async function benchOne(browser, url, backend) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => errors.push('the page crashed'));
  try {
    return { ...(await measure(browser, page, url, backend)), consoleErrors: errors };
  } catch (e) {
    errors.push(`url ${page.url()}`);
    throw new Error(`${e.message.split('\n')[0]}; page errors: ${JSON.stringify(errors)}`, {
      cause: e,
    });
  } finally {
    await page.close();
  }
}

/**
 * Runs in the page before its own scripts: records long tasks (wall time) and, every 100 ms,
 * the train view's status, so that the bench itself polls the page only once a second.
 */
function recordInPage() {
  const rec = { longTasks: [], firstStepAt: 0, snapshotMs: [] };
  window.__benchTrain = rec;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  setInterval(() => {
    const s = document.querySelector('[data-testid="train-status"]')?.dataset;
    if (!s) return;
    if (Number(s.step) > 0 && !rec.firstStepAt) rec.firstStepAt = performance.now();
    const ms = Number(s.snapshotMs);
    if (ms > 0 && rec.snapshotMs.at(-1) !== ms) rec.snapshotMs.push(ms);
  }, 100);
}

async function measure(browser, page, url, backend) {
  await page.addInitScript(recordInPage);
  await page.goto(`${url}#view=train&backend=${backend}&${link}&tstop=${steps}&tauto=1`);
  const active = await readyBackend(page);
  const status = page.getByTestId('train-status');
  const t0 = Date.now();
  let tracing = false;
  for (;;) {
    const [state, step] = await Promise.all(
      ['data-state', 'data-step'].map((a) => status.getAttribute(a)),
    );
    if (state === 'error') throw new Error(await page.getByTestId('train-error').textContent());
    if (TRACING && Number(step) > 0 && !tracing) {
      tracing = true;
      // Tasks of loading the page are not training's.
      await browser.startTracing(page, {
        path: TRACE,
        categories: ['toplevel', 'devtools.timeline'],
      });
    }
    if (state === 'paused' && Number(step) === steps) break;
    if (Date.now() - t0 > TIMEOUT) throw new Error(`no pause at step ${steps} within the timeout`);
    await page.waitForTimeout(TRACING ? 250 : 1000);
  }
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="train-status"]')?.dataset.snapshotStep === String(n),
    steps,
  );
  const rec = await page.evaluate(() => ({ ...window.__benchTrain, endAt: performance.now() }));
  const during = rec.longTasks.filter((t) => t.at >= rec.firstStepAt && t.at <= rec.endAt);
  let traced = null;
  if (tracing) {
    await browser.stopTracing();
    traced = traceLongTasks(TRACE);
    rmSync(TRACE, { force: true });
  }
  const figures = await status.evaluate((el) => ({ ...el.dataset }));
  return {
    backend: active.id,
    adapter: active.label,
    stepsPerSecondTraining: Number(figures.stepsPerSecond),
    stepsPerSecondWall: steps / ((rec.endAt - rec.firstStepAt) / 1000),
    snapshotMs: median(rec.snapshotMs),
    lossStart: Number(figures.lossStart),
    lossRecent: Number(figures.lossRecent),
    errorStart: Number(figures.errorStart),
    error: Number(figures.error),
    longTasks: {
      count: during.length,
      longestMs: Math.max(0, ...during.map((t) => t.ms)),
      // Each as [seconds after the first step was seen, ms].
      list: during.map((t) => [
        Number(((t.at - rec.firstStepAt) / 1000).toFixed(2)),
        Math.round(t.ms),
      ]),
    },
    trace: traced,
  };
}

if (!process.argv.includes('--no-build')) buildApp();
const server = await serve(Number(arg('port', '4320')));
const rows = [];
try {
  for (const backend of backends) {
    const { browser } = await launchBrowser();
    try {
      const row = await benchOne(browser, server.url, backend);
      rows.push(row);
      console.log(JSON.stringify(row));
    } catch (e) {
      console.log(JSON.stringify({ backend, error: e.message }));
    } finally {
      await browser.close();
    }
  }
} finally {
  server.stop();
}
const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
console.log(`\n${steps} steps, ${link}`);
const head = [
  'backend',
  'adapter',
  'steps/s (training)',
  'steps/s (wall, with snapshots)',
  'loss start → end',
  'error to exact start → end',
  'snapshot ms',
  'long tasks > 50 ms (longest)',
  ...(TRACING ? ['traced: tasks > 50 ms, wall (longest)', 'by CPU time (longest)'] : []),
];
console.log(`| ${head.join(' | ')} |`);
console.log(`|${' --- |'.repeat(head.length)}`);
for (const r of rows) {
  const cells = [
    r.backend,
    r.adapter,
    fmt(r.stepsPerSecondTraining),
    fmt(r.stepsPerSecondWall),
    `${fmt(r.lossStart, 3)} → ${fmt(r.lossRecent, 3)}`,
    `${r.errorStart.toPrecision(3)} → ${r.error.toPrecision(3)}`,
    fmt(r.snapshotMs, 0),
    `${r.longTasks.count} (${fmt(r.longTasks.longestMs, 0)} ms)`,
  ];
  if (r.trace)
    cells.push(
      `${r.trace.wallOver50} of ${r.trace.tasks} (${fmt(r.trace.longestWallMs, 0)} ms)`,
      `${r.trace.cpuOver50} (${fmt(r.trace.longestCpuMs, 0)} ms)`,
    );
  console.log(`| ${cells.join(' | ')} |`);
}
