import { execFileSync } from 'node:child_process';
import type { Tensor } from '@tensorflow/tfjs-core';
import { fileURLToPath } from 'node:url';
import { sampleDataset } from '../core/data';
import { uniformTGrid } from '../core/distill/progressive';
import { flowStraightness } from '../core/metrics/flowStraightness';
import { slicedWasserstein1 } from '../core/metrics/wasserstein';
import { normals } from '../core/rng';
import type { Denoiser } from '../core/samplers/types';
import { DEFAULT_SCENE, type SceneSettings } from '../core/scene/settings';
import { trainingDiffusion } from '../models/denoiser2d';
import type { ModelEntry, ModelManifest } from '../models/manifest';
import { pickStudent, studentSettings } from '../models/students';
import { UsageError } from './args';
import { DEFAULT_MODELS_DIR, readManifest } from './modelFiles';
import { runScene } from './runScene';
import { parseSpeedupOptions, type SpeedupOptions } from './speedupOptions';

/** The held-out split of the trainers (scripts/export-datasets.ts: test = seed 2), and a second draw. */
const HELD_OUT_SEED = 2;
const SECOND_DRAW_SEED = 3;
/** Noise stream of the straightness paths (the reflow cards' seed). */
const STRAIGHTNESS_SEED = 11;

export const SPEEDUP_METHODS = ['teacher', 'distill', 'consistency', 'fm', 'reflow'] as const;
export type SpeedupMethod = (typeof SPEEDUP_METHODS)[number];

export interface SpeedupRow {
  dataset: string;
  method: SpeedupMethod;
  modelId: string;
  sampler: string;
  nfe: number;
  /** Mean over the seeds of `sw1BySeed`. */
  sw1: number;
  sw1BySeed: number[];
}

export interface SpeedupDataset {
  dataset: string;
  /** Liu et al.'s S of fm-<dataset> and fm-<dataset>-reflow1 (core/metrics/flowStraightness.ts). */
  straightness: { fm: number; reflow: number };
  /** Sliced W1 of a second data draw to the held-out block: the floor a perfect model reaches. */
  dataFloor: number;
}

export interface SpeedupTable {
  command: 'speedup-table';
  argv: string[];
  date: string;
  /** `git describe --always --dirty` of the checkout, or null outside a git checkout. */
  commit: string | null;
  options: SpeedupOptions;
  datasets: SpeedupDataset[];
  rows: SpeedupRow[];
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

function checkoutCommit(): string | null {
  try {
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

/** The command line less `--out PATH` (where the result went says nothing of how it was made). */
function withoutOut(argv: readonly string[]): string[] {
  return argv.filter((a, i) => a !== '--out' && argv[i - 1] !== '--out' && !a.startsWith('--out='));
}

function entryOf(manifest: ModelManifest, id: string): ModelEntry {
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) throw new UsageError(`model "${id}" is not shipped in the models directory`);
  return entry;
}

/** The teacher's N-step DDIM grid: the uniform-t grid its students were distilled on (with the final 0). */
export function teacherSigmas(teacher: ModelEntry, nfe: number): number[] {
  const { schedule } = trainingDiffusion(teacher);
  return uniformTGrid((t) => schedule.sigma(t), schedule.tMax, nfe);
}

/** One model at one NFE: its id, its sampler settings and its denoiser. */
interface Run {
  method: SpeedupMethod;
  entry: ModelEntry;
  settings: SceneSettings;
  nfe: number;
}

/**
 * Every run of one data set. The teacher runs DDIM (η = 0) on the students' uniform-t grid
 * (training/distill.py), the flow models Euler on the time-uniform grid, the students their own
 * sampler on their own grid; a student runs only at the step counts it was distilled for.
 */
function datasetRuns(manifest: ModelManifest, dataset: string, o: SpeedupOptions): Run[] {
  const base: SceneSettings = { ...DEFAULT_SCENE, dataset, particles: o.points };
  const teacher = entryOf(manifest, `mlp-${dataset}`);
  const runs: Run[] = o.teacherNfes.map((nfe) => ({
    method: 'teacher',
    entry: teacher,
    nfe,
    settings: {
      ...base,
      process: 'vp',
      sampler: 'ddim',
      steps: nfe,
      customSigmas: teacherSigmas(teacher, nfe).slice(0, -1),
    },
  }));
  for (const kind of ['distill', 'consistency'] as const)
    for (const nfe of o.nfes) {
      const pick = pickStudent(manifest, kind, dataset, nfe);
      if (pick.steps !== nfe) continue;
      const settings = studentSettings({ ...base, process: 'vp' }, pick);
      runs.push({ method: kind, entry: pick.entry, nfe, settings });
    }
  const flow = { ...base, process: 'flow', sigmaGrid: 'time-uniform', sampler: 'euler' } as const;
  for (const [method, id] of [
    ['fm', `fm-${dataset}`],
    ['reflow', `fm-${dataset}-reflow1`],
  ] as const)
    for (const nfe of o.nfes)
      runs.push({ method, entry: entryOf(manifest, id), nfe, settings: { ...flow, steps: nfe } });
  return runs;
}

/**
 * `speedup-table`: sliced W1 to held-out data against NFE for the diffusion teacher, its
 * progressive and consistency students, the flow-matching model and its reflow, in one run with
 * the same seeds, the same held-out blocks and the same projections for every model; and the
 * straightness of both flows on the same noise.
 */
export async function speedupTableCommand(argv: readonly string[]): Promise<SpeedupTable> {
  const o = parseSpeedupOptions(argv);
  // The code that runs is the checkout's now, not at the end of the run.
  const commit = checkoutCommit();
  const dir = o.modelsDir ?? DEFAULT_MODELS_DIR;
  const modelsDir = dir.endsWith('/') ? dir : `${dir}/`;
  const manifest = await readManifest(modelsDir);
  const net = await import('./networks');
  await net.useBackend(o.backend);
  const host = net.tensorHost([2]);
  const rows: SpeedupRow[] = [];
  const datasets: SpeedupDataset[] = [];
  for (const dataset of o.datasets) {
    const heldOut = sampleDataset(dataset, o.points * o.repeats, HELD_OUT_SEED);
    const second = sampleDataset(dataset, o.points * o.repeats, SECOND_DRAW_SEED);
    const block = (x: Float64Array, k: number) =>
      x.subarray(2 * o.points * k, 2 * o.points * (k + 1));
    const sw1To = (samples: Float64Array, k: number) =>
      slicedWasserstein1(samples, block(heldOut, k), { projections: o.projections, seed: k });
    const seeds = Array.from({ length: o.repeats }, (_, k) => k);
    const denoisers = new Map<string, Denoiser<Tensor>>();
    for (const run of datasetRuns(manifest, dataset, o)) {
      const id = run.entry.id;
      const denoise = denoisers.get(id) ?? (await net.loadMlpDenoiser(run.entry, modelsDir));
      denoisers.set(id, denoise);
      const sw1BySeed = seeds.map((seed) => {
        const r = runScene({
          host,
          settings: { ...run.settings, seed },
          denoise,
          dim: 2,
          trajectory: false,
        });
        if (r.nfe !== run.nfe) throw new Error(`${id}: ${r.nfe} NFE where ${run.nfe} were planned`);
        return sw1To(Float64Array.from(r.samples.flat()), seed);
      });
      const sampler = run.settings.sampler;
      rows.push({
        dataset,
        method: run.method,
        modelId: id,
        sampler,
        nfe: run.nfe,
        sw1: mean(sw1BySeed),
        sw1BySeed,
      });
    }
    const noise = normals(STRAIGHTNESS_SEED, 0, 2 * o.paths);
    const straightnessOf = async (id: string) =>
      flowStraightness(
        await net.loadFlowVelocity(entryOf(manifest, id), modelsDir),
        noise,
        o.pathSteps,
      );
    datasets.push({
      dataset,
      straightness: {
        fm: await straightnessOf(`fm-${dataset}`),
        reflow: await straightnessOf(`fm-${dataset}-reflow1`),
      },
      dataFloor: mean(seeds.map((k) => sw1To(block(second, k), k))),
    });
  }
  return {
    command: 'speedup-table',
    argv: ['speedup-table', ...withoutOut(argv)],
    date: new Date().toISOString().slice(0, 10),
    commit,
    options: o,
    datasets,
    rows,
  };
}
