import { encodeName, NAME_END } from '../../../core/discrete/data/names';
import { DISCRETE_DATA, DISCRETE_T, discreteDataProcess } from '../../../core/discrete/datasets';
import { exactDenoiser, sequenceCount } from '../../../core/discrete/exact';
import { mdlmDraws, mdlmElbo, mdlmElboFromProbs } from '../../../core/discrete/mdlm';
import { discreteSampleSeed } from '../../../core/discrete/sampling';
import { arNllNatsAsync, transformerBatch } from '../../../models/discreteDenoiser';
import {
  type DiscreteLikelihoodFrame,
  type DiscreteLikelihoodJob,
  type DiscreteLikelihoodResult,
  MAX_ELBO_SAMPLES,
} from '../../protocol/discrete';
import { type JobContext, yieldToMessages } from './context';
import { autoregressiveNetwork, discreteData, discreteNetwork } from './discreteModels';
import { checkRange } from './imagesSample';

/** Rows (names × draws) of one network forward: bounds its activations on a GPU. */
const MAX_ROWS = 2048;

const bits = (nats: number, chars: number) => nats / chars / Math.LN2;

/** Characters of an encoded name as the model cards count them: its letters plus one END. */
function nameChars(tokens: ArrayLike<number>): number {
  let letters = 0;
  for (let l = 0; l < tokens.length; l++) if (tokens[l] !== NAME_END) letters++;
  return letters + 1;
}

/** √n · sd of per-name figures: the standard error of their sum over names. */
function sumStderr(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(n * variance);
}

/**
 * Bits per character on names (letters plus one END): the network's MDLM negative ELBO
 * (Sahoo et al. 2024, eq. 11, τ stratified) and the autoregressive model's exact NLL on the first
 * `count` held-out names, training/discrete.py elbo_bits and discrete_ar.py's figure; and the
 * exact model's ELBO beside its true NLL −log₂(w/Σw) on the first `count` training names (in
 * continuous time the bound is tight for the exact denoiser, so their gap is Monte Carlo noise). Names
 * go in batches (about a tenth of them each), a frame and a yield after each; null when cancelled.
 */
export async function runDiscreteLikelihood(
  job: DiscreteLikelihoodJob,
  ctx: JobContext<DiscreteLikelihoodFrame>,
): Promise<DiscreteLikelihoodResult | null> {
  const { train, heldOut } = await discreteData('names', ctx);
  checkRange('the number of names', job.count, 1, heldOut.length);
  checkRange('the ELBO samples per name', job.samples, 1, MAX_ELBO_SAMPLES);
  checkRange('the seed', job.seed, 0, 2 ** 32 - 1);
  const net = await discreteNetwork(job.network, 'names', ctx);
  const ar = await autoregressiveNetwork(job.autoregressive, ctx);
  const { L } = DISCRETE_DATA.names;
  const process = discreteDataProcess('names');
  const model = transformerBatch(net.loaded.weights, net.info.arch, { T: DISCRETE_T });
  const exact = exactDenoiser(process, train);
  const { count, samples, seed } = job;
  const trainCount = Math.min(count, sequenceCount(train));
  const weights = train.weights;
  const totalWeight = weights ? weights.reduce((a, b) => a + b, 0) : sequenceCount(train);

  const elbo: number[] = [];
  let arNats = 0;
  let chars = 0;
  const exactTrain = { elbo: 0, nll: 0, chars: 0, gaps: [] as number[] };
  const batch = Math.min(Math.ceil(count / 10), Math.max(1, Math.floor(MAX_ROWS / samples)));
  for (let a = 0; a < count; a += batch) {
    if (ctx.isCancelled()) return null;
    const names = heldOut.slice(a, a + batch);
    const x0s = new Int32Array(names.length * L);
    names.forEach((name, b) => x0s.set(encodeName(name, L), b * L));
    const draws = mdlmDraws(process, x0s, L, samples, (b) => discreteSampleSeed(seed, a + b));
    const probs = await model.denoiseAsync(draws.xt, draws.u);
    for (const e of mdlmElboFromProbs(process, x0s, L, samples, draws, probs)) elbo.push(e.mean);
    arNats += (await arNllNatsAsync(ar.loaded.weights, ar.arch, x0s)).reduce((s, v) => s + v, 0);
    for (let b = 0; b < names.length; b++) chars += nameChars(x0s.subarray(b * L, b * L + L));
    for (let i = a; i < Math.min(a + batch, trainCount); i++) {
      const x0 = train.tokens.slice(i * L, i * L + L);
      const bound = mdlmElbo(process, x0, exact, samples, discreteSampleSeed(seed, i)).mean;
      const nll = -Math.log((weights ? weights[i] : 1) / totalWeight);
      exactTrain.elbo += bound;
      exactTrain.nll += nll;
      exactTrain.gaps.push(bound - nll);
      exactTrain.chars += nameChars(x0);
    }
    const elboNats = elbo.reduce((s, v) => s + v, 0);
    ctx.emit(elbo.length, count, {
      done: elbo.length,
      elboBitsPerChar: bits(elboNats, chars),
      arBitsPerChar: bits(arNats, chars),
    });
    await yieldToMessages();
  }
  if (ctx.isCancelled()) return null;
  return {
    names: count,
    chars,
    elboBitsPerChar: bits(
      elbo.reduce((s, v) => s + v, 0),
      chars,
    ),
    elboStderr: bits(sumStderr(elbo), chars),
    arBitsPerChar: bits(arNats, chars),
    exactTrain: {
      names: trainCount,
      elboBitsPerChar: bits(exactTrain.elbo, exactTrain.chars),
      nllBitsPerChar: bits(exactTrain.nll, exactTrain.chars),
      gapStderr: bits(sumStderr(exactTrain.gaps), exactTrain.chars),
    },
  };
}
