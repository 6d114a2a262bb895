import type { ArrayOps } from '../ops';
import { noiseKey } from '../rng';
import { checkGrid } from '../samplers/common';
import { ddpmCoefficients } from '../samplers/ddpm';
import type { Denoiser } from '../samplers/types';

/**
 * RePaint inpainting (Lugmayr et al. 2022, CVPR, Algorithm 1 and §4.2 "resampling with jumps").
 * The unknown region is sampled by the reverse chain while the known region is replaced, at every
 * level, by the source image noised to that level; going back up ("resampling") lets the two
 * regions harmonise. States are indexed by grid position i = 0 (σ_max) … N (σ = 0).
 */
export type RepaintMove = { kind: 'reverse' | 'forward'; from: number; to: number };

/**
 * The walk over grid positions, as the reference code's get_schedule_jump (with
 * jump_n_sample = r and the other knobs at their defaults): time t = N − 1 − i counts down;
 * each t in {0, j, 2j, …} below N − j is a jump point where, on arrival, the walk goes back up
 * j positions, r − 1 times in all. r = 1 is the plain reverse chain.
 */
export function repaintSchedule(
  steps: number,
  jumpLength: number,
  resamples: number,
): RepaintMove[] {
  for (const [name, v] of [
    ['steps', steps],
    ['jump length', jumpLength],
    ['resampling count', resamples],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`RePaint: ${name} must be a positive integer, got ${v}`);
  }
  const jumpsLeft = new Map<number, number>();
  for (let t = 0; t < steps - jumpLength; t += jumpLength) jumpsLeft.set(t, resamples - 1);
  const moves: RepaintMove[] = [];
  let i = 0;
  while (i < steps) {
    moves.push({ kind: 'reverse', from: i, to: i + 1 });
    i++;
    const t = steps - 1 - i;
    const left = jumpsLeft.get(t) ?? 0;
    if (left > 0) {
      jumpsLeft.set(t, left - 1);
      for (let k = 0; k < jumpLength; k++, i--) moves.push({ kind: 'forward', from: i, to: i - 1 });
    }
  }
  return moves;
}

export interface RepaintSpec<T> {
  ops: ArrayOps<T>;
  denoise: Denoiser<T>;
  /** Standard normal noise shaped like the state, by counter-based stream key. */
  noise: (key: number) => T;
  /** Descending σ grid ending at 0 (k-diffusion coordinates). */
  sigmas: readonly number[];
  /** The source image x0, shaped like the state. */
  source: T;
  /** 1 where the source is kept, 0 where it is sampled; `fill` = 1 − `keep`. */
  keep: T;
  fill: T;
  moves: readonly RepaintMove[];
}

export interface RepaintStep<T> {
  x: T;
  /** The x0 estimate of a reverse move (null for a forward move). */
  x0: T | null;
  nfe: number;
}

/**
 * One move of the walk; move k draws its noise from streams noiseKey(k, 0..2), so with r = 1 and
 * nothing kept the run is exactly the DDPM sampler (β̃ variance) with the same seed.
 *  - reverse i → i+1: x_unknown = DDPM ancestral step from (x, D(x, σ_i)); x_known = x0 + σ_{i+1}ε;
 *    x = keep ⊙ x_known + fill ⊙ x_unknown (so at σ = 0 the kept pixels equal the source exactly).
 *  - forward i+1 → i: x + sqrt(σ_i² − σ_{i+1}²)·ε, the forward process q(x_i | x_{i+1}) in
 *    k-diffusion coordinates (VP: N(sqrt(ᾱ_i/ᾱ_{i+1}) x_{i+1}, (1 − ᾱ_i/ᾱ_{i+1}) I) after scaling).
 */
export function repaintStep<T>(spec: RepaintSpec<T>, x: T, k: number): RepaintStep<T> {
  const { ops, sigmas } = spec;
  checkGrid({ sigmas }, 'RePaint');
  const move = spec.moves[k];
  if (!move) throw new Error(`RePaint: move ${k} outside 0..${spec.moves.length - 1}`);
  if (move.kind === 'forward') {
    const std = Math.sqrt(sigmas[move.to] ** 2 - sigmas[move.from] ** 2);
    return {
      x: ops.lincomb([
        [1, x],
        [std, spec.noise(noiseKey(k, 2))],
      ]),
      x0: null,
      nfe: 0,
    };
  }
  const hi = sigmas[move.from];
  const lo = sigmas[move.to];
  const x0 = spec.denoise(x, hi);
  const { cX, cX0, noiseStd } = ddpmCoefficients(hi, lo, 'beta-tilde');
  const unknownTerms: [number, T][] = [
    [cX, x],
    [cX0, x0],
  ];
  if (noiseStd > 0) unknownTerms.push([noiseStd, spec.noise(noiseKey(k, 0))]);
  const unknown = ops.lincomb(unknownTerms);
  const known = ops.lincomb([
    [1, spec.source],
    [lo, spec.noise(noiseKey(k, 1))],
  ]);
  const next = ops.lincomb([
    [1, ops.mul(spec.keep, known)],
    [1, ops.mul(spec.fill, unknown)],
  ]);
  return { x: next, x0, nfe: 1 };
}
