/**
 * Writes docs/SPEEDUP.md: measurements of the training-free accelerations on exact models
 * (optimised σ grids and timestep subsets), and the shipped distilled students' sliced W1 against
 * NFE as their model cards measured it. Run: npx tsx scripts/gen-speedup-doc.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sampleDataset } from '../src/core/data';
import { exactModel } from '../src/core/data/exact';
import { mixtureDenoiser } from '../src/core/denoisers/gaussianMixture';
import { elboJumpCosts, optimalSubset } from '../src/core/lab/dpSchedule';
import { optimiseSigmaGrid } from '../src/core/lab/gridSearch';
import {
  BENCHMARK_MIXTURE,
  benchmarkSetup,
  rmsDifference,
  solve,
} from '../src/core/samplers/convergence';
import { requireSampler } from '../src/core/samplers/registry';
import { makeDiscreteVP } from '../src/core/schedules/discreteVP';
import { logSnrUniformSigmas } from '../src/core/schedules/sigmas';
import { spacedTimesteps } from '../src/core/schedules/spacing';

const NFE = 10;
const setup = benchmarkSetup(mixtureDenoiser(BENCHMARK_MIXTURE), requireSampler('rk45'), 7);
const gridRows = ['euler', 'heun', 'dpmpp-2m'].map((id) => {
  const def = requireSampler(id);
  const steps = NFE / def.nfePerStep(def.defaults);
  const logSnr = logSnrUniformSigmas(steps + 1, setup.sigmaMin, setup.sigmaMax).slice(0, -1);
  const run = solve(def, def.defaults, setup.denoise, { sigmas: logSnr }, setup.xStart);
  const found = optimiseSigmaGrid(def, def.defaults, setup, steps);
  return { id, logSnr: rmsDifference(run.x, setup.reference), ...found };
});

const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 });
const T = schedule.numTrainTimesteps;
const DATASET = 'gaussians8';
const x0 = sampleDataset(DATASET, 256, 1);
const costs = (seed: number) =>
  elboJumpCosts(exactModel(DATASET).model.denoise, x0, schedule, { samples: 4, seed });
const cost = costs(2);
/** Fresh noise: the DP's path re-estimated, free of the bias of picking noisy minima. */
const check = costs(3);
/** A path's summed jump terms under `c`; paths are 1-based t (diffusers timestep + 1), T first, then 0. */
const pathCost = (path: readonly number[], c = cost) =>
  path.slice(0, -1).reduce((a, t, j) => a + c(t, path[j + 1]), 0);
const subsetRows = [2, 5, 10, 20, 50, 100].map((K) => {
  const trailing = [...spacedTimesteps('trailing', K, T).map((t) => t + 1), 0];
  const dp = optimalSubset(cost, T, K);
  return {
    K,
    trailing: pathCost(trailing, check),
    dp: dp.cost,
    dpCheck: pathCost(dp.path, check),
    path: dp.path,
  };
});
const full = pathCost(
  Array.from({ length: T + 1 }, (_, i) => T - i),
  check,
);

/** sliced W1 per NFE (keys "1", "2", …), one value per repeat, as the cards' model.json hold it. */
type Sw1ByNfe = Record<string, number[]>;
interface StudentEvaluation {
  points: number;
  projections: number;
  repeats: number;
  sw1ByNfe: { 'teacher-ddim': Sw1ByNfe; student: Sw1ByNfe };
}
const evaluation = (id: string): StudentEvaluation =>
  (
    JSON.parse(
      readFileSync(new URL(`../public/models/${id}/model.json`, import.meta.url), 'utf8'),
    ) as { evaluation: StudentEvaluation }
  ).evaluation;
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const STUDENT_SETS = ['gaussians8', 'moons', 'swissroll'];
const STUDENT_NFE = [1, 2, 4];
/** The reflowed flow models' card figures (training/reflow.py): straightness and sliced W1 by NFE. */
interface ReflowFigures {
  straightness: number;
  sw1ByNfe: Record<string, number>;
}
const REFLOW_SETS = ['gaussians8', 'moons', 'swissroll'];
const REFLOW_NFES = ['1', '2', '4', '8'];
const reflowRows = REFLOW_SETS.map((dataset) => {
  const json = JSON.parse(
    readFileSync(
      new URL(`../public/models/fm-${dataset}-reflow1/model.json`, import.meta.url),
      'utf8',
    ),
  ) as { evaluation: { before: ReflowFigures; after: ReflowFigures } };
  return { dataset, ...json.evaluation };
});

const studentRows = STUDENT_SETS.flatMap((dataset) => {
  const consistency = evaluation(`consistency-${dataset}`);
  const teacher = consistency.sw1ByNfe['teacher-ddim'];
  const teacherNfe = Object.keys(teacher)
    .map(Number)
    .sort((a, b) => a - b);
  /** The fewest teacher DDIM steps (of those measured) at or below `sw1`, or null. */
  const teacherMatch = (sw1: number) => teacherNfe.find((n) => mean(teacher[n]) <= sw1) ?? null;
  return STUDENT_NFE.map((nfe) => {
    const distilled = evaluation(`distill-${dataset}-${nfe}`);
    // Both cards measure the same teacher on the same draws: a mismatch is a stale card.
    if (JSON.stringify(distilled.sw1ByNfe['teacher-ddim']) !== JSON.stringify(teacher))
      throw new Error(
        `distill-${dataset}-${nfe} and consistency-${dataset} disagree on the teacher`,
      );
    const d = mean(distilled.sw1ByNfe.student[nfe]);
    const c = mean(consistency.sw1ByNfe.student[nfe]);
    return {
      dataset,
      nfe,
      teacher: mean(teacher[nfe]),
      teacherBest: mean(teacher[teacherNfe[teacherNfe.length - 1]]),
      teacherMaxNfe: teacherNfe[teacherNfe.length - 1],
      distilled: d,
      distilledMatch: teacherMatch(d),
      consistency: c,
      consistencyMatch: teacherMatch(c),
    };
  });
});
const firstEval = evaluation(`consistency-${STUDENT_SETS[0]}`);
const sw1 = (v: number) => v.toFixed(4);
/** "lo–hi" of `values` (`digits` decimals, integers by default). */
const range = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const match = (n: number | null) => (n === null ? `> ${studentRows[0].teacherMaxNfe}` : `${n}`);

const nats = (v: number) => v.toFixed(3);
const lines = [
  '# Speed-ups: optimised grids and timestep subsets',
  '',
  'Generated by `npx tsx scripts/gen-speedup-doc.ts`. Do not edit by hand.',
  '',
  `## σ grids optimised per sampler at ${NFE} NFE`,
  '',
  '`src/core/lab/gridSearch.ts` on the sampler benchmark of docs/SAMPLERS.md (exact 3-component',
  'Gaussian mixture, 64 particles, σ = 10 → 0.05): RMS endpoint error against RK45 at',
  'rtol = atol = 1e-11 on Karras ρ = 7 (the search starts there), log-SNR-uniform and the',
  'optimised grid. Paste a grid into a link as `sigmas=` (README) to run it in any view.',
  'The lab computes the same comparison at its own NFE for one of its samplers ("Step grids":',
  'uniform σ, Karras, log-SNR, the DP subset of the next section restricted to the σ range, and',
  'this search) and writes an optimised grid into the link with "Use this grid".',
  '',
  '| sampler | steps | Karras ρ = 7 | log-SNR uniform | optimised | gain vs Karras | sampler runs |',
  '|---|---|---|---|---|---|---|',
  ...gridRows.map(
    (r) =>
      `| \`${r.id}\` | ${r.sigmas.length - 1} | ${r.karrasError.toExponential(2)} | ${r.logSnr.toExponential(2)} | ${r.error.toExponential(2)} | ×${(r.karrasError / r.error).toFixed(2)} | ${r.evaluations} |`,
  ),
  '',
  ...gridRows.flatMap((r) => [
    `- \`${r.id}\`: \`sigmas=${r.sigmas.map((s) => s.toPrecision(4)).join(',')}\``,
  ]),
  '',
  '## Timestep subsets by dynamic programming (Watson et al. 2021)',
  '',
  '`src/core/lab/dpSchedule.ts`: the K-step subset of the linear-β DDPM chain (T = 1000) that',
  `minimises the summed bound terms of its jumps, for the exact ${DATASET} denoiser (256 data`,
  "points, 4 noise draws each), against diffusers' trailing spacing at the same K. Nats per data",
  'point, the prior term L_T left out (it is the same for every path). The DP minimises a Monte',
  'Carlo estimate, so its own value is biased low; the paths are re-estimated on fresh noise',
  `("fresh"), as are trailing spacing and the full chain (K = T: ${nats(full)}). Each chain's bound`,
  'is that of its own model, so a short chain can beat the full one.',
  '',
  '| K | trailing spacing (fresh) | DP-optimal (its estimate) | DP-optimal (fresh) | DP path (t, 1-based) |',
  '|---|---|---|---|---|',
  ...subsetRows.map(
    (r) =>
      `| ${r.K} | ${nats(r.trailing)} | ${nats(r.dp)} | ${nats(r.dpCheck)} | ${r.K <= 10 ? r.path.join(', ') : '…'} |`,
  ),
  '',
  '## Distilled students: sliced W1 against NFE',
  '',
  'The shipped students of the linear-β diffusion MLPs `mlp-<dataset>` (training/distill.py):',
  'progressive distillation (Salimans & Ho 2022), one student per step count, `distill-<dataset>-<N>`',
  'running DDIM (η = 0) on its own N-step grid, and consistency distillation (Song et al. 2023),',
  'one model `consistency-<dataset>` running multistep consistency sampling (Algorithm 1, sampler',
  '`consistency`) on the grid it states for N; beside them the teacher itself, DDIM (η = 0) on the',
  `uniform-t grid at the same NFE. Sliced W1 to held-out data (${firstEval.points.toLocaleString('en-US')} samples, ${firstEval.projections}`,
  `random directions, mean of ${firstEval.repeats} seeds), as each model card measured it (\`evaluation.sw1ByNfe\``,
  'in its model.json); "teacher NFE to match" is the fewest teacher DDIM steps measured',
  `(1, 2, 4, …, ${studentRows[0].teacherMaxNfe}) whose sliced W1 is at or below the student's. Run them:`,
  '`#view=reverse&model=distill&dataset=moons&steps=2` or `model=consistency` (README), or',
  '`npx diffusion-playground sample --model distill-moons-2` (docs/CLI.md).',
  '',
  `| data set | NFE | teacher DDIM | teacher DDIM, ${studentRows[0].teacherMaxNfe} NFE | distilled \`distill-<dataset>-<N>\` | teacher NFE to match | consistency \`consistency-<dataset>\` | teacher NFE to match |`,
  '|---|---|---|---|---|---|---|---|',
  ...studentRows.map(
    (r) =>
      `| ${r.dataset} | ${r.nfe} | ${sw1(r.teacher)} | ${sw1(r.teacherBest)} | ${sw1(r.distilled)} | ${match(r.distilledMatch)} | ${sw1(r.consistency)} | ${match(r.consistencyMatch)} |`,
  ),
  '',
  `At ${STUDENT_NFE.join(', ')} NFE the progressive students match the teacher at ${range(studentRows.map((r) => r.distilledMatch ?? Infinity))} DDIM steps.`,
  `The consistency models are ${range(
    studentRows.map((r) => r.consistency / r.distilled),
    1,
  )}× the progressive students' sliced W1`,
  `(${range(
    studentRows.map((r) => r.consistency),
    3,
  )} against ${range(
    studentRows.map((r) => r.distilled),
    3,
  )}), and more steps of Algorithm 1 do not`,
  'reliably help: each step re-noises to σ_n and the consistency function is learnt only approximately.',
  '',
  '## Reflow: straighter flows (Liu et al. 2023)',
  '',
  '`training/reflow.py` carries fresh noise to samples with the ODE of the shipped flow-matching model',
  '`fm-<dataset>` and fine-tunes a copy on those coupled pairs: `fm-<dataset>-reflow1` (`model=reflow`',
  'in every view, the flow mesh included). Straightness S = E∫‖(ε − x₀) − v(x_τ, τ)‖² dτ along each',
  "model's own ODE paths (Liu et al. eq. 4; 0 when every path is straight) and sliced W1 to held-out",
  'data (5,000 samples, 256 directions, Euler on the time-uniform grid), as the model cards measured',
  'them (`evaluation` in model.json; `src/models/reflow.test.ts` checks S again in TypeScript).',
  '',
  `| data set | S, fm | S, reflow1 | ${REFLOW_NFES.map((n) => `W1 at ${n} NFE, fm / reflow1`).join(' | ')} |`,
  `|---|---|---|${REFLOW_NFES.map(() => '---|').join('')}`,
  ...reflowRows.map(
    (r) =>
      `| ${r.dataset} | ${r.before.straightness.toFixed(3)} | ${r.after.straightness.toFixed(3)} | ${REFLOW_NFES.map((n) => `${sw1(r.before.sw1ByNfe[n])} / ${sw1(r.after.sw1ByNfe[n])}`).join(' | ')} |`,
  ),
  '',
  '## Distillation in the train view',
  '',
  'The train view runs both algorithms in the worker on the active backend (`tmode=distill`, `cd`',
  'or `ct`; README): `src/core/distill` computes the targets in float64, `src/models/train2d/distillRun.ts`',
  "trains the student network. Progressive distillation: the student predicts v and learns Algorithm 2's",
  "x-target with the truncated-SNR weight max(1/σ², 1); it starts from the teacher's weights when the",
  "teacher is the shipped network (`tstart=shipped`), and each round's student, frozen (its EMA",
  'weights), teaches the next at half the steps. Consistency distillation and training: f = c_skip·x +',
  "c_out·F with σ_data = 1 and λ = 1, Heun steps of the teacher, and the run's EMA as the target network",
  'θ⁻ (one EMA serves as target and as the sampled model; Song et al. keep two).',
  '',
  'Oracle (`src/core/distill/gaussianOracle.test.ts`, data N(μ, s²I), whose PF-ODE map is affine;',
  'students affine per level, so every least-squares fit is exact): six rounds 64 → 1 give a one-step',
  "student equal to the exact teacher's 64-step DDIM map to 1e-9 and within 2.5e-4·|x − μ| of the",
  "closed-form map (64-step DDIM's own error, measured 1.8e-4·|x − μ|); consistency distillation on 18",
  'Karras levels with an EMA (0.9) target reproduces the 17-step Heun map to 1e-6 and the closed form',
  'within 5e-4·|x − μ|; consistency training converges to the Euler chain within 3e-2 (Monte Carlo,',
  '1,000 rows per fit).',
  '',
  'In the browser (`e2e/train-distill.spec.ts`: WASM, gaussians8, 32-wide 2-layer MLP, batch 128,',
  'seed 0), one round of 150 steps from a 4-step exact teacher gives a 2-step student at sliced W1',
  "0.335, against 0.676 for the teacher's 2 DDIM steps and 0.304 for its 4.",
  '',
];

writeFileSync(new URL('../docs/SPEEDUP.md', import.meta.url), lines.join('\n'));
console.log('wrote docs/SPEEDUP.md');
