// Measures how far each manifold lane's samples land from the target distribution (issue 20):
// kernel MMD² (unbiased, Gaussian kernel of bandwidth 0.25 on the embedded points: R³ for S²,
// R⁴ for T²) between 600 samples and 2,000 fresh draws of the target, for the four lanes on the
// exact models, beside two references: a second fresh draw of the target (the noise floor) and
// the uniform law (no model). Run: npx tsx scripts/manifold-distances.ts [steps]
import { readFileSync } from 'node:fs';
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
import { embedded, reverseLanes } from '../src/core/manifold/lanes';
import { MANIFOLDS, uniformPoints } from '../src/core/manifold/manifolds';
import { mmd2 } from '../src/core/metrics/mmd';
import { runToEnd } from '../src/core/samplers/driver';
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

console.log(
  `| manifold | data | ${['sde', 'ode', 'fm', 'naive'].join(' | ')} | fresh draw | uniform |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [id, name] of sets) {
  const m = MANIFOLDS[id];
  const data = manifoldPoints(name, MANIFOLD_DATA_POINTS, true, citiesText);
  const truth = embedded(m, target[name](901));
  const dist = (points: Float64Array) =>
    mmd2(embedded(m, points), truth, {
      bandwidth: BANDWIDTH,
      estimator: 'unbiased',
      dim: m.ambient,
    });
  const models =
    id === 'sphere'
      ? { score: sphereScore(data), velocity: sphereFmVelocity(data) }
      : { score: torusScore(data), velocity: torusFmVelocity(data) };
  const lanes = reverseLanes(m, data, models, {
    steps: STEPS,
    particles: PARTICLES,
    seed: 5,
    heun: true,
  });
  const cells = lanes.map((lane) => dist(lane.onManifold(runToEnd(lane.run).x)).toExponential(2));
  const fresh = dist(target[name](902).subarray(0, PARTICLES * m.dim)).toExponential(2);
  const uniform = dist(uniformPoints(m, PARTICLES, 7)).toExponential(2);
  console.log(`| ${id} | ${name} | ${cells.join(' | ')} | ${fresh} | ${uniform} |`);
}
