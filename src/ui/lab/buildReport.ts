import type { ComparisonReport, SweepMetric } from '../../core/lab/report';
import { theoreticalOrder } from '../../core/lab/theory';
import { getDataset } from '../../core/data';
import { FIELDS, type Params } from '../../state/fields';
import type { LockstepSlice, SweepSlice } from '../../state/labStore';
import { labFromParams } from '../../state/labSettings';
import { encodeHash } from '../../state/urlFields';
import { trainedModel } from '../../state/trainedModel';
import { elapsedMs, LANE_FRAMES } from './labFrames';
import { panelModelName } from './labModel';

/** The app link that reproduces the comparison: the current settings, with the sweep run on load. */
export function reproducingLink(params: Params): string {
  const hash = encodeHash(FIELDS, { ...params, view: 'lab', lauto: true });
  return `${window.location.origin}${window.location.pathname}${hash}`;
}

/** The comparison report of the finished sweep (and the lockstep run, when done). */
export function buildReport(
  params: Params,
  sweep: SweepSlice,
  lockstep: LockstepSlice,
  metric: SweepMetric,
): ComparisonReport | null {
  if (!sweep.reference || sweep.points.length === 0) return null;
  const lab = labFromParams(params);
  const scene = lab.scene;
  return {
    title: `Sampler comparison on ${scene.dataset}`,
    link: reproducingLink(params),
    settings: {
      dataset: scene.dataset,
      model: getDataset(scene.dataset).mixture
        ? 'Gaussian mixture, exact score'
        : 'empirical denoiser of 2000 points',
      process: scene.process,
      grid:
        scene.process === 'vp-discrete'
          ? `${scene.spacing} timesteps, ${scene.betaSchedule} β`
          : scene.sigmaGrid,
      particles: sweep.particles,
      seed: scene.seed,
      budgets: sweep.budgets,
      tolerance: sweep.reference.rtol,
      referenceNfe: sweep.reference.nfe,
      sigmaStart: sweep.reference.sigmaStart,
      sigmaEnd: sweep.reference.sigmaEnd,
      metric,
    },
    samplers: sweep.lanes.map((l, i) => ({
      label: l.label,
      id: l.id,
      params: l.params,
      theory: theoreticalOrder(l.id, l.params, l.grid.sigmas),
      fits: sweep.fits?.[i] ?? { endpoint: null, slicedW1: null, energy: null },
      points: sweep.points.filter((p) => p.sampler === i).map(({ sampler: _s, ...p }) => p),
    })),
    lockstep:
      lockstep.state === 'done' && lockstep.result
        ? {
            budget: lockstep.budget,
            model: panelModelName(
              lockstep.result.model,
              scene.dataset,
              trainedModel.current?.label ?? null,
            ),
            lanes: lockstep.lanes.map((l, k) => {
              const frames = LANE_FRAMES[k];
              const last = frames.count - 1;
              return {
                label: l.label,
                steps: l.steps,
                nfe: frames.at(last)?.info.nfe ?? 0,
                ms: elapsedMs(frames, last),
                endpointError: lockstep.result!.lanes[k]?.endpointError ?? null,
                slicedW1: lockstep.result!.lanes[k]?.slicedW1 ?? null,
              };
            }),
          }
        : null,
  };
}
