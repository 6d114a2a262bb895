// Measures how far each manifold lane's samples land from the target distribution:
// kernel MMD² (unbiased, Gaussian kernel of bandwidth 0.25 on the embedded points: R³ for S²,
// R⁴ for T²) and, on S², the spherical sliced-Wasserstein distance (200 great circles; Bonet et
// al. 2023) between 600 samples and 2,000 fresh draws of the target, for the lanes on the exact
// models and on the shipped networks (rsgm-*, rfm-*; the naive lane has no network), beside two
// references: a second fresh draw of the target (the noise floor) and the uniform law (no model).
// Prints markdown tables and writes training/.cache/manifold-distances.json (the model cards'
// numbers, training/write_card_manifold.py). Run: npx tsx scripts/manifold-distances.ts [steps]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_MODELS_DIR, fileFetch, readManifest } from '../src/cli/modelFiles';
import {
  citiesOnSphere,
  DIHEDRAL_MIXTURE,
  parseCities,
  sampleVmfMixture,
  sampleWrappedMixture,
  VMF_MIXTURE,
  WRAPPED_MIXTURE,
} from '../src/core/data/manifoldData';
import { manifoldPoints } from '../src/core/manifold/datasets';
import {
  sphereFmVelocity,
  sphereScore,
  torusFmVelocity,
  torusScore,
} from '../src/core/manifold/exact';
import { embedded, type LaneModels, reverseLanes } from '../src/core/manifold/lanes';
import { MANIFOLDS, uniformPoints } from '../src/core/manifold/manifolds';
import { mmd2 } from '../src/core/metrics/mmd';
import { sphericalSlicedW1 } from '../src/core/metrics/sphericalSliced';
import { runToEnd } from '../src/core/samplers/driver';
import { loadModel } from '../src/models/loader';
import { manifoldNetworkField } from '../src/models/manifoldMlp';
import { MANIFOLD_DATA_POINTS } from '../src/worker/protocol/manifold';

const STEPS = Number(process.argv[2] ?? 100);
const PARTICLES = 600;
const BANDWIDTH = 0.25;
const citiesText = readFileSync('public/data/cities.json', 'utf8');
const target = {
  cities: (seed: number) => citiesOnSphere(parseCities(citiesText), true, 2000, seed),
  vmf: (seed: number) => sampleVmfMixture(VMF_MIXTURE, 2000, seed),
  wrapped: (seed: number) => sampleWrappedMixture(WRAPPED_MIXTURE, 2000, seed),
  dihedral: (seed: number) => sampleWrappedMixture(DIHEDRAL_MIXTURE, 2000, seed),
};
const sets = [
  ['sphere', 'cities'],
  ['sphere', 'vmf'],
  ['torus', 'wrapped'],
  ['torus', 'dihedral'],
] as const;

await tf.setBackend('cpu');
const manifest = await readManifest(DEFAULT_MODELS_DIR);
async function network(id: string) {
  const entry = manifest.models.find((e) => e.id === id);
  if (!entry) throw new Error(`model "${id}" is not in public/models/manifest.json`);
  return manifoldNetworkField(
    await loadModel(entry, { fetch: fileFetch, baseUrl: DEFAULT_MODELS_DIR }),
  );
}

type Row = Record<string, number>;
const results: Record<string, { mmd2: Row; ssw?: Row }> = {};
const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toExponential(2));
const columns = ['sde', 'ode', 'fm', 'naive', 'fresh', 'uniform'];
const lines: Record<'mmd2' | 'ssw', string[]> = { mmd2: [], ssw: [] };

for (const [id, name] of sets) {
  const m = MANIFOLDS[id];
  const data = manifoldPoints(name, MANIFOLD_DATA_POINTS, true, citiesText);
  const truth = target[name](901);
  const dist = (points: Float64Array) => ({
    mmd2: mmd2(embedded(m, points), embedded(m, truth), {
      bandwidth: BANDWIDTH,
      estimator: 'unbiased',
      dim: m.ambient,
    }),
    ssw: id === 'sphere' ? sphericalSlicedW1(points, truth) : undefined,
  });
  const exact: LaneModels =
    id === 'sphere'
      ? { score: sphereScore(data), velocity: sphereFmVelocity(data) }
      : { score: torusScore(data), velocity: torusFmVelocity(data) };
  const trained: LaneModels = {
    score: await network(`rsgm-${name}`),
    velocity: await network(`rfm-${name}`),
  };
  const sizes = { steps: STEPS, particles: PARTICLES, seed: 5, heun: true };
  const refs = {
    fresh: dist(target[name](902).subarray(0, PARTICLES * m.dim)),
    uniform: dist(uniformPoints(m, PARTICLES, 7)),
  };
  for (const [model, models] of [
    ['exact', exact],
    ['network', trained],
  ] as const) {
    const lanes = reverseLanes(m, data, models, sizes).filter(
      (lane) => model === 'exact' || lane.id !== 'naive',
    );
    const cells: Record<string, ReturnType<typeof dist>> = { ...refs };
    for (const lane of lanes) cells[lane.id] = dist(lane.onManifold(runToEnd(lane.run).x));
    const pick = (k: 'mmd2' | 'ssw') =>
      Object.fromEntries(columns.map((c) => [c, cells[c]?.[k]]).filter(([, v]) => v !== undefined));
    results[`${name}/${model}`] = {
      mmd2: pick('mmd2'),
      ...(id === 'sphere' ? { ssw: pick('ssw') } : {}),
    };
    for (const k of ['mmd2', 'ssw'] as const) {
      const row = results[`${name}/${model}`][k];
      if (row)
        lines[k].push(
          `| ${id} | ${name} | ${model} | ${columns.map((c) => fmt(row[c])).join(' | ')} |`,
        );
    }
  }
}

const head = `| manifold | data | model | ${columns.join(' | ')} |\n|${' --- |'.repeat(3 + columns.length)}`;
console.log(
  `MMD² (bandwidth ${BANDWIDTH}), ${STEPS} steps, ${PARTICLES} samples:\n${head}\n${lines.mmd2.join('\n')}`,
);
console.log(
  `\nSpherical sliced W1 (radians, 200 great circles):\n${head}\n${lines.ssw.join('\n')}`,
);
mkdirSync('training/.cache', { recursive: true });
writeFileSync(
  'training/.cache/manifold-distances.json',
  JSON.stringify({ steps: STEPS, particles: PARTICLES, bandwidth: BANDWIDTH, results }, null, 1),
);
