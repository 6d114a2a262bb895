// Phase (g): the closest peer's own job in this app, single-threaded and threaded WASM in one
// run. DDPM, 200 steps, the trained MLP on moons; a seed change starts the run, the view jumps to
// the last step, and the time ends when that frame is painted. Floor: NFE × one bare model
// evaluation at the same size, timed by the bench job in the same page.
import { readyBackend, summary } from './browser.mjs';

export const PEER_SIZES = [500, 2_000, 10_000];
export const PEER_THREADS = [1, 2];
const STEPS = 200;
const TIMEOUT = 300_000;

/** Changes the seed, jumps to the last step once the run is done, resolves when it is painted. */
function triggerProbe(seed) {
  return new Promise((resolve) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const status = document.querySelector('[data-testid="run-status"]');
    const readout = document.querySelector('[data-testid="step-readout"]');
    const scrub = document.querySelector('[data-testid="scrub"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    let ran = false;
    const t0 = performance.now();
    // Once the run is done, jump to the last step every frame until the view shows it (the frame
    // buffer may still be catching up with the worker's last frames). The clock stops after the
    // paint of the frame that draws it: a task posted from that frame's animation callback runs
    // once the frame is painted.
    const stop = () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        observer.disconnect();
        resolve({
          ms: performance.now() - t0,
          longTasksOver50: longTasks.filter((d) => d > 50).length,
          longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
        });
      };
      channel.port2.postMessage(null);
    };
    const jump = (inFrame) => {
      if (readout.dataset.step === readout.dataset.total) {
        if (inFrame) stop();
        else requestAnimationFrame(stop);
        return;
      }
      setValue.call(scrub, scrub.max);
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      requestAnimationFrame(() => jump(true));
    };
    const watch = new MutationObserver(() => {
      ran ||= status.dataset.state === 'running';
      if (!ran || status.dataset.state !== 'done') return;
      watch.disconnect();
      jump(false);
    });
    watch.observe(status, { attributes: true, attributeFilter: ['data-state'] });
    const params = new URLSearchParams(window.location.hash.slice(1));
    params.set('seed', String(seed));
    window.location.hash = params.toString();
  });
}

async function evalMs(page, particles) {
  const job = {
    kind: 'bench',
    sampler: 'ddpm',
    steps: 5,
    repeats: 5,
    model: 'mlp2d',
    dataset: 'moons',
    sizes: [particles],
    budgetMs: 60_000,
  };
  await page.getByTestId('bench-job').fill(JSON.stringify(job));
  await page.getByTestId('bench-run').click();
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(
        document.querySelector('[data-testid="bench-results"]')?.getAttribute('data-state'),
      ),
    null,
    { timeout: TIMEOUT, polling: 250 },
  );
  const rows = JSON.parse(await page.getByTestId('bench-results').getAttribute('data-results'));
  return rows[0]?.evalMedian ?? null;
}

/** One size on one thread count: the job `repeats` times, then the bare evaluation. */
async function peerRow(browser, baseUrl, particles, threads, repeats) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scene = `backend=wasm&threads=${threads}&dataset=moons&model=mlp&process=vp-discrete&sampler=ddpm&steps=${STEPS}&n=${particles}&seed=1`;
  await page.goto(`${baseUrl}?bench#${scene}`);
  const backend = await readyBackend(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-status"]')?.dataset.state === 'done',
    null,
    { timeout: TIMEOUT, polling: 250 },
  );
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await page.evaluate(triggerProbe, i + 2));
  const evalMedian = await evalMs(page, particles);
  await context.close();
  const ms = summary(runs.map((r) => r.ms));
  const floor = evalMedian === null ? null : STEPS * evalMedian;
  return {
    particles,
    threads,
    badge: backend.label,
    ms,
    evalMedian,
    floorMs: floor,
    overFloor: floor ? ms.median / floor : null,
    longTasksOver50: Math.max(...runs.map((r) => r.longTasksOver50)),
    longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
  };
}

/** Every size on one and two threads, alternated per size so load drifts hit both alike. */
export async function benchPeerJob(browser, baseUrl, repeats, log) {
  const rows = [];
  for (const particles of PEER_SIZES) {
    for (const threads of PEER_THREADS) {
      rows.push(await peerRow(browser, baseUrl, particles, threads, repeats));
      const r = rows.at(-1);
      log(`  DDPM-200 ${particles} particles, ${threads} thread(s): ${r.ms.median.toFixed(0)} ms`);
    }
  }
  return rows;
}

const fmt = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));

export function peerTable(rows) {
  const head = [
    '| particles | threads | badge | trigger → final frame, ms | 1 eval, ms | floor (200 × eval), ms | over floor | long tasks > 50 ms (longest) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  return [
    ...head,
    ...rows.map(
      (r) =>
        `| ${r.particles} | ${r.threads} | ${r.badge} | ${fmt(r.ms.median, 0)} (${fmt(r.ms.min, 0)}–${fmt(r.ms.max, 0)}) | ${fmt(r.evalMedian)} | ${fmt(r.floorMs, 0)} | ${fmt(r.overFloor)}× | ${r.longTasksOver50} (${fmt(r.longestTaskMs, 0)} ms) |`,
    ),
  ].join('\n');
}

/** Issue 22's targets on the peer job and the 10k evaluation: threads, floor, long tasks. */
export function peerTargets(rows) {
  const at = (n, t) => rows.find((r) => r.particles === n && r.threads === t);
  const checks = [];
  const one = at(10_000, 1);
  const two = at(10_000, 2);
  if (one && two) {
    for (const [label, key] of [
      ['MLP evaluation', 'evalMedian'],
      ['DDPM-200 job', null],
    ]) {
      const a = key ? one[key] : one.ms.median;
      const b = key ? two[key] : two.ms.median;
      const speedup = a && b ? a / b : null;
      checks.push({
        target: `threaded WASM ≥ 1.6× single-threaded (${label}, 10k particles)`,
        value: `${fmt(speedup)}× (${fmt(a)} vs ${fmt(b)} ms)`,
        pass: speedup === null ? null : speedup >= 1.6,
      });
    }
  }
  for (const r of rows) {
    checks.push({
      target: `DDPM-200 within 1.3× of its floor (${r.particles} particles, ${r.threads} thread(s))`,
      value: `${fmt(r.overFloor)}×`,
      pass: r.overFloor === null ? null : r.overFloor <= 1.3,
    });
  }
  checks.push({
    target: 'no main-thread long task > 50 ms during the DDPM-200 jobs',
    value: `${Math.max(...rows.map((r) => r.longTasksOver50))} in the worst row`,
    pass: rows.every((r) => r.longTasksOver50 === 0),
  });
  return checks;
}
