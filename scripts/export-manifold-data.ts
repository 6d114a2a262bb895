/**
 * Dump the manifold data sets from the app's own generators to training/.cache/, so the Python
 * trainer (training/train_manifold.py) fits exactly the distributions the manifold view samples.
 *
 *   npx tsx scripts/export-manifold-data.ts
 *
 * Writes manifold-<id>.json ({ id, manifold, n, seed, points }, points flat: rows of 3 unit-vector
 * coordinates on S², of 2 angles in [−π, π) on T²): 20,000 draws with seed 1 (cities drawn in
 * proportion to population), apart from the seeds the view and scripts/manifold-distances.ts use.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  citiesOnSphere,
  DIHEDRAL_MIXTURE,
  parseCities,
  sampleVmfMixture,
  sampleWrappedMixture,
  VMF_MIXTURE,
  WRAPPED_MIXTURE,
} from '../src/core/data/manifoldData.ts';

const N = 20_000;
const SEED = 1;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cities = parseCities(readFileSync(join(root, 'public', 'data', 'cities.json'), 'utf8'));
const sets = {
  cities: ['sphere', () => citiesOnSphere(cities, true, N, SEED)],
  vmf: ['sphere', () => sampleVmfMixture(VMF_MIXTURE, N, SEED)],
  wrapped: ['torus', () => sampleWrappedMixture(WRAPPED_MIXTURE, N, SEED)],
  dihedral: ['torus', () => sampleWrappedMixture(DIHEDRAL_MIXTURE, N, SEED)],
} as const;

const outDir = join(root, 'training', '.cache');
mkdirSync(outDir, { recursive: true });
for (const [id, [manifold, draw]] of Object.entries(sets)) {
  const points = Array.from(draw(), (v) => Math.round(v * 1e7) / 1e7);
  writeFileSync(
    join(outDir, `manifold-${id}.json`),
    JSON.stringify({ id, manifold, n: N, seed: SEED, points }),
  );
  console.log(`${id} (${manifold}): ${N} points`);
}
