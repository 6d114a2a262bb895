// The speed targets (checked and reported, never asserted in unit tests) and the markdown table.
import { peerTable, peerTargets } from './peerJob.mjs';
import { imageGridTable } from './images.mjs';
import { discreteTable, discreteTargets, discreteViewLine } from './discrete.mjs';
import { latentTargets, latentViewLine } from './latent.mjs';

export const TARGETS = {
  loopOverhead: 1.2,
  autoVsFastest: 1.1,
  longTasksOver50: 0,
  mainJsGzipBytes: 250_000,
};

function rowsOf(results, model, size) {
  const out = [];
  for (const [backend, r] of Object.entries(results.backends)) {
    for (const m of r.models ?? []) {
      if (m.model !== model) continue;
      const row = m.rows?.find((x) => x.size === size);
      if (row) out.push({ backend, dataset: m.dataset, row });
    }
  }
  return out;
}

const fmt = (v, d = 2) =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d);

/** One entry per target: what was measured and whether it passed (null when it could not be measured). */
export function checkTargets(results) {
  const checks = [
    ...(results.peerJob ? peerTargets(results.peerJob) : []),
    ...(results.discrete ? discreteTargets(results.discrete, results.discreteView) : []),
    ...(results.latentView ? latentTargets(results.latentView) : []),
  ];
  for (const [model, size, label] of [
    ['mlp2d', 10_000, '10k particles'],
    ['unet', 16, '16-image batch'],
  ]) {
    for (const { backend, dataset, row } of rowsOf(results, model, size)) {
      const v = row.overheadPaired ?? row.overheadBare;
      checks.push({
        target: `loop overhead ≤ ${TARGETS.loopOverhead}× (${label}, ${model === 'unet' ? dataset : 'MLP'}, ${backend})`,
        value:
          v === null
            ? 'not measured'
            : `${fmt(v)}×${row.overheadPaired ? ' paired' : ''} (medians ${fmt(row.overheadBare)}×; fastest runs ${fmt(row.overheadBareMin)}×; with per-step read-back ${fmt(row.overhead)}×)`,
        pass: v === null ? null : v <= TARGETS.loopOverhead,
      });
    }
    const auto = results.auto?.backend;
    const cands = rowsOf(results, model, size).filter((c) => c.row.evalMedian !== null);
    const datasets = [...new Set(cands.map((c) => c.dataset))];
    for (const ds of datasets) {
      const same = cands.filter((c) => c.dataset === ds);
      const fastest = same.reduce((a, b) => (b.row.evalMedian < a.row.evalMedian ? b : a));
      const mine = same.find((c) => c.backend === auto);
      const ratio = mine ? mine.row.evalMedian / fastest.row.evalMedian : null;
      checks.push({
        target: `auto within ${TARGETS.autoVsFastest}× of the fastest (${label}, ${model === 'unet' ? ds : 'MLP'})`,
        value: mine
          ? `auto = ${auto}: ${fmt(ratio)}× of ${fastest.backend} (${fmt(mine.row.evalMedian)} vs ${fmt(fastest.row.evalMedian)} ms)`
          : `auto = ${auto ?? '?'}: not measured at this size`,
        pass: ratio === null ? null : ratio <= TARGETS.autoVsFastest,
      });
    }
  }
  const pb = results.playback;
  if (pb) {
    checks.push({
      target: `no main-thread long task > 50 ms during playback of ${pb.particles} particles`,
      value: `${pb.longTasksOver50.max} in the worst of ${pb.runs.length} playbacks (longest ${fmt(pb.longestTaskMs.max, 0)} ms)`,
      pass: pb.longTasksOver50.max <= TARGETS.longTasksOver50,
    });
  }
  const js = results.mainThreadJs;
  checks.push({
    target: `main-thread JavaScript ≤ ${TARGETS.mainJsGzipBytes / 1000} KB gzip (loaded at start)`,
    value: `${fmt(js.gzip / 1000, 1)} KB gzip (${fmt(js.raw / 1000, 1)} KB raw, ${js.files.length} files)${js.allGzip ? `; all main-thread chunks ${fmt(js.allGzip / 1000, 1)} KB gzip` : ''}`,
    pass: js.gzip <= TARGETS.mainJsGzipBytes,
  });
  return checks;
}

const mmm = (s, d = 1) =>
  s && s.median !== null && s.median !== undefined
    ? `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`
    : '—';
const rowStat = (row, key, d = 1) =>
  row[`${key}Median`] === null
    ? '—'
    : `${fmt(row[`${key}Median`], d)} (${fmt(row[`${key}Min`], d)}–${fmt(row[`${key}Max`], d)})`;

function modelTable(results) {
  const lines = [
    '| backend | model | size | eval ms | loop ms (app, read-back each step) | overhead | loop ms (no read-back) | overhead | paired overhead |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [backend, r] of Object.entries(results.backends)) {
    if (!r.available) {
      lines.push(`| ${backend} | — | — | unavailable: ${r.reason} | | | | | |`);
      continue;
    }
    for (const m of r.models) {
      const name =
        m.model === 'mlp2d'
          ? `MLP ${m.dataset}${m.rows?.[0]?.shipped === false ? ' (random weights)' : ''}`
          : `UNet ${m.dataset}`;
      if (m.error) {
        lines.push(
          `| ${backend} | ${name} | — | error: ${m.error.replace(/\|/g, '/')} | | | | | |`,
        );
        continue;
      }
      for (const row of m.rows) {
        const skipped =
          row.evalMedian === null ? 'skipped (over the time budget)' : rowStat(row, 'eval', 2);
        lines.push(
          `| ${backend} | ${name} | ${row.size.toLocaleString('en')} | ${skipped} | ${rowStat(row, 'loop')} | ${fmt(row.overhead)} | ${rowStat(row, 'loopBare')} | ${fmt(row.overheadBare)} | ${fmt(row.overheadPaired)} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

/** The markdown report: machine, per-backend table, main-thread figures and targets. */
export function markdown(results) {
  const c = results.config;
  const backends = Object.entries(results.backends)
    .map(([id, r]) => `${id}: ${r.available ? r.adapter : 'unavailable'}`)
    .join('; ');
  const pb = results.playback;
  const out = [
    `# Benchmark results (${results.date})`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, load average ${results.machine.loadavg} at start; ${results.machine.os}; Node ${results.machine.node}; Chromium ${results.browser}.`,
    `Backends: ${backends}. Auto chose **${results.auto?.backend ?? '?'}**${results.auto?.notice ? ` (${results.auto.notice})` : ''}.`,
    '',
    `Each figure: median (min–max) of ${c.repeats} timed runs after a warm-up. Eval: ms per denoiser call, ${c.steps} calls back to back at the loop's σ values. Loops: the app's loop (runToEndAsync) with sampler \`${c.sampler}\`, ${c.steps} steps (1 NFE per step), ${c.dataset} MLP and image models at guidance 1; overhead = loop / (NFE × eval), from the medians; paired overhead = median over repeats of each loop without read-back / (NFE × the evaluations timed just before it), the figure the targets check. A size whose estimated cost exceeds ${c.budgetMs / 1000} s is skipped (or only its loops are); a software WebGPU adapter runs only the MLP at 1k and 10k and the image models at batch 1. Playback and slider figures use the default scene (auto backend) with the score field and trails on.`,
    '',
    '## Model evaluation and sampler loop (per backend)',
    '',
    ...(results.backendsFrom ? [`Measured in the run of ${results.backendsFrom}.`, ''] : []),
    modelTable(results),
    '',
    ...(results.imageGrid
      ? [
          '## Image view: 64-image grid (per backend)',
          '',
          'The app itself (`view=images`, digits, every class, DDIM, guidance 2), wall time per step between frames on the page (read-back of all 64 x_t and x̂0 included), and main-thread long tasks while it samples.',
          '',
          imageGridTable(results.imageGrid),
          '',
        ]
      : []),
    ...(results.discrete
      ? [
          '## Discrete view: 64 names, 32 steps (per backend)',
          '',
          "The discrete-sample job in the app's worker through the ?bench hook (mdlm-ancestral with its cache, seeds 1..repeats after a warm-up run): the job's own loop time (loading excluded), the page's click → result time with every frame posted to it, and main-thread long tasks meanwhile.",
          '',
          discreteTable(results.discrete),
          '',
          ...(results.discreteView ? [discreteViewLine(results.discreteView), ''] : []),
        ]
      : []),
    ...(results.latentView
      ? [
          '## Latent view: 10,000 particles with the decoded map',
          '',
          latentViewLine(results.latentView),
          '',
        ]
      : []),
    ...(results.peerJob
      ? [
          "## The peer's job: DDPM-200 on the trained MLP (moons), WASM on one and two threads",
          '',
          'A seed change starts the run; once it is done the view jumps to the last step, and the time ends when that frame is painted. Floor: 200 × one bare evaluation at the same size, timed in the same page.',
          '',
          peerTable(results.peerJob),
          '',
        ]
      : []),
    '## Main thread',
    '',
    '| figure | median (min–max) |',
    '|---|---:|',
    ...(pb
      ? [
          `| long tasks > 50 ms during playback (${pb.particles.toLocaleString('en')} particles, ${pb.steps} frames, ${pb.backend}) | ${mmm(pb.longTasksOver50, 0)} |`,
          `| longest main-thread task during playback, ms | ${mmm(pb.longestTaskMs, 0)} |`,
          `| dropped frames during playback (of ${fmt(pb.frames.median, 0)} animation frames) | ${mmm(pb.droppedFrames, 0)} |`,
        ]
      : []),
    ...results.slider.map(
      (s) =>
        `| slider change → first new frame, ms (${s.model} model, ${s.particles.toLocaleString('en')} particles, ${s.backend}) | ${mmm(s.ms, 0)} |`,
    ),
    ...results.coldStart.flatMap((cs) => [
      `| cold start \`${cs.link}\`: first frame, ms | ${mmm(cs.firstFrameMs, 0)} |`,
      `| cold start \`${cs.link}\`: first complete sample, ms | ${mmm(cs.sampleMs, 0)} |`,
      `| cold start \`${cs.link}\`: bytes downloaded (${cs.requests} requests) | ${mmm({ median: cs.bytes.median / 1000, min: cs.bytes.min / 1000, max: cs.bytes.max / 1000 }, 0)} KB |`,
    ]),
    `| main-thread JavaScript loaded at start (default page), gzip | ${fmt(results.mainThreadJs.gzip / 1000, 1)} KB |`,
    ...(results.mainThreadJs.allGzip
      ? [
          `| main-thread JavaScript, all chunks (lazy views and KaTeX included), gzip | ${fmt(results.mainThreadJs.allGzip / 1000, 1)} KB |`,
        ]
      : []),
    `| worker JavaScript, gzip (not in the cold-start bytes above) | ${fmt(results.mainThreadJs.workerGzip / 1000, 1)} KB |`,
    '',
    '## Targets',
    '',
    '| target | measured | result |',
    '|---|---|---|',
    ...results.targets.map(
      (t) =>
        `| ${t.target} | ${t.value} | ${t.pass === null ? 'not measured' : t.pass ? 'pass' : '**miss**'} |`,
    ),
    '',
  ];
  return out.join('\n');
}
