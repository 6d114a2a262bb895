// Phases (a) and (b): per backend, bare model evaluations and full sampler loops, timed in the
// app's worker by the bench job (src/worker/thread/jobs/bench.ts) through the ?bench page hook.
import { existsSync } from 'node:fs';
import { DIST, readyBackend } from './browser.mjs';

export const MLP_SIZES = [1_000, 10_000, 100_000];
export const IMAGE_BATCHES = [1, 16, 64];
const IMAGE_MODELS = ['fashion', 'digits'];

/** Image models present in the build (public/models/<id>/model.json). */
export function shippedImageModels() {
  return IMAGE_MODELS.filter((id) => existsSync(`${DIST}/models/${id}/model.json`));
}

/**
 * The jobs for one backend. A software WebGPU adapter (SwiftShader) is about 100× slower than
 * wasm here and its GPU process has crashed on the image models, so it runs the MLP at 1k and
 * 10k particles and the image models at batch 1 only.
 */
export function jobsFor(software, gpu, config) {
  const small = software && gpu;
  const common = {
    kind: 'bench',
    sampler: config.sampler,
    steps: config.steps,
    repeats: config.repeats,
  };
  return [
    {
      ...common,
      model: 'mlp2d',
      dataset: config.dataset,
      sizes: small ? MLP_SIZES.slice(0, 2) : MLP_SIZES,
      budgetMs: config.budgetMs,
    },
    ...shippedImageModels().map((id) => ({
      ...common,
      model: 'unet',
      dataset: id,
      sizes: small ? IMAGE_BATCHES.slice(0, 1) : IMAGE_BATCHES,
      budgetMs: config.budgetMs,
    })),
  ];
}

async function runJob(page, job, timeout) {
  await page.getByTestId('bench-job').fill(JSON.stringify(job));
  await page.getByTestId('bench-run').click();
  const out = page.getByTestId('bench-results');
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="bench-results"]')?.getAttribute('data-state');
      return s === 'done' || s === 'error';
    },
    null,
    { timeout, polling: 500 },
  );
  const state = await out.getAttribute('data-state');
  const text = (await out.getAttribute('data-results')) ?? '';
  if (state === 'error') throw new Error(text);
  return JSON.parse(text);
}

/** Loop overhead: the loop's time over NFE × one bare evaluation (1 = no overhead). */
function withRatios(row) {
  const bare = row.nfe && row.evalMedian ? row.nfe * row.evalMedian : null;
  return {
    ...row,
    shipped: row.shipped === 1,
    overhead: bare && row.loopMedian ? row.loopMedian / bare : null,
    overheadBare: bare && row.loopBareMedian ? row.loopBareMedian / bare : null,
    // The fastest runs, less disturbed by other processes on a shared machine.
    overheadBareMin:
      row.nfe && row.evalMin && row.loopBareMin ? row.loopBareMin / (row.nfe * row.evalMin) : null,
    // Each loop over the evaluations timed just before it (median over repeats): the figure
    // least moved by a load that changes during the run.
    overheadPaired: Number.isFinite(row.overheadPaired) ? row.overheadPaired : null,
  };
}

const IS_GPU = { webgpu: true, webgl: true, wasm: false, cpu: false };

/** Opens the app on one forced backend and runs every job there. */
export async function benchBackend(browser, baseUrl, id, config, log) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The forward view's job is cheap, so the worker is free for the bench job.
  await page.goto(`${baseUrl}?bench#backend=${id}&view=forward`);
  const active = await readyBackend(page);
  if (active.id !== id) {
    await context.close();
    return { available: false, reason: active.notice || `fell back to ${active.id}` };
  }
  const software = /software/i.test(active.label) || !IS_GPU[id];
  const result = { available: true, adapter: active.label, software, models: [] };
  for (const job of jobsFor(software, IS_GPU[id], config)) {
    const t0 = Date.now();
    try {
      const rows = await runJob(page, job, config.jobTimeoutMs);
      result.models.push({
        model: job.model,
        dataset: job.dataset,
        sizes: job.sizes,
        rows: rows.map(withRatios),
      });
    } catch (e) {
      result.models.push({
        model: job.model,
        dataset: job.dataset,
        sizes: job.sizes,
        error: e.message,
      });
    }
    log(`  ${id} ${job.model} ${job.dataset}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  await context.close();
  return result;
}
