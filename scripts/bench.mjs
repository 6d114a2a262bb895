// npm run bench: builds the app, drives it in headless Chromium (the system Chromium, WebGPU on)
// and writes bench/results.json and bench/results.md. Never part of the unit tests.
//   node scripts/bench.mjs [--backends=wasm,cpu,webgl,webgpu] [--repeats=3] [--port=4319] [--no-build]
//   [--budget=30000] (ms: a size whose estimated cost exceeds it is skipped)
// --backends= (empty) reruns only the main-thread phases and keeps the previous results.json's
// per-backend figures (results.backendsFrom says from when).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { buildApp, launchBrowser, serve } from './bench/browser.mjs';
import { benchColdStart, mainThreadJs } from './bench/coldStart.mjs';
import { benchPlayback, benchSlider } from './bench/mainThread.mjs';
import { benchBackend } from './bench/models.mjs';
import { benchImageGrid } from './bench/images.mjs';
import { checkTargets, markdown } from './bench/report.mjs';
import { benchPeerJob } from './bench/peerJob.mjs';
import { benchDiscrete, benchDiscreteView } from './bench/discrete.mjs';
import { benchLatentView } from './bench/latent.mjs';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const config = {
  backends: arg('backends', 'wasm,cpu,webgl,webgpu').split(',').filter(Boolean),
  repeats: Number(arg('repeats', '3')),
  sampler: 'euler',
  steps: 5,
  dataset: 'swissroll',
  /** A size whose estimated cost exceeds this is skipped (see src/worker/protocol/bench.ts). */
  budgetMs: Number(arg('budget', '30000')),
  jobTimeoutMs: 300_000,
  particles: 10_000,
  playbackSteps: 50,
  /** Steps of the image view's 64-image grid per backend (phase f). */
  imageGridSteps: 4,
};
const started = Date.now();
const log = (m) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

if (!process.argv.includes('--no-build')) {
  log('building the app');
  buildApp();
}
const server = await serve(Number(arg('port', '4319')));
const { browser, version } = await launchBrowser();
/** A browser of its own for each backend: a crashed GPU process cannot affect the others. */
async function onFreshBrowser(fn) {
  const own = await launchBrowser();
  try {
    return await fn(own.browser);
  } finally {
    await own.browser.close();
  }
}
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    loadavg: os.loadavg()[0].toFixed(1),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  },
  browser: version,
  config,
  backends: {},
};

try {
  if (config.backends.length === 0 && existsSync('bench/results.json')) {
    const previous = JSON.parse(readFileSync('bench/results.json', 'utf8'));
    results.backends = previous.backends;
    results.imageGrid = previous.imageGrid;
    results.discrete = previous.discrete;
    results.backendsFrom = previous.backendsFrom ?? previous.date;
  }
  for (const id of config.backends) {
    log(`(a, b) model evaluation and loops on ${id}`);
    results.backends[id] = await onFreshBrowser((b) =>
      benchBackend(b, server.url, id, config, log),
    );
  }
  for (const id of config.backends) {
    log(`(f) 64-image grid on ${id}`);
    results.imageGrid ??= [];
    results.imageGrid.push(
      await benchImageGrid(server.url, id, {
        steps: config.imageGridSteps,
        timeoutMs: config.jobTimeoutMs,
      }),
    );
  }
  for (const id of config.backends) {
    log(`(h) discrete sampling (64 names, 32 steps) on ${id}`);
    results.discrete ??= [];
    results.discrete.push(await benchDiscrete(server.url, id, { repeats: config.repeats }));
  }
  if (config.backends.includes('wasm')) {
    log('(h) the discrete view sampling and drawing 64 names on wasm');
    results.discreteView = await benchDiscreteView(server.url, { repeats: config.repeats });
    log('(i) the latent view: 10,000 particles with the decoded map on wasm, run and playback');
    results.latentView = await benchLatentView(server.url, { repeats: 3 });
  }
  log('(g) the peer job: DDPM-200 on one and two WASM threads');
  results.peerJob = await benchPeerJob(browser, server.url, config.repeats, log);
  const context = await browser.newContext();
  log('(c) playback');
  const play = {
    particles: config.particles,
    steps: config.playbackSteps,
    repeats: config.repeats,
  };
  results.playback = await benchPlayback(context, server.url, play);
  results.auto = { backend: results.playback.backend, notice: results.playback.backendNotice };
  log('(d) slider → first frame');
  results.slider = [];
  for (const model of ['exact', 'mlp']) {
    const slider = { particles: config.particles, steps: 20, model, repeats: 5 };
    results.slider.push(await benchSlider(context, server.url, slider));
  }
  await context.close();
  log('(e) cold start');
  results.coldStart = [
    await benchColdStart(browser, server.url, '', 3),
    await benchColdStart(browser, server.url, '#model=mlp', 3),
  ];
  results.mainThreadJs = mainThreadJs();
  results.targets = checkTargets(results);
} finally {
  await browser.close();
  server.stop();
}

results.wallSeconds = Math.round((Date.now() - started) / 1000);
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/results.md', `${markdown(results)}\n`);
execSync('node node_modules/prettier/bin/prettier.cjs --log-level warn --write bench/results.*');
log('wrote bench/results.json and bench/results.md');
console.log(`\n${markdown(results)}`);
const missed = results.targets.filter((t) => t.pass === false).length;
if (missed) console.log(`${missed} target(s) missed (reported, not asserted).`);
