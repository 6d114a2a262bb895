import { noiseKey, uniformAt } from '../rng';
import type { DiscreteDenoiser } from './exact';
import { posterior, reverseProbs, type ReverseForm } from './posterior';
import type { CategoricalProcess } from './process';
import { sampleCategorical } from './sampling';

/** KL(p ‖ q) in nats; terms with p = 0 vanish, q = 0 under p > 0 gives Infinity. */
export function klCategorical(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let kl = 0;
  for (let k = 0; k < p.length; k++) {
    if (p[k] > 0) kl += p[k] * (Math.log(p[k]) - Math.log(q[k]));
  }
  return kl;
}

/** L_T = Σ_l KL(q(x_T | x₀_l) ‖ p(x_T)) (D3PM eq. 1, first term), T = the schedule's end. */
export function priorTerm(proc: CategoricalProcess, x0: Int32Array): number {
  const prior = proc.prior();
  let kl = 0;
  for (let l = 0; l < x0.length; l++) {
    kl += klCategorical(proc.row(0, proc.schedule.T, x0[l]), prior);
  }
  return kl;
}

/**
 * One step's term for one x_t: Σ_l KL(q(x_s | x_t, x₀) ‖ p_θ(x_s | x_t)) (D3PM eq. 1's L_{t−1}
 * with the reverse step of eq. 4). At s = 0 the posterior is a point mass at x₀, so the term
 * is L_0 = −Σ_l log p_θ(x₀_l | x_t). `form` picks the reverse step (posterior.ReverseForm).
 */
export function stepTerm(
  proc: CategoricalProcess,
  s: number,
  t: number,
  x0: Int32Array,
  xt: Int32Array,
  x0Probs: Float64Array,
  form: ReverseForm = 'eq4',
): number {
  const { K } = proc;
  let kl = 0;
  const p = new Float64Array(K);
  for (let l = 0; l < x0.length; l++) {
    const q = posterior(proc, s, t, x0[l], xt[l]);
    reverseProbs(proc, s, t, xt[l], x0Probs.subarray(l * K, l * K + K), p, form);
    kl += klCategorical(q, p);
  }
  return kl;
}

/**
 * D3PM's hybrid loss for one (x₀, x_t) draw (Austin et al. 2021, eq. 5):
 * L_λ = L_vb + λ·E[−log p̂(x₀ | x_t)], here with L_vb's step term and the auxiliary
 * cross-entropy summed over positions.
 */
export function hybridLoss(
  proc: CategoricalProcess,
  s: number,
  t: number,
  x0: Int32Array,
  xt: Int32Array,
  x0Probs: Float64Array,
  lambda: number,
): { vb: number; ce: number; total: number } {
  const vb = stepTerm(proc, s, t, x0, xt, x0Probs);
  let ce = 0;
  for (let l = 0; l < x0.length; l++) ce -= Math.log(x0Probs[l * proc.K + x0[l]]);
  return { vb, ce, total: vb + lambda * ce };
}

/** The negative ELBO of one sequence in nats: prior term, one term per step, and their sum. */
export interface CategoricalElbo {
  /** L_T. */
  prior: number;
  /** Step i's expected term (timesteps[i] → timesteps[i + 1]); the last one is L_0. */
  steps: Float64Array;
  total: number;
}

function checkTimesteps(proc: CategoricalProcess, timesteps: readonly number[], who: string) {
  const T = proc.schedule.T;
  if (timesteps.length < 2 || timesteps[0] !== T || timesteps[timesteps.length - 1] !== 0) {
    throw new Error(`${who}: timesteps must run from T = ${T} down to 0`);
  }
  for (let i = 1; i < timesteps.length; i++) {
    if (!(timesteps[i] < timesteps[i - 1])) throw new Error(`${who}: timesteps must decrease`);
  }
}

function total(prior: number, steps: Float64Array): CategoricalElbo {
  return { prior, steps, total: steps.reduce((a, b) => a + b, prior) };
}

/**
 * The negative ELBO (D3PM eq. 1) on a grid of timesteps, each step's expectation over
 * x_t ~ q(x_t | x₀) taken exactly by enumerating every x_t in the support (Π_l of the
 * per-position supports; at most maxStates of them).
 */
export function elboExact(
  proc: CategoricalProcess,
  timesteps: readonly number[],
  x0: Int32Array,
  denoise: DiscreteDenoiser,
  form: ReverseForm = 'eq4',
  maxStates = 1_000_000,
): CategoricalElbo {
  checkTimesteps(proc, timesteps, 'elboExact');
  const L = x0.length;
  const steps = new Float64Array(timesteps.length - 1);
  for (let i = 0; i < steps.length; i++) {
    const t = timesteps[i];
    const s = timesteps[i + 1];
    const support: number[][] = [];
    const probs: Float64Array[] = [];
    let count = 1;
    for (let l = 0; l < L; l++) {
      const row = proc.row(0, t, x0[l]);
      support.push([...row.keys()].filter((k) => row[k] > 0));
      probs.push(row);
      count *= support[l].length;
    }
    if (count > maxStates) throw new Error(`elboExact: ${count} states exceed ${maxStates}`);
    const digits = new Int32Array(L);
    const xt = new Int32Array(L);
    for (let c = 0; c < count; c++) {
      let q = 1;
      for (let l = 0; l < L; l++) {
        xt[l] = support[l][digits[l]];
        q *= probs[l][xt[l]];
      }
      steps[i] += q * stepTerm(proc, s, t, x0, xt, denoise(xt, t), form);
      for (let l = 0; l < L && ++digits[l] === support[l].length; l++) digits[l] = 0;
    }
  }
  return total(priorTerm(proc, x0), steps);
}

/**
 * The same bound with each step's expectation estimated from `samples` draws
 * x_t ~ q(x_t | x₀) (uniforms of stream noiseKey(i) under `seed`), for models too large to
 * enumerate.
 */
export function elboMonteCarlo(
  proc: CategoricalProcess,
  timesteps: readonly number[],
  x0: Int32Array,
  denoise: DiscreteDenoiser,
  samples: number,
  seed: number,
  form: ReverseForm = 'eq4',
): CategoricalElbo {
  checkTimesteps(proc, timesteps, 'elboMonteCarlo');
  const L = x0.length;
  const steps = new Float64Array(timesteps.length - 1);
  const xt = new Int32Array(L);
  for (let i = 0; i < steps.length; i++) {
    const t = timesteps[i];
    const rows = [...x0].map((v) => proc.row(0, t, v));
    for (let j = 0; j < samples; j++) {
      for (let l = 0; l < L; l++) {
        xt[l] = sampleCategorical(rows[l], 0, proc.K, uniformAt(seed, noiseKey(i), j * L + l));
      }
      steps[i] += stepTerm(proc, timesteps[i + 1], t, x0, xt, denoise(xt, t), form) / samples;
    }
  }
  return total(priorTerm(proc, x0), steps);
}
