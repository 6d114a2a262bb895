import type { Denoiser } from '../samplers/types';
import type { DiscreteVPSchedule } from '../schedules/discreteVP';
import {
  dequantise,
  dequantisedBpd,
  discreteBpd,
  meanInterval,
  type MeanInterval,
} from './bitsPerDim';
import { ddpmElbo } from './elbo';
import { heunLogDensity, type DivergenceField } from './heunLikelihood';

export interface ImageBpdOptions {
  /** The model's discrete VP chain: σ_min = σ(t = 1), σ_max = σ(T), and the bound's terms. */
  schedule: DiscreteVPSchedule;
  /** Pixels per image. */
  dim: number;
  /** Heun steps of the probability-flow ODE. */
  steps: number;
  seed: number;
  /** Monte Carlo draws of x_t per image and term of the bound. */
  elboSamples: number;
  /** Evaluated terms L_{t−1} of the bound (stratified in t; T − 1 for all). */
  elboTerms: number;
}

export interface ImageBpdProgress {
  phase: 'ode' | 'elbo';
  fraction: number;
}

export interface ImageBpd {
  /** Per image, bits per dimension of the PF-ODE density on the dequantised image. */
  ode: Float64Array;
  odeMean: MeanInterval;
  /** Per image, the DDPM bound on −log P(v) of the 8-bit image, in bits per dimension. */
  elbo: Float64Array;
  elboMean: MeanInterval;
  /** The bound's terms in bits per dimension, means over the images. */
  terms: {
    lT: number;
    l0: number;
    sum: number;
    lt: Float64Array;
    at: Int32Array;
    weight: Int32Array;
  };
  /** Model evaluations (each with a backward pass) of the ODE, per batch. */
  odeNfe: number;
  sigmaMin: number;
  sigmaMax: number;
}

/**
 * Bits per dimension of 8-bit test images (count × dim bytes) under an image diffusion model,
 * two ways (docs/LIKELIHOOD.md):
 *  - the probability-flow ODE's log-density (heunLogDensity, with the divergence `field`
 *    gives) of one uniform dequantisation of each image (bitsPerDim.ts; Song et al. 2021,
 *    Appendix D.2), an upper bound on −log₂P(v)/D in expectation over the dequantisation;
 *  - the DDPM variational bound on the discrete image (Ho et al. 2020, eq. 5 with the
 *    discretised decoder, eq. 13), with `denoise` the same model's denoiser.
 */
export function* imageBitsPerDim(
  field: DivergenceField,
  denoise: Denoiser<Float64Array>,
  bytes: Uint8Array,
  options: ImageBpdOptions,
): Generator<ImageBpdProgress, ImageBpd> {
  const { schedule, dim, steps, seed } = options;
  const sigmaMin = schedule.sigma(schedule.tMin);
  const sigmaMax = schedule.sigma(schedule.tMax);
  const logp = yield* mapProgress(
    heunLogDensity(field, dequantise(bytes, seed), { sigmaMin, sigmaMax, steps, dim }),
    (p) => ({ phase: 'ode', fraction: p.step / p.steps }),
  );
  const ode = logp.map((v) => dequantisedBpd(v, dim));
  yield { phase: 'elbo', fraction: 0 };
  const x0 = Float64Array.from(bytes, (v) => v / 127.5 - 1);
  const bound = ddpmElbo(denoise, x0, schedule, {
    samples: options.elboSamples,
    seed,
    dim,
    decoder: 'discretised',
    terms: options.elboTerms,
  });
  const bits = (nats: number) => discreteBpd(nats, dim);
  const elbo = bound.perPoint.map(bits);
  const lt = bound.lt.map(bits);
  return {
    ode,
    odeMean: meanInterval(ode),
    elbo,
    elboMean: meanInterval(elbo),
    terms: {
      lT: bits(bound.lT),
      l0: bits(bound.l0),
      sum: lt.reduce((s, v, i) => s + v * bound.ltWeight[i], 0),
      lt,
      at: bound.ltAt,
      weight: bound.ltWeight,
    },
    odeNfe: 2 * steps,
    sigmaMin,
    sigmaMax,
  };
}

function* mapProgress<P, Q, R>(run: Generator<P, R>, f: (p: P) => Q): Generator<Q, R> {
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
    yield f(next.value);
  }
}
