import { useMemo, useState } from 'react';
import type { ImageSettings } from '../../state/images';
import { CLASS_INDICES } from '../../state/imageFields';
import type { FrameInfo, ImageInterpJob, LoadedImages, StepImages } from '../../worker/protocol';
import { NumberControl, SelectControl } from '../controls/fields';
import { ImageCanvas } from './ImageCanvas';
import { IMAGE_TEX } from './imageHelp';
import { RunProgress } from './RunProgress';
import { useImageRun } from './useImageRun';
import { useParam, useSetParam } from '../useParams';

const ROW = 10;

/** A row of samples between two noises (slerp) or two classes (blended guidance). */
export function InterpPanel({
  settings: s,
  images,
  names,
}: {
  settings: ImageSettings;
  images: LoadedImages;
  names: string[];
}) {
  const setParam = useSetParam();
  const classB = useParam('classb');
  const [shown, setShown] = useState<{
    key: string;
    images: StepImages;
    info: FrameInfo;
    step: number;
    total: number;
  } | null>(null);
  const classA = s.classChoice === 'all' ? 0 : s.classChoice;
  const job = useMemo<ImageInterpJob>(
    () => ({
      kind: 'image-interp',
      model: s.model,
      sampler: s.sampler,
      samplerParams: s.samplerParams,
      steps: s.steps,
      spacing: s.placement.spacing,
      shift: s.placement.shift,
      seed: s.seed,
      guide: s.guide,
      guidance: s.guidance,
      clipX0: s.clipX0,
      mode: s.interp,
      classA,
      classB: s.classB,
      seedB: s.seedB,
      count: ROW,
    }),
    [
      s.model,
      s.sampler,
      s.samplerParams,
      s.steps,
      s.placement.spacing,
      s.placement.shift,
      s.seed,
      s.guide,
      s.guidance,
      s.clipX0,
      s.interp,
      classA,
      s.classB,
      s.seedB,
    ],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onFrame: (step, total, frame, info) =>
      frame.kind === 'step' &&
      info &&
      setShown({
        key,
        images: { ...frame, xt: frame.xt.slice(), x0: frame.x0?.slice() ?? null },
        info,
        step,
        total,
      }),
  });
  const f = shown?.key === key ? shown : null;
  const { height, width } = images;
  const row = (values: Float32Array | null | undefined, label: string, testId: string) => (
    <figure>
      <figcaption>{label}</figcaption>
      <ImageCanvas
        tiles={values ? { values, cells: ROW, height, width, range: [-1, 1] } : null}
        cols={ROW}
        scale={Math.floor(56 / width) || 1}
        label={label}
        testId={testId}
      />
    </figure>
  );
  const nameOf = (c: number | 'uncond') =>
    c === 'uncond' ? 'unconditional' : `${c}: ${names[c] ?? c}`;
  return (
    <div className="image-panel" data-testid="interp" data-state={run.state}>
      <div className="interp-settings">
        <SelectControl
          label="Interpolate between"
          tex={s.interp === 'noise' ? IMAGE_TEX.slerp : IMAGE_TEX.classMix}
          testId="interp-select"
          value={s.interp}
          options={[
            { value: 'noise', label: 'two noises (slerp of x_T), one class' },
            { value: 'class', label: 'two classes (blended guidance), one noise' },
          ]}
          onChange={(v) => setParam('interp', v)}
        />
        {s.interp === 'noise' ? (
          <NumberControl
            label="Seed of the second noise"
            value={s.seedB}
            min={0}
            max={2 ** 31 - 1}
            step={1}
            onChange={(v) => setParam('seedb', v)}
          />
        ) : (
          <SelectControl
            label="Second class"
            value={classB}
            options={CLASS_INDICES.slice(0, images.classes).map((c) => ({
              value: c,
              label: `${c}: ${names[Number(c)] ?? c}`,
            }))}
            onChange={(v) => setParam('classb', v)}
          />
        )}
        <p className="muted small">
          {s.interp === 'noise'
            ? `From the x_T of seed ${s.seed} to that of seed ${s.seedB} along the great circle (DDIM, Song et al. 2021), class ${nameOf(classA)}.`
            : `From class ${nameOf(classA)} to class ${nameOf(s.classB)}: each cell guides by (1 − λ)·(class A direction) + λ·(class B direction), from the same x_T.`}{' '}
          Every cell gets the same per-step noise, so stochastic samplers vary only through the
          blend.{' '}
          {s.classChoice === 'all' &&
            'The class picker says every class; the row starts at class 0.'}
        </p>
      </div>
      {f && run.state === 'running' && (
        <RunProgress value={f.step} max={f.total} label="sampling, steps done" />
      )}
      {f && (
        <p className="readout">
          step {f.step} / {f.total}: σ = {f.info.sigma.toPrecision(3)}, NFE {f.info.nfe}
        </p>
      )}
      {row(f?.images.xt, 'x_t along the row', 'interp-xt')}
      {row(f?.images.x0, 'x̂₀ estimates', 'interp-x0')}
    </div>
  );
}
