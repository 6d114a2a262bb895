import { DATASETS } from '../core/data';
import { DISCRETE_SAMPLERS } from '../core/discrete/samplers/registry';
import { PROCESS_IDS } from '../core/scene/settings';
import { SAMPLERS } from '../core/samplers/registry';
import { BETA_SCHEDULES, SIGMA_GRID_KINDS, TIMESTEP_SPACINGS } from '../core/schedules';
import { discreteDatasetOf, discreteNetworks } from './discrete';
import {
  DEFAULT_DISCRETE_SAMPLER,
  DISCRETE_DATASET_IDS,
  DISCRETE_DATASETS,
} from './discreteOptions';
import { TRAINED_LATENT_MODEL } from './latentIds';
import { readManifest } from './modelFiles';

/** What `sample --discrete` accepts: data sets, models (exact per data set, networks), samplers. */
function discreteList(manifest: Awaited<ReturnType<typeof readManifest>>): Record<string, unknown> {
  return {
    datasets: DISCRETE_DATASET_IDS.map((id) => {
      const { title, L, levels, classes } = DISCRETE_DATASETS[id];
      return { id, title, length: L, tokens: levels, classes };
    }),
    models: [
      ...DISCRETE_DATASET_IDS.map((id) => ({
        id: 'exact',
        kind: 'empirical',
        dataset: id,
        process: 'absorbing',
        schedule: 'log-linear',
      })),
      ...discreteNetworks(manifest).map((m) => ({
        id: m.id,
        kind: m.kind,
        dataset: discreteDatasetOf(m) ?? m.dataset,
        parameterisation: m.parameterisation,
        classes: m.classes ?? [],
      })),
    ],
    samplers: DISCRETE_SAMPLERS.filter((s) => s.processes.includes('absorbing')).map((s) => ({
      id: s.id,
      name: s.name,
      reference: s.reference,
      default: s.id === DEFAULT_DISCRETE_SAMPLER,
      params: s.params.map((p) => ({ ...p, default: s.defaults[p.key] })),
    })),
  };
}

/** Everything `sample` accepts: data sets, models, samplers (with their parameters), schedules. */
export async function listCommand(modelsDir: string): Promise<Record<string, unknown>> {
  const manifest = await readManifest(modelsDir);
  const networks2d = (prefix: string) =>
    manifest.models
      .filter(
        (m) => m.kind === 'mlp2d' && m.id.startsWith(prefix) && !TRAINED_LATENT_MODEL.test(m.id),
      )
      .map((m) => m.dataset);
  return {
    command: 'list',
    datasets: DATASETS.map((d) => ({
      id: d.id,
      title: d.title,
      exactModel: d.mixture ? 'gaussian-mixture' : 'empirical',
    })),
    models: [
      { id: 'exact', kind: 'analytic', datasets: DATASETS.map((d) => d.id) },
      { id: 'mlp', kind: 'mlp2d', parameterisation: 'eps', datasets: networks2d('mlp-') },
      { id: 'fm', kind: 'mlp2d', parameterisation: 'velocity', datasets: networks2d('fm-') },
      ...(['distill', 'consistency'] as const).map((kind) => ({
        id: kind,
        kind: 'mlp2d',
        parameterisation: kind === 'distill' ? 'v' : 'consistency',
        datasets: [...new Set(networks2d(`${kind}-`))],
        students: manifest.models
          .filter((m) => m.id.startsWith(`${kind}-`) && m.sampling)
          .map((m) => ({
            id: m.id,
            sampler: m.sampling!.sampler,
            steps: Object.keys(m.sampling!.grids).map(Number),
          })),
      })),
      ...manifest.models
        .filter((m) => m.kind === 'unet')
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          inputShape: m.inputShape,
          parameterisation: m.parameterisation,
          classes: m.classes ?? [],
        })),
      // Latent models: the exact latent denoiser over public/data/<id>.json, decoded by an autoencoder.
      ...manifest.models
        .filter((m) => m.kind === 'autoencoder' && /-vae\d+$/.test(m.id))
        .map((m) => ({
          id: m.id.replace(/-vae(\d+)$/, '-latent$1d'),
          kind: 'latent',
          autoencoder: m.id,
          imageShape: m.inputShape,
          classes: m.classes ?? [],
        })),
      // Trained class-conditional latent denoisers (training/train_latent.py), with guidance.
      ...manifest.models
        .filter((m) => m.kind === 'mlp2d' && TRAINED_LATENT_MODEL.test(m.id))
        .map((m) => ({
          id: m.id,
          kind: 'latent-mlp',
          parameterisation: m.parameterisation,
          autoencoder: m.id.replace(TRAINED_LATENT_MODEL, '$1-vae$2'),
          latentShape: m.inputShape,
          classes: m.classes ?? [],
        })),
    ],
    samplers: SAMPLERS.map((s) => ({
      id: s.id,
      name: s.name,
      reference: s.reference,
      stochastic: s.stochastic(s.defaults),
      nfePerStep: s.nfePerStep(s.defaults),
      params: s.params.map((p) => ({ ...p, default: s.defaults[p.key] })),
    })),
    schedules: {
      processes: PROCESS_IDS,
      betaSchedules: BETA_SCHEDULES,
      spacings: TIMESTEP_SPACINGS,
      sigmaGrids: SIGMA_GRID_KINDS,
    },
    discrete: discreteList(manifest),
  };
}
