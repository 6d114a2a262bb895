// Measures a VDM run on one data set (the train view's tmode=vdm, on tfjs's CPU backend): at
// each checkpoint, the bound and the variance of its per-example estimate under the learned
// schedule and under linear γ between the same endpoints (2,048 probe examples, the same draws
// for both), the learned endpoints, and the sliced W1 to the data of 1,000 DDIM samples drawn
// on each schedule's uniform-t grid with the same network. Prints a markdown table
// (docs/LEARNED-SCHEDULE.md). Run:
// node --import tsx/esm --import ./bin/register-tfjs-esm.mjs scripts/vdm-schedule.ts [dataset] [steps]
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { EXACT_SEED } from '../src/core/data/exact';
import { getDataset } from '../src/core/data';
import { slicedWasserstein1 } from '../src/core/metrics/wasserstein';
import { linearGamma } from '../src/core/vdm/gamma';
import { kSigmaOfGamma } from '../src/core/vdm/loss';
import { float64Denoiser } from '../src/models/train2d/distillRun';
import { DEFAULT_VDM_SETTINGS } from '../src/models/train2d/vdmSettings';
import { VdmTrainer } from '../src/models/train2d/vdmTrainer';
import { sampleWith } from '../src/worker/thread/jobs/trainDistill';

const [dataset = 'gaussians8', stepsText = '1000'] = process.argv.slice(2);
const steps = Number(stepsText);
const SAMPLE_STEPS = 20;
const config = { hidden: 64, layers: 2, batch: 256, seed: 0 };
const settings = { ...DEFAULT_VDM_SETTINGS, width: 16 };

await tf.setBackend('cpu');
const points = getDataset(dataset).sample(8000, EXACT_SEED);
const trainer = new VdmTrainer(points, config, settings);
const reference = getDataset(dataset).sample(2000, 12345);

function sw1(sigmas: number[]): number {
  const x = sampleWith(float64Denoiser(trainer.denoiser()), 'ddim', sigmas, 1000, 1);
  return slicedWasserstein1(x, reference, { projections: 128, seed: 1 });
}

console.log(
  `${dataset}, ε-MLP ${config.hidden}×${config.layers}, batch ${config.batch}, γ network K = ${settings.width}, ` +
    `γ learning rate ${settings.gammaLearningRate}, start γ₀ = ${settings.gamma0}, γ₁ = ${settings.gamma1}\n`,
);
console.log(
  '| step | γ₀ | γ₁ | bound, learned | bound, linear | variance, learned | variance, linear | ratio | SW1 DDIM-20, learned | SW1 DDIM-20, linear |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const checkpoints = [0, steps / 10, steps / 4, steps / 2, steps].map(Math.round);
const t0 = performance.now();
for (const at of checkpoints) {
  if (at > trainer.stepsDone) await trainer.step(at - trainer.stepsDone);
  const e = await trainer.estimates(2048);
  const g = trainer.gamma();
  const lin = linearGamma(g.gamma0, g.gamma1);
  const linearSigmas = [
    ...Array.from({ length: SAMPLE_STEPS + 1 }, (_, i) =>
      kSigmaOfGamma(lin.gamma(1 - i / SAMPLE_STEPS)),
    ),
    0,
  ];
  const f = (v: number, d = 3) => v.toFixed(d);
  console.log(
    `| ${at} | ${f(g.gamma0, 2)} | ${f(g.gamma1, 2)} | ${f(e.learned.bound)} | ${f(e.linear.bound)} | ` +
      `${f(e.learned.variance, 1)} | ${f(e.linear.variance, 1)} | ${f(e.learned.variance / e.linear.variance, 2)} | ` +
      `${f(sw1(trainer.samplingSigmas(SAMPLE_STEPS)))} | ${f(sw1(linearSigmas))} |`,
  );
}
console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
trainer.dispose();
