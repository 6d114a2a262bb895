import { memo } from 'react';
import { LATENT_SAMPLERS, LATENT_SIGMA_MAX } from '../../core/latent/plan';
import { requireSampler } from '../../core/samplers/registry';
import { MAX_LATENT_PARTICLES } from '../../state/latentFields';
import { LATENT_SET_IDS, type LatentSetId } from '../../worker/protocol';
import { NumberControl, SelectControl, ToggleControl } from '../controls/fields';
import { SeedInput } from '../controls/RunControls';
import { useParams, useSetParam } from '../useParams';

const SHOWN = [
  'zset',
  'zmodel',
  'zsampler',
  'zsteps',
  'zpart',
  'zsigma',
  'zclass',
  'zguide',
  'zmap',
] as const;

export const SET_LABELS: Record<LatentSetId, string> = {
  fashion2: 'Fashion-MNIST · fashion-vae2 (2D)',
  digits2: 'UCI digits · digits-vae2 (2D)',
  fashion16: 'Fashion-MNIST · fashion-vae16 (16D)',
};

/** The latent view's column: encoded set and autoencoder, denoiser, class, sampler, truncation. */
export const LatentControls = memo(function LatentControls({
  classNames,
}: {
  classNames: string[];
}) {
  const p = useParams(SHOWN);
  const setParam = useSetParam();
  const classes = classNames.length > 0 ? classNames : Array.from({ length: 10 }, String);
  return (
    <aside className="controls" aria-label="Latent diffusion settings">
      <fieldset>
        <legend>Autoencoder and model</legend>
        <SelectControl
          label="Data set / autoencoder"
          testId="zset-select"
          value={p.zset}
          options={LATENT_SET_IDS.map((id) => ({ value: id, label: SET_LABELS[id] }))}
          onChange={(v) => setParam('zset', v)}
        />
        <SelectControl
          label="Latent denoiser"
          testId="zmodel-select"
          value={p.zmodel}
          options={[
            { value: 'exact', label: 'Exact (encoded training set)' },
            { value: 'network', label: 'Trained latent MLP (mlp-*-latent*)' },
          ]}
          onChange={(v) => setParam('zmodel', v)}
        />
        <SelectControl
          label="Class"
          testId="zclass-select"
          value={String(p.zclass)}
          options={[
            { value: '-1', label: 'Any (unconditional)' },
            ...classes.map((name, k) => ({ value: String(k), label: name })),
          ]}
          onChange={(v) => setParam('zclass', Number(v))}
        />
        <NumberControl
          label="Guidance weight w"
          testId="zguide-input"
          value={p.zguide}
          min={0}
          max={8}
          step={0.1}
          onChange={(v) => setParam('zguide', v)}
        />
        <p className="muted">
          {p.zmodel === 'exact'
            ? 'The optimal denoiser of the shipped encoded training latents: it reproduces them.'
            : 'A class-conditional MLP trained on every encoded training image, on DDPM’s linear schedule (model cards in public/models).'}{' '}
          Guidance: D = D_uncond + w·(D_class − D_uncond); w = 1 is the class&apos;s own denoiser, w
          = 0 ignores the class.
        </p>
      </fieldset>
      <fieldset>
        <legend>Sampler and sizes</legend>
        <SelectControl
          label="Sampler"
          testId="zsampler-select"
          value={p.zsampler}
          options={LATENT_SAMPLERS.map((id) => ({ value: id, label: requireSampler(id).name }))}
          onChange={(v) => setParam('zsampler', v)}
        />
        <NumberControl
          label="Steps"
          testId="zsteps-input"
          value={p.zsteps}
          min={1}
          max={200}
          step={1}
          onChange={(v) => setParam('zsteps', v)}
        />
        <NumberControl
          label="Particles"
          testId="zpart-input"
          value={p.zpart}
          min={1}
          max={MAX_LATENT_PARTICLES}
          step={1}
          log
          onChange={(v) => setParam('zpart', v)}
        />
        <SeedInput />
        <NumberControl
          label="Start at σ (truncation)"
          testId="zsigma-input"
          value={p.zsigma}
          min={0}
          max={LATENT_SIGMA_MAX}
          step={0.01}
          onChange={(v) => setParam('zsigma', v)}
        />
        <p className="muted">
          At {LATENT_SIGMA_MAX}, plain sampling from noise; below, the reverse process starts from a
          sample of the VAE&apos;s prior N(0, I) noised to σ; at 0 it returns that sample.
        </p>
        {p.zset !== 'fashion16' && (
          <ToggleControl
            label="Decoded map under the plane"
            testId="zmap-toggle"
            value={p.zmap}
            onChange={(v) => setParam('zmap', v)}
          />
        )}
      </fieldset>
    </aside>
  );
});
