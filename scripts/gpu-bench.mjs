// node scripts/gpu-bench.mjs: the worker's bench job (src/worker/thread/jobs/bench.ts, the code
// `npm run bench` times in the browser) run in Node on tfjs's WebGPU backend through Dawn (the
// npm package `webgpu`, which provides navigator.gpu for Node) and on WASM, side by side, with
// the same rows as npm run bench's model table. Never part of the unit tests.
//   node scripts/gpu-bench.mjs [--backends=webgpu,wasm] [--repeats=3] [--steps=5] [--budget=30000]
// Where Dawn is missing or finds no adapter the script still runs: it says why and prints the
// rows it can (WASM). GPU_BENCH_WEBGPU=<folder of an installed `webgpu` package> uses a copy
// installed outside this project. A software adapter (SwiftShader, lavapipe, a fallback
// adapter) runs only the small sizes, as npm run bench does.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const config = {
  backends: arg('backends', 'webgpu,wasm').split(',').filter(Boolean),
  repeats: Number(arg('repeats', '3')),
  steps: Number(arg('steps', '5')),
  budgetMs: Number(arg('budget', '30000')),
  sampler: 'euler',
  dataset: 'swissroll',
};
const MLP_SIZES = [1_000, 10_000, 100_000];
const IMAGE_BATCHES = [1, 16, 64];
const IMAGE_MODELS = ['fashion', 'digits'];

/** Vulkan is what Dawn uses on Linux; without its loader there is no adapter at all. */
function vulkanNote() {
  if (process.platform !== 'linux') return '';
  let loader;
  try {
    loader = /libvulkan\.so\.1/.test(execSync('ldconfig -p', { encoding: 'utf8' }));
  } catch {
    // ldconfig missing: say nothing about the loader.
    return '';
  }
  if (!loader)
    return ' (Dawn uses Vulkan on Linux and libvulkan.so.1 is not installed: a GPU driver, or Mesa lavapipe for a software adapter, is needed)';
  const icds = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'].filter(existsSync);
  return icds.length
    ? ''
    : ' (libvulkan.so.1 is installed but no Vulkan driver (ICD) is: no GPU driver and no lavapipe)';
}

/** navigator.gpu from the `webgpu` package, or why there is none. */
async function findDawn() {
  const from = process.env.GPU_BENCH_WEBGPU;
  let mod;
  try {
    mod = from
      ? await import(pathToFileURL(join(resolve(from), 'index.js')).href)
      : await import('webgpu');
  } catch (e) {
    return {
      gpu: null,
      reason: `the npm package \`webgpu\` (Dawn for Node) is not installed (${e.code ?? e.message.split('\n')[0]}); install it with \`npm install --no-save webgpu\` or point GPU_BENCH_WEBGPU at an installed copy`,
    };
  }
  Object.assign(globalThis, mod.globals);
  const gpu = mod.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { gpu: null, reason: `Dawn found no WebGPU adapter${vulkanNote()}` };
  const info = adapter.info ?? {};
  const name =
    [info.description, info.vendor, info.architecture].filter(Boolean).join(' ') ||
    'unknown adapter';
  const software =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    /swiftshader|llvmpipe|lavapipe/i.test(name);
  return { gpu, adapter: `${name}${software ? ' (software)' : ''}`, software };
}

/** fetch for the models folder on disk (Node's fetch has no file: URLs). */
function fileFetch() {
  const web = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const u = String(url);
    if (!u.startsWith('file:')) return web(url, init);
    const path = fileURLToPath(u);
    if (!existsSync(path)) return new Response('not found', { status: 404 });
    const type = path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(readFileSync(path), { status: 200, headers: { 'content-type': type } });
  };
}

function jobsFor(small) {
  const common = {
    kind: 'bench',
    sampler: config.sampler,
    steps: config.steps,
    repeats: config.repeats,
    budgetMs: config.budgetMs,
  };
  const images = IMAGE_MODELS.filter((id) => existsSync(`${ROOT}/public/models/${id}/model.json`));
  return [
    {
      ...common,
      model: 'mlp2d',
      dataset: config.dataset,
      sizes: small ? MLP_SIZES.slice(0, 2) : MLP_SIZES,
    },
    ...images.map((id) => ({
      ...common,
      model: 'unet',
      dataset: id,
      sizes: small ? IMAGE_BATCHES.slice(0, 1) : IMAGE_BATCHES,
    })),
  ];
}

const NaNtoNull = (v) => (Number.isFinite(v) ? v : null);
function withRatios(row) {
  const r = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, NaNtoNull(v)]));
  const bare = r.nfe && r.evalMedian ? r.nfe * r.evalMedian : null;
  return {
    ...r,
    shipped: row.shipped === 1,
    overhead: bare && r.loopMedian ? r.loopMedian / bare : null,
    overheadBare: bare && r.loopBareMedian ? r.loopBareMedian / bare : null,
  };
}

const started = Date.now();
const log = (m) =>
  console.log(`[gpu-bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

const dawn = config.backends.includes('webgpu') ? await findDawn() : null;
if (dawn) log(dawn.gpu ? `WebGPU adapter: ${dawn.adapter}` : `no WebGPU adapter: ${dawn.reason}`);
if (dawn?.gpu) Object.defineProperty(globalThis.navigator, 'gpu', { value: dawn.gpu });

// The worker's own modules (TypeScript) through tsx; tfjs backends registered as the worker does.
const { register } = await import('tsx/esm/api');
register();
const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
const wasm = await import('@tensorflow/tfjs-backend-wasm');
const require = createRequire(import.meta.url);
wasm.setWasmPaths(
  `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`,
);
if (dawn?.gpu) await import('@tensorflow/tfjs-backend-webgpu');
const { runBench } = await import('../src/worker/thread/jobs/bench.ts');
const { sameEngine } = await import('./gpu-bench/engine.ts');
fileFetch();
const modelsUrl = pathToFileURL(`${ROOT}/public/models/`).href;

const results = { backends: {} };
for (const id of config.backends) {
  if (id === 'webgpu' && !dawn.gpu) {
    results.backends[id] = { available: false, reason: dawn.reason };
    continue;
  }
  try {
    if (!(await tf.setBackend(id))) throw new Error(`the ${id} backend failed to initialise`);
    await tf.ready();
    // The worker's modules must see the backend set here (one tfjs-core instance).
    if (sameEngine() !== id)
      throw new Error(`the worker's modules run on ${sameEngine()}, not ${id}`);
  } catch (e) {
    results.backends[id] = { available: false, reason: e.message.split('\n')[0] };
    continue;
  }
  const software = id === 'webgpu' ? dawn.software : true;
  const adapter =
    id === 'webgpu'
      ? dawn.adapter
      : id === 'wasm'
        ? `SIMD · ${wasm.getThreadsCount()} thread(s) (Node)`
        : 'JavaScript';
  const r = { available: true, adapter, software, models: [] };
  for (const job of jobsFor(id === 'webgpu' && software)) {
    const t0 = Date.now();
    const ctx = {
      runId: 0,
      modelsUrl,
      isCancelled: () => false,
      emit: () => {},
      progress: () => {},
    };
    try {
      const rows = await runBench(job, ctx);
      r.models.push({ model: job.model, dataset: job.dataset, rows: rows.map(withRatios) });
    } catch (e) {
      r.models.push({ model: job.model, dataset: job.dataset, error: e.message.split('\n')[0] });
    }
    log(`${id} ${job.model} ${job.dataset}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  results.backends[id] = r;
}

const fmt = (v, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));
const stat = (row, k, d = 1) =>
  row[`${k}Median`] === null
    ? '—'
    : `${fmt(row[`${k}Median`], d)} (${fmt(row[`${k}Min`], d)}–${fmt(row[`${k}Max`], d)})`;
const lines = [
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}. ` +
    `Sampler ${config.sampler}, ${config.steps} steps, ${config.repeats} repeats, budget ${config.budgetMs} ms per size.`,
  '',
  '| backend | adapter | model | size | eval ms | loop ms (app, read-back each step) | overhead | loop ms (no read-back) | overhead | paired overhead |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [id, r] of Object.entries(results.backends)) {
  if (!r.available) {
    lines.push(`| ${id} | — | — | — | unavailable: ${r.reason} | | | | | |`);
    continue;
  }
  for (const m of r.models) {
    const name =
      m.model === 'mlp2d'
        ? `MLP ${m.dataset}${m.rows?.[0]?.shipped === false ? ' (random weights)' : ''}`
        : `UNet ${m.dataset}`;
    if (m.error) {
      lines.push(`| ${id} | ${r.adapter} | ${name} | — | error: ${m.error} | | | | | |`);
      continue;
    }
    for (const row of m.rows) {
      const ev = row.evalMedian === null ? 'skipped (over the time budget)' : stat(row, 'eval', 2);
      lines.push(
        `| ${id} | ${r.adapter} | ${name} | ${row.size.toLocaleString('en')} | ${ev} | ${stat(row, 'loop')} | ${fmt(row.overhead)} | ${stat(row, 'loopBare')} | ${fmt(row.overheadBare)} | ${fmt(row.overheadPaired)} |`,
      );
    }
  }
}
console.log(`\n${lines.join('\n')}`);
// Dawn's instance keeps the event loop alive.
process.exit(0);
