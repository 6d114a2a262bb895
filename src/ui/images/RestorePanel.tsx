import { useMemo, useState } from 'react';
import { OPERATORS, type OperatorId } from '../../core/restore/operators';
import { SOLVER_IDS, solverApplies, type SolverId } from '../../core/restore/registry';
import { useStore } from '../../state/store';
import type { FrameInfo, ImageRestoreJob, RestoreResult } from '../../worker/protocol';
import { NumberControl, SelectControl } from '../controls/fields';
import { ImageCanvas } from './ImageCanvas';
import { RESTORE_HELP } from './imageHelp';
import { selectedImage, TestImagePicker, type TestImagePanelProps } from './TestImagePicker';
import { useImageRun } from './useImageRun';

/** Restorations sampled side by side, to show the spread of the posterior. */
const RESTORATIONS = 4;

const OPERATOR_LABELS: Record<OperatorId, string> = {
  sr2: '2× super-resolution (2×2 average)',
  sr4: '4× super-resolution (4×4 average)',
  blur: 'Gaussian deblurring',
  mask: 'random-pixel inpainting',
  noise: 'denoising',
};

const SOLVER_LABELS: Record<SolverId, string> = {
  ddrm: 'DDRM (Kawar et al. 2022)',
  dps: 'DPS (Chung et al. 2023)',
  pigdm: 'ΠGDM (Song et al. 2023)',
  ilvr: 'ILVR (Choi et al. 2021)',
  repaint: 'RePaint (Lugmayr et al. 2022)',
};

interface Measurement {
  key: string;
  y: Float32Array;
  measHeight: number;
  measWidth: number;
  pseudoInverse: Float32Array;
}

interface Progress {
  key: string;
  step: number;
  total: number;
  info: FrameInfo;
  xt: Float32Array;
  x0: Float32Array | null;
}

/**
 * Inverse problems on a test image: measure y = A(x) + σ_y·n, restore it with a diffusion
 * solver, and compare the result with the image (PSNR) and with y (‖A(x̂) − y‖).
 */
export function RestorePanel(props: TestImagePanelProps) {
  const { settings: s, images, names } = props;
  const setParam = useStore((st) => st.setParam);
  const [measured, setMeasured] = useState<Measurement | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ key: string; r: RestoreResult } | null>(null);
  const { height, width } = images;
  const image = selectedImage(props);
  const job = useMemo<ImageRestoreJob>(
    () => ({
      kind: 'image-restore',
      model: s.model,
      image,
      operator: { id: s.operator, blurSigma: s.blurSigma, keep: s.keep },
      sigmaY: s.sigmaY,
      solver: s.solver,
      params: s.restoreParams,
      steps: s.steps,
      count: RESTORATIONS,
      seed: s.seed,
      spacing: s.placement.spacing,
      shift: s.placement.shift,
      jumpLength: Math.min(s.jump, s.steps),
      resamples: s.resample,
      clipX0: s.clipX0,
    }),
    [s, image],
  );
  const key = JSON.stringify(job);
  const run = useImageRun(job, {
    onFrame: (step, total, frame, info) => {
      if (frame.kind === 'measurement') setMeasured({ key, ...frame });
      if (frame.kind !== 'step' || !info) return;
      setProgress((p) => ({
        key,
        step,
        total,
        info,
        xt: frame.xt.slice(),
        x0: frame.x0 ? frame.x0.slice() : p?.key === key ? p.x0 : null,
      }));
    },
    onDone: (r) => r && setResult({ key, r }),
  });
  const m = measured?.key === key ? measured : null;
  const p = progress?.key === key ? progress : null;
  const r = result?.key === key ? result.r : null;
  const scale = Math.floor(96 / width);
  const tile = (
    values: Float32Array | null | undefined,
    label: string,
    testId: string,
    cells = 1,
    h = height,
    w = width,
  ) => (
    <figure>
      <figcaption>{label}</figcaption>
      <ImageCanvas
        tiles={values ? { values, cells, height: h, width: w, range: [-1, 1] } : null}
        cols={cells}
        scale={Math.max(1, Math.floor((scale * width) / w))}
        label={label}
        testId={testId}
      />
    </figure>
  );
  const source = images.pixels.subarray(image * height * width, (image + 1) * height * width);
  const uses = (k: 'eta' | 'etaB' | 'zeta') =>
    k === 'zeta'
      ? s.solver === 'dps'
      : k === 'etaB'
        ? s.solver === 'ddrm'
        : s.solver === 'ddrm' || s.solver === 'pigdm';
  return (
    <div
      className="image-panel"
      data-testid="restore"
      data-state={run.state}
      data-psnr={r?.meanPsnr ?? ''}
    >
      <TestImagePicker images={images} selected={image} names={names} />
      <div className="inpaint-settings restore-settings">
        <SelectControl
          label="Measurement A"
          help={RESTORE_HELP.operator}
          testId="restore-op"
          value={s.operator}
          options={OPERATORS.map((o) => ({ value: o, label: OPERATOR_LABELS[o] }))}
          onChange={(v) => setParam('op', v)}
        />
        <SelectControl
          label="Solver"
          help={RESTORE_HELP.solver}
          testId="restore-solver"
          value={s.solver}
          options={SOLVER_IDS.filter((id) => solverApplies(id, s.operator)).map((id) => ({
            value: id,
            label: SOLVER_LABELS[id],
          }))}
          onChange={(v) => setParam('solver', v)}
        />
        <NumberControl
          label="Measurement noise σ_y"
          testId="restore-sigy"
          value={s.sigmaY}
          min={0}
          max={1}
          step={0.01}
          onChange={(v) => setParam('sigy', v)}
        />
        {s.operator === 'blur' && (
          <NumberControl
            label="Blur σ (pixels)"
            testId="restore-blur"
            value={s.blurSigma}
            min={0.5}
            max={4}
            step={0.1}
            onChange={(v) => setParam('blur', v)}
          />
        )}
        {s.operator === 'mask' && (
          <NumberControl
            label="Share of pixels kept"
            testId="restore-keep"
            value={s.keep}
            min={0.05}
            max={0.95}
            step={0.05}
            onChange={(v) => setParam('keep', v)}
          />
        )}
        {uses('eta') && (
          <NumberControl
            label="η"
            tex={RESTORE_HELP.etaTex}
            testId="restore-eta"
            value={s.restoreParams.eta}
            min={0}
            max={1}
            step={0.05}
            onChange={(v) => setParam('reta', v)}
          />
        )}
        {uses('etaB') && (
          <NumberControl
            label="η_b"
            testId="restore-etab"
            value={s.restoreParams.etaB}
            min={0}
            max={1}
            step={0.05}
            onChange={(v) => setParam('retab', v)}
          />
        )}
        {uses('zeta') && (
          <NumberControl
            label="Step size ζ"
            tex={RESTORE_HELP.zetaTex}
            testId="restore-zeta"
            value={s.restoreParams.zeta}
            min={0}
            max={10}
            step={0.1}
            onChange={(v) => setParam('zeta', v)}
          />
        )}
      </div>
      <div className="restore-row">
        {tile(source, 'the test image x', 'restore-source')}
        {tile(
          m?.y,
          'the measurement y',
          'restore-y',
          1,
          m?.measHeight ?? height,
          m?.measWidth ?? width,
        )}
        {tile(m?.pseudoInverse, 'A⁺y (no prior)', 'restore-pinv')}
      </div>
      {p && (
        <div className="progress-line" data-testid="restore-progress">
          <progress max={p.total} value={p.step} aria-label="Restoration progress" /> step {p.step}{' '}
          / {p.total}, σ = {p.info.sigma.toPrecision(3)}, NFE {p.info.nfe}
        </div>
      )}
      {tile(p?.xt, `${RESTORATIONS} restorations: x_t`, 'restore-xt', RESTORATIONS)}
      {tile(p?.x0, 'their x̂₀ estimates', 'restore-x0', RESTORATIONS)}
      {run.state === 'error' && (
        <p role="alert" className="model-problem">
          {run.error}
        </p>
      )}
      {r && (
        <p className="readout" data-testid="restore-result">
          Done in {(r.ms / 1000).toFixed(1)} s, NFE {r.nfe}. PSNR {r.meanPsnr.toFixed(2)} dB on
          average ({r.psnr.map((v) => v.toFixed(1)).join(', ')}; A⁺y alone:{' '}
          {r.pseudoInversePsnr.toFixed(2)} dB); residual ‖A(x̂) − y‖ = {r.meanResidual.toFixed(3)} on
          average (noise alone would give about σ_y·√m ={' '}
          {(s.sigmaY * Math.sqrt(m ? m.y.length : 0)).toFixed(3)}).
        </p>
      )}
    </div>
  );
}
