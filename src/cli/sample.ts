import { float64Host } from '../core/host';
import { cachedExactModel } from '../core/scene/build';
import type { SceneSettings } from '../core/scene/settings';
import type { ModelManifest } from '../models/manifest';
import {
  MissingStudentError,
  pickStudent,
  studentSettings,
  type Student2d,
  type StudentPick,
} from '../models/students';
import { UsageError } from './args';
import { availableModel, DEFAULT_MODELS_DIR, readManifest } from './modelFiles';
import { runScene, type SceneResult } from './runScene';
import {
  isNetwork2d,
  type Network2d,
  NETWORK_2D_NAMES,
  NETWORKS_2D,
  parseSampleOptions,
  type SampleOptions,
} from './sampleOptions';

const isStudent = (model: string): model is Student2d =>
  model === 'distill' || model === 'consistency';

/** The student for the data set and steps asked for; none distilled for the data set is a usage error. */
function studentPick(manifest: ModelManifest, kind: Student2d, s: SceneSettings): StudentPick {
  try {
    return pickStudent(manifest, kind, s.dataset, s.steps);
  } catch (e) {
    if (e instanceof MissingStudentError) throw new UsageError(e.message);
    throw e;
  }
}

/** The class index named by `arg` (an index or one of the model's class names). */
function classIndex(arg: string, names: readonly string[], count: number): number {
  const byName = names.indexOf(arg);
  const index = byName >= 0 ? byName : /^\d+$/.test(arg) ? Number(arg) : NaN;
  if (!(index >= 0 && index < count))
    throw new UsageError(
      `--class must be 0..${count - 1}${names.length ? ` or one of ${names.join(', ')}` : ''}, got "${arg}"`,
    );
  return index;
}

interface RunOutput {
  result: SceneResult;
  /** Settings that only some models have (model id, class, guidance, image shape). */
  extra: object;
  loadTimeMs?: number;
}

function sampleExact(o: SampleOptions): RunOutput {
  const result = runScene({
    host: float64Host,
    settings: o.settings,
    denoise: cachedExactModel(o.settings.dataset).denoise,
    dim: 2,
    trajectory: o.trajectory,
  });
  return { result, extra: {} };
}

async function sampleNetwork(o: SampleOptions): Promise<RunOutput> {
  const dir = o.modelsDir ?? DEFAULT_MODELS_DIR;
  const modelsDir = dir.endsWith('/') ? dir : `${dir}/`;
  const manifest = await readManifest(modelsDir);
  const image = !isNetwork2d(o.model);
  const student = isStudent(o.model) ? studentPick(manifest, o.model, o.settings) : null;
  const entry = image
    ? availableModel(
        manifest,
        o.model,
        'unet',
        (ids) =>
          `model "${o.model}" is not available; --model takes exact, ${NETWORKS_2D.join(', ')} or a shipped image model (${ids.join(', ') || 'none yet'})`,
      )
    : student
      ? student.entry
      : availableModel(manifest, `${o.model}-${o.settings.dataset}`, 'mlp2d', (ids) => {
          const prefix = `${o.model}-`;
          const trained = ids
            .filter((id) => id.startsWith(prefix))
            .map((id) => id.slice(prefix.length));
          return `no ${NETWORK_2D_NAMES[o.model as Network2d]} for data set "${o.settings.dataset}" is available; trained: ${trained.join(', ') || 'none yet'}`;
        });
  const classId = image
    ? classIndex(o.classArg ?? '0', entry.classes ?? [], entry.classes?.length ?? 0)
    : 0;
  const net = await import('./networks');
  await net.useBackend(o.backend);
  const t0 = performance.now();
  const common = { settings: o.settings, trajectory: o.trajectory };
  if (!image) {
    const denoise = await net.loadMlpDenoiser(entry, modelsDir);
    const loadTimeMs = performance.now() - t0;
    // A student runs its own sampler and σ grid (reported in the output's settings).
    const settings = student ? studentSettings(o.settings, student) : o.settings;
    const result = runScene({ ...common, settings, host: net.tensorHost([2]), denoise, dim: 2 });
    const extra = student
      ? { ...settings, modelId: entry.id, student: student.notice }
      : { modelId: entry.id };
    return { result, extra, loadTimeMs };
  }
  const { info, denoiser } = await net.loadImageModel(entry, modelsDir);
  const loadTimeMs = performance.now() - t0;
  const dim = info.inputShape.reduce((a, b) => a * b, 1);
  const denoise = denoiser({ classId, guidance: o.guidance ?? 1 });
  const result = runScene({ ...common, host: net.tensorHost(info.inputShape), denoise, dim });
  const extra = {
    modelId: entry.id,
    class: classId,
    className: entry.classes?.[classId] ?? String(classId),
    guidance: o.guidance ?? 1,
    imageShape: info.inputShape,
  };
  return { result, extra, loadTimeMs };
}

/** `sample`: one run on the exact model (float64) or a trained network (tfjs cpu or wasm): a 2D
 * diffusion MLP (`mlp`), a 2D flow-matching MLP (`fm`) or an image model by id. */
export async function sampleCommand(argv: readonly string[]): Promise<Record<string, unknown>> {
  const o = parseSampleOptions(argv);
  const { settings } = o;
  const { result, extra, loadTimeMs } =
    o.model === 'exact' ? sampleExact(o) : await sampleNetwork(o);
  const { samples, trajectory, ...stats } = result;
  return {
    command: 'sample',
    settings: {
      ...settings,
      model: o.model,
      ...(o.model === 'exact' ? {} : { backend: o.backend }),
      ...extra,
    },
    ...stats,
    ...(loadTimeMs === undefined ? {} : { loadTimeMs }),
    samples,
    ...(trajectory ? { trajectory } : {}),
  };
}
