import { chainStep, reverseChain } from '../../../core/learnedVariance/chain';
import { ancestralSample, variationalBound } from '../../../core/learnedVariance/reverse';
import {
  logVariance,
  VARIANCE_CHOICES,
  vOfOutput,
  type VarianceChoice,
} from '../../../core/learnedVariance/variance';
import { normals } from '../../../core/rng';
import type { HybridObjective } from '../../../models/train2d/hybrid';
import type { HybridReport } from '../../../models/train2d/hybridSettings';
import type { Trainer } from '../../../models/train2d/trainer';

/** Probe points (training points, evenly picked) of the variance curve and the bound. */
const PROBE_POINTS = 256;
/** Particles of each variance choice's samples. */
const SAMPLE_PARTICLES = 500;
/** Times of the variance curve: geometric over 1..T (the variances differ most at small t). */
const CURVE_TIMES = 40;
/** Noise stream of the curve's x_t, apart from the sampler's and the bound's. */
const CURVE_STREAM = 0x1de0_0000;

function probePoints(points: Float64Array): Float64Array {
  const count = points.length / 2;
  const n = Math.min(count, PROBE_POINTS);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const j = Math.floor((i * count) / n);
    out.set(points.subarray(2 * j, 2 * j + 2), 2 * i);
  }
  return out;
}

/** Paper steps 1..T at which the curve is drawn: geometric, without repeats. */
function curveSteps(T: number): number[] {
  const steps = Array.from({ length: CURVE_TIMES }, (_, k) =>
    Math.round(T ** (k / (CURVE_TIMES - 1))),
  );
  return [...new Set(steps)];
}

/**
 * The learned variance of the EMA network: Σ_θ(t) on the full chain as the mean over the probe
 * set (noised to x_t ~ q(x_t | x0), both dimensions) beside β_t and β̃_t; samples of the
 * `sampleSteps`-step chain with each variance choice (same x_K and noise); and the bound on
 * that chain for each choice.
 */
export function hybridReport(trainer: Trainer, hybrid: HybridObjective): HybridReport {
  const model = hybrid.model();
  const seed = trainer.config.seed;
  const probe = probePoints(trainer.points);
  const full = reverseChain(trainer.schedule, trainer.schedule.numTrainTimesteps);
  const steps = curveSteps(full.alphaBar.length);
  const learned: number[] = [];
  for (const i of steps) {
    const step = chainStep(full, i);
    const eps = normals(seed, CURVE_STREAM + i, probe.length);
    const [a, b] = [Math.sqrt(step.alphaBar), Math.sqrt(1 - step.alphaBar)];
    const { varianceOutput } = model(
      probe.map((x, j) => a * x + b * eps[j]),
      full.netTime[i - 1],
    );
    let sum = 0;
    for (const o of varianceOutput) sum += Math.exp(logVariance(step, 'learned', vOfOutput(o)));
    learned.push(sum / varianceOutput.length);
  }
  const chain = reverseChain(trainer.schedule, hybrid.settings.sampleSteps);
  const samples = Object.fromEntries(
    VARIANCE_CHOICES.map((choice) => [
      choice,
      Float32Array.from(ancestralSample(model, chain, choice, SAMPLE_PARTICLES, seed)),
    ]),
  ) as Record<VarianceChoice, Float32Array>;
  return {
    sampleSteps: hybrid.settings.sampleSteps,
    times: steps.map((i) => full.netTime[i - 1]),
    learned,
    beta: steps.map((i) => chainStep(full, i).beta),
    betaTilde: steps.map((i) => chainStep(full, i).betaTildeClipped),
    bound: variationalBound(model, chain, probe, seed),
    samples,
  };
}
