import { DISCRETE_DATA, DISCRETE_T } from '../../../core/discrete/datasets';
import type { DiscreteProbe, DiscreteProbeRequest } from '../../protocol/discrete';
import { checkModelRef, discreteModel, type Loading } from './discreteModels';

/** Refuses an x_t of the wrong length, with tokens out of range or off the fixed ones, or a bad t. */
function checkProbe(r: DiscreteProbeRequest): void {
  checkModelRef(r);
  const { L, levels } = DISCRETE_DATA[r.dataset];
  if (r.xt.length !== L)
    throw new Error(`x_t has ${r.xt.length} tokens, ${r.dataset} has L = ${L}`);
  const bad = r.xt.findIndex((v) => !Number.isInteger(v) || v < 0 || v > levels);
  if (bad >= 0)
    throw new Error(
      `x_t token ${r.xt[bad]} at position ${bad} is not in 0..${levels} (${levels}: the mask)`,
    );
  const off = r.fixed ? r.fixed.findIndex((v, l) => v >= 0 && r.xt[l] !== v) : -1;
  if (off >= 0)
    throw new Error(`x_t at position ${off} must hold its fixed token ${r.fixed![off]}`);
  if (!(r.t >= 0 && r.t <= DISCRETE_T))
    throw new Error(`t must be in 0..${DISCRETE_T}, got ${r.t}`);
}

/**
 * MDLM's SUBS parameterisation, carry-over unmasking (Sahoo et al. 2024, §3.2.3): a token that is
 * no longer masked is its own x₀, so the network's row there is δ_{x_t} (the samplers and the ELBO
 * never read the raw row at such positions; the exact denoiser gives δ there by construction).
 */
function carryOver(probs: Float64Array, xt: Int32Array, K: number, mask: number): Float32Array {
  const out = Float32Array.from(probs);
  for (let l = 0; l < xt.length; l++) {
    if (xt[l] === mask) continue;
    out.fill(0, l * K, l * K + K);
    out[l * K + xt[l]] = 1;
  }
  return out;
}

/** Both models' p̂(x₀ | x_t) for one sequence: the exact denoiser's and the network's, L × K. */
export async function discreteProbe(r: DiscreteProbeRequest, ctx: Loading): Promise<DiscreteProbe> {
  checkProbe(r);
  const { network, xt, t, ...ref } = r;
  const exact = await discreteModel({ ...ref, model: 'exact' }, ctx);
  const net = await discreteModel({ ...ref, model: network }, ctx);
  return {
    exact: Float32Array.from(exact.denoise(xt, t)),
    network: carryOver(
      net.denoiseAsync ? await net.denoiseAsync(xt, t) : net.denoise(xt, t),
      xt,
      net.process.K,
      net.process.mask,
    ),
  };
}
