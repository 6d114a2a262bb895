/**
 * Measures Improved DDPM's learned variance (docs/LEARNED-VARIANCE.md) with the train view's
 * own code on tfjs-wasm in Node: the hybrid objective (models/train2d/hybrid.ts) trains the 2D
 * MLP, then
 *  1. on Gaussian data N(0.5, 0.3²) per dimension: the learned v (mean over 1,000 noised
 *     points) against the closed-form optimum at a few t of the full chain;
 *  2. on a data set: the variational bound in nats per point on 1,000 training points with the
 *     learned Σ_θ, β_t and β̃_t, on chains of K trailing-spaced steps.
 * Prints Markdown tables.
 *
 *   node --import tsx/esm --import ./bin/register-tfjs-esm.mjs scripts/learned-variance.ts \
 *     [dataset] [steps] [lambda]
 */
import { useBackend } from '../src/cli/networks.ts';
import { sampleDataset } from '../src/core/data/index.ts';
import { chainStep, reverseChain } from '../src/core/learnedVariance/chain.ts';
import { gaussianReverse } from '../src/core/learnedVariance/gaussianData.testkit.ts';
import { variationalBound } from '../src/core/learnedVariance/reverse.ts';
import { vOfOutput, vOfVariance } from '../src/core/learnedVariance/variance.ts';
import { normals } from '../src/core/rng.ts';
import { HybridObjective } from '../src/models/train2d/hybrid.ts';
import { Trainer } from '../src/models/train2d/trainer.ts';

const [dataset = 'gaussians8', stepsText = '4000', lambdaText = '0.001'] = process.argv.slice(2);
const steps = Number(stepsText);
const lambda = Number(lambdaText);
const CONFIG = { hidden: 64, layers: 3, batch: 256, emaDecay: 0.995, seed: 0 };
await useBackend('wasm');

async function train(points: Float64Array) {
  const trainer = new Trainer(points, { config: CONFIG, learnedVariance: true });
  const hybrid = new HybridObjective(trainer, { lambda, sampleSteps: 50 });
  const t0 = performance.now();
  for (let done = 0; done < steps; done += 200) await trainer.step(Math.min(200, steps - done));
  const seconds = (performance.now() - t0) / 1000;
  return { trainer, hybrid, seconds };
}

// 1. Gaussian data: learned v against the closed form.
const [m, s] = [0.5, 0.3];
const gauss = await train(normals(41, 0, 20_000).map((z) => m + s * z));
const full = reverseChain(gauss.trainer.schedule, 1000);
const model = gauss.hybrid.model();
const probe = normals(42, 0, 2000).map((z) => m + s * z);
console.log(
  `Gaussian data N(${m}, ${s}²), λ = ${lambda}, ${steps} steps (${gauss.seconds.toFixed(0)} s)\n`,
);
console.log('| t | learned v | closed-form v | learned Σ_θ / closed-form Σ |');
console.log('| -: | -: | -: | -: |');
for (const i of [1, 2, 5, 10, 20, 50, 100]) {
  const step = chainStep(full, i);
  const z = normals(43, i, probe.length);
  const xt = probe.map(
    (x, j) => Math.sqrt(step.alphaBar) * x + Math.sqrt(1 - step.alphaBar) * z[j],
  );
  const out = model(xt, full.netTime[i - 1]).varianceOutput;
  const v = out.reduce((a, o) => a + vOfOutput(o), 0) / out.length;
  const closed = gaussianReverse(step, m, s).variance;
  const learnedVar = Math.exp(v * Math.log(step.beta) + (1 - v) * Math.log(step.betaTildeClipped));
  console.log(
    `| ${i} | ${v.toFixed(3)} | ${vOfVariance(step, closed).toFixed(3)} | ${(learnedVar / closed).toFixed(3)} |`,
  );
}
gauss.trainer.dispose();

// 2. A data set: the bound with each variance at K steps.
const data = await train(sampleDataset(dataset, 20_000, 0));
const points = sampleDataset(dataset, 1000, 99);
console.log(
  `\n${dataset}, λ = ${lambda}, ${steps} steps (${data.seconds.toFixed(0)} s); nats per point\n`,
);
console.log('| K steps | learned Σ_θ | fixed β_t | fixed β̃_t |');
console.log('| -: | -: | -: | -: |');
for (const K of [10, 25, 100, 1000]) {
  const b = variationalBound(
    data.hybrid.model(),
    reverseChain(data.trainer.schedule, K),
    points,
    7,
  );
  console.log(
    `| ${K} | ${b.learned.toFixed(3)} | ${b.beta.toFixed(3)} | ${b.betaTilde.toFixed(3)} |`,
  );
}
data.trainer.dispose();
