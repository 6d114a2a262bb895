import { LOSS_NOTIFY_MS } from './trainSession';
import {
  DEFAULT_TRAIN_CONFIG,
  DISTILL_MODES,
  type DistillMode,
  type DistillSettings,
  type HybridSettings,
  type TrainConfig,
  type TrainJob,
  type TrainSnapshotSpec,
  type VdmSettings,
} from '../worker/protocol';

/** A drawn or uploaded point set, flat [x0, y0, x1, y1, …], and a name for saved files. */
export interface CustomPoints {
  name: string;
  points: Float64Array;
}
import type { Params } from './fields';

/** Sizes of every snapshot: enough to see the shape, small enough to stream every k steps. */
const SNAPSHOT_SIZES = {
  particles: 1000,
  sampleSteps: 20,
  fieldSize: 21,
  densitySize: 40,
  errorTimes: 16,
  mapSize: 40,
};

/** The most steps one loss message covers. */
const MAX_CHUNK = 100;
/** The longest the worker waits for the page to draw a chunk before it trains on (a hidden page). */
const PAGE_WAIT_MS = 250;

/** The fields of the network and its optimiser. */
const CONFIG_PARAMS = [
  'tobj',
  'tsched',
  'twidth',
  'tdepth',
  'temb',
  'tlr',
  'tbatch',
  'tema',
  'tseed',
] as const;
/** The fields of a distillation run. */
const DISTILL_PARAMS = ['tmode', 'tdn', 'tround', 'tlevels'] as const;
/** The fields of a hybrid (learned-variance) run. */
const HYBRID_PARAMS = ['tlambda', 'tvsteps'] as const;
/** The fields of a VDM run. */
const VDM_PARAMS = ['tvg0', 'tvg1', 'tvw', 'tvlr', 'tvn'] as const;
/** The fields of what the snapshots show. */
const SNAPSHOT_PARAMS = ['tfield', 'tmap'] as const;
/** The fields a training run is made of (the train view's selector). */
export const TRAIN_PARAMS = [
  'dataset',
  'tstart',
  'tstop',
  'tevery',
  ...CONFIG_PARAMS,
  ...DISTILL_PARAMS,
  ...HYBRID_PARAMS,
  ...VDM_PARAMS,
  ...SNAPSHOT_PARAMS,
] as const;

export function trainConfigFromParams(
  p: Pick<Params, (typeof CONFIG_PARAMS)[number]>,
): Partial<TrainConfig> {
  return {
    objective: p.tobj,
    schedule: { ...DEFAULT_TRAIN_CONFIG.schedule, kind: p.tsched },
    hidden: p.twidth,
    layers: p.tdepth,
    timeEmbedding: p.temb,
    learningRate: p.tlr,
    batch: p.tbatch,
    emaDecay: p.tema,
    seed: p.tseed,
  };
}

/** The distillation a run does, if any; the teacher's steps rounded down to a power of two. */
export function distillFromParams(
  p: Pick<Params, (typeof DISTILL_PARAMS)[number]>,
): DistillSettings | undefined {
  const mode = p.tmode;
  if (!(DISTILL_MODES as readonly string[]).includes(mode)) return undefined;
  return {
    mode: mode as DistillMode,
    teacherSteps: 2 ** Math.floor(Math.log2(p.tdn)),
    roundSteps: p.tround,
    levels: p.tlevels,
  };
}

/** The hybrid objective's settings, if the run trains one. */
export function hybridFromParams(
  p: Pick<Params, 'tmode' | (typeof HYBRID_PARAMS)[number]>,
): HybridSettings | undefined {
  return p.tmode === 'hybrid' ? { lambda: p.tlambda, sampleSteps: p.tvsteps } : undefined;
}

/** A VDM run's settings (tmode=vdm), else none. */
export function vdmFromParams(
  p: Pick<Params, 'tmode' | (typeof VDM_PARAMS)[number]>,
): VdmSettings | undefined {
  if (p.tmode !== 'vdm') return undefined;
  return {
    gamma0: p.tvg0,
    gamma1: p.tvg1,
    width: p.tvw,
    gammaLearningRate: p.tvlr,
    sampleSteps: p.tvn,
  };
}

export function snapshotFromParams(
  p: Pick<Params, (typeof SNAPSHOT_PARAMS)[number]>,
): TrainSnapshotSpec {
  return { ...SNAPSHOT_SIZES, fieldTime: p.tfield, mapTime: p.tmap };
}

/**
 * The training job the train view's settings describe. The 'custom' data set trains on the
 * page's drawn or uploaded points; without any, the message says how to give some.
 */
export function trainJobFromParams(
  p: Pick<Params, (typeof TRAIN_PARAMS)[number]>,
  custom: CustomPoints | null,
  from?: Pick<TrainJob, 'start' | 'upload'>,
): TrainJob {
  const dataset = p.dataset;
  if (dataset === 'custom' && !custom)
    throw new Error(
      'the "custom" data set has no points yet: upload a CSV or JSON of points (or pick another data set)',
    );
  const start = from ?? { start: p.tstart as 'scratch' | 'shipped' };
  if (start.start === 'shipped' && dataset === 'custom')
    throw new Error('a drawn or uploaded data set has no shipped model to fine-tune');
  const hybrid = hybridFromParams(p);
  if (hybrid && start.start !== 'scratch')
    throw new Error(
      'the hybrid objective trains from scratch (its network adds variance outputs): set "Start from" to scratch',
    );
  if (start.start !== 'scratch' && p.tmode === 'vdm')
    throw new Error(
      'a VDM run trains its schedule from scratch: set "Start from" to scratch (tstart=scratch)',
    );
  return {
    kind: 'train',
    data:
      dataset === 'custom' && custom
        ? { name: custom.name, points: Float32Array.from(custom.points) }
        : { dataset },
    config: trainConfigFromParams(p),
    ...start,
    chunk: MAX_CHUNK,
    // One chunk per redraw of the loss views, so that no chunk waits on their rate limit; the
    // worker rests until the page has drawn it (see TrainAction 'shown').
    chunkMs: LOSS_NOTIFY_MS,
    pageWaitMs: PAGE_WAIT_MS,
    // A run from uploaded files starts paused at step 0, to inspect them first.
    stopAt: from ? 0 : p.tstop,
    paused: !!from,
    snapshotEvery: p.tevery,
    snapshot: snapshotFromParams(p),
    distill: distillFromParams(p),
    hybrid,
    vdm: vdmFromParams(p),
  };
}
