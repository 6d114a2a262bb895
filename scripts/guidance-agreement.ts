/**
 * Class agreement against the guidance scale, for classifier guidance (the noise-conditional
 * classifier) and for classifier-free guidance, on one image model: the grid job of the image
 * view (class i mod 10 in cell i, the same seed and so the same x_T for every scale), scored by
 * the bundled noise-free classifier. Runs the worker's job on tfjs-wasm in Node and prints a
 * Markdown table (docs/GUIDANCE.md).
 *
 *   node --import tsx/esm --import ./bin/register-tfjs-esm.mjs scripts/guidance-agreement.ts \
 *     [model] [images] [steps] [scales, comma-separated]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../src/cli/networks.ts';
import type { ImageFrame, ImageGuide } from '../src/worker/protocol/index.ts';
import { runImageGrid } from '../src/worker/thread/jobs/imagesSample.ts';

const [model = 'digits', images = '100', steps = '50', scaleList = '0,1,2,4,8'] =
  process.argv.slice(2);
const scales = scaleList.split(',').map(Number);
const GRID = 50;
const modelsUrl = fileURLToPath(new URL('../public/models/', import.meta.url));
globalThis.fetch = (async (url: string) =>
  existsSync(String(url))
    ? new Response(readFileSync(String(url)))
    : new Response(null, { status: 404 })) as typeof fetch;

await useBackend('wasm');

/** Share of the samples the noise-free classifier puts in their requested class, and seconds. */
async function agreement(guide: ImageGuide, guidance: number): Promise<[number, number]> {
  let agreeing = 0;
  const start = performance.now();
  // Grids of at most 50 cells (5 per class), seeds 1, 2, …
  for (let seed = 1, left = Number(images); left > 0; seed++, left -= GRID) {
    agreeing += await gridAgreement(guide, guidance, seed, Math.min(GRID, left));
  }
  return [agreeing / Number(images), (performance.now() - start) / 1000];
}

async function gridAgreement(guide: ImageGuide, guidance: number, seed: number, count: number) {
  let agreeing: number | null = null;
  await runImageGrid(
    {
      kind: 'image-grid',
      model,
      sampler: 'ddim',
      samplerParams: {},
      steps: Number(steps),
      spacing: 'trailing',
      shift: 1,
      seed,
      guide,
      guidance,
      clipX0: true,
      classChoice: 'all',
      count,
      quality: true,
    },
    {
      runId: 1,
      modelsUrl,
      isCancelled: () => false,
      emit: (_step: number, _total: number, frame: ImageFrame) => {
        if (frame.kind === 'quality') agreeing = frame.agreeing;
      },
      progress: () => {},
    },
  );
  if (agreeing === null) throw new Error('no quality frame: does the model ship a classifier?');
  return agreeing;
}

console.log(
  `${model}: ${images} samples (class i mod 10), DDIM ${steps} steps (trailing), x̂0 clipped, grids of ${GRID} from seeds 1, 2, …, tfjs-wasm (Node)\n`,
);
console.log('| w | classifier guidance | CFG |');
console.log('| --- | --- | --- |');
for (const w of scales) {
  const [cls, clsS] = await agreement('classifier', w);
  // At w = 0 both are the unconditional model: run it once.
  const [cfg, cfgS] = w === 0 ? [cls, 0] : await agreement('cfg', w);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  console.log(`| ${w} | ${pct(cls)} | ${pct(cfg)} |`);
  console.error(`w = ${w}: ${clsS.toFixed(0)} s (classifier), ${cfgS.toFixed(0)} s (CFG)`);
}
