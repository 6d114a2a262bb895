/**
 * PSNR of each restoration solver on the shipped test images: every
 * test image measured once (the same seed), one restoration per image, through the worker's
 * image-restore job on tfjs-wasm in Node. Prints a Markdown table (mean PSNR ± its standard
 * error, mean residual, NFE per image, wall time per image).
 *
 *   npx tsx scripts/restore-psnr.ts [model] [images] [steps]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../src/cli/networks.ts';
import { OPERATORS } from '../src/core/restore/operators.ts';
import { SOLVER_IDS, solverApplies } from '../src/core/restore/registry.ts';
import { RESTORE_DEFAULTS } from '../src/core/restore/solver.ts';
import { runImageRestore } from '../src/worker/thread/jobs/imagesRestore.ts';

const [model = 'digits', images = '16', steps = '25'] = process.argv.slice(2);
const modelsUrl = fileURLToPath(new URL('../public/models/', import.meta.url));
globalThis.fetch = (async (url: string) =>
  existsSync(String(url))
    ? new Response(readFileSync(String(url)))
    : new Response(null, { status: 404 })) as typeof fetch;

await useBackend('wasm');
const ctx = {
  runId: 1,
  modelsUrl,
  isCancelled: () => false,
  emit: () => {},
  progress: () => {},
};
console.log(
  `${model}, ${images} test images, ${steps} steps, σ_y = 0.05, seed 1, tfjs-wasm (Node)\n`,
);
console.log('| measurement | solver | PSNR (dB) | A⁺y PSNR | ‖A(x̂) − y‖ | NFE | s / image |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const op of ['sr4', 'blur'] as const) {
  for (const solver of SOLVER_IDS.filter((s) => solverApplies(s, op) && OPERATORS.includes(op))) {
    const psnr: number[] = [];
    const base: number[] = [];
    const resid: number[] = [];
    let nfe = 0;
    let ms = 0;
    for (let image = 0; image < Number(images); image++) {
      const r = await runImageRestore(
        {
          kind: 'image-restore',
          model,
          image,
          operator: { id: op, blurSigma: 1.5, keep: 0.3 },
          sigmaY: 0.05,
          solver,
          params: RESTORE_DEFAULTS,
          steps: Number(steps),
          count: 1,
          seed: 1,
          spacing: 'trailing',
          shift: 1,
          jumpLength: 5,
          resamples: 5,
          clipX0: true,
        },
        ctx,
      );
      if (!r) throw new Error('cancelled');
      psnr.push(r.meanPsnr);
      base.push(r.pseudoInversePsnr);
      resid.push(r.meanResidual);
      nfe = r.nfe;
      ms += r.ms;
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const se = (a: number[]) =>
      Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / (a.length - 1) / a.length);
    console.log(
      `| ${op} | ${solver} | ${mean(psnr).toFixed(2)} ± ${se(psnr).toFixed(2)} | ${mean(base).toFixed(2)} | ${mean(resid).toFixed(3)} | ${nfe} | ${(ms / 1000 / psnr.length).toFixed(2)} |`,
    );
  }
}
