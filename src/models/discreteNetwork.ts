import type { LoadedModel } from './loader';
import type { TransformerArchitecture } from './transformer';

/** A discrete diffusion network's architecture and the `discrete` block of its model.json. */
export interface DiscreteNetworkInfo {
  arch: TransformerArchitecture;
  process: string;
  schedule: string;
  mask: number;
}

/** Reads a loaded MDLM transformer's architecture and process; refuses any other network. */
export function discreteNetworkInfo(loaded: LoadedModel): DiscreteNetworkInfo {
  const arch = loaded.modelJson.architecture as unknown as TransformerArchitecture;
  const block = (loaded.modelJson.discrete ?? {}) as Partial<Omit<DiscreteNetworkInfo, 'arch'>>;
  if (arch?.kind !== 'transformer' || !arch.time || arch.causal)
    throw new Error(`model "${loaded.entry.id}" is not a discrete diffusion denoiser`);
  return {
    arch,
    process: String(block.process),
    schedule: String(block.schedule),
    mask: Number(block.mask),
  };
}

/**
 * Refuses a network that is not a denoiser of the data set's absorbing log-linear process:
 * sequences of length L over `levels` data tokens, the mask as token `levels`.
 */
export function checkDiscreteNetwork(
  id: string,
  info: DiscreteNetworkInfo,
  data: { name: string; L: number; levels: number },
): void {
  const { arch } = info;
  if (
    info.process !== 'absorbing' ||
    info.schedule !== 'log-linear' ||
    info.mask !== data.levels ||
    arch.vocabIn !== data.levels + 1 ||
    arch.length !== data.L
  )
    throw new Error(
      `model "${id}" is not an absorbing log-linear denoiser of ${data.name} (process ${info.process}, schedule ${info.schedule}, mask ${info.mask})`,
    );
}

/**
 * A loaded causal autoregressive transformer (training/discrete_ar.py): its architecture, once
 * its BOS input token is the one arNllNats feeds (vocabOut) and its length is L.
 */
export function autoregressiveArch(loaded: LoadedModel, L: number): TransformerArchitecture {
  const arch = loaded.modelJson.architecture as unknown as TransformerArchitecture;
  const ar = loaded.modelJson.autoregressive as { bos?: number } | undefined;
  if (arch?.kind !== 'transformer' || arch.time || !arch.causal || ar?.bos !== arch.vocabOut)
    throw new Error(`model "${loaded.entry.id}" is not an autoregressive model`);
  if (arch.length !== L)
    throw new Error(`model "${loaded.entry.id}" scores sequences of ${arch.length}, not ${L}`);
  return arch;
}
