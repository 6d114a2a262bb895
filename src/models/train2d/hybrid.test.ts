import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainStep, reverseChain } from '../../core/learnedVariance/chain';
import { logVariance, meanFromEps, vlbTerm, vOfOutput } from '../../core/learnedVariance/variance';
import { normals } from '../../core/rng';
import { HybridObjective } from './hybrid';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DATA = normals(21, 0, 2000).map((z) => 0.5 + 0.3 * z);
/** A 10-step schedule: every batch of 64 visits t = 1 (the decoder) as well as KL terms. */
const CONFIG = {
  hidden: 8,
  layers: 1,
  batch: 64,
  schedule: { kind: 'linear', T: 10, beta_start: 0.02, beta_end: 0.5 },
};
const LAMBDA = 0.001;

function setUp() {
  const trainer = new Trainer(DATA, { config: CONFIG, learnedVariance: true });
  const hybrid = new HybridObjective(trainer, { lambda: LAMBDA, sampleSteps: 10 });
  const batch = hybrid.batchAt(3);
  const out = tf.randomNormal([batch.t.length, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
  return { trainer, hybrid, batch, out };
}

describe('the hybrid objective on tensors', () => {
  it('L_vlb is T times the mean of core’s float64 terms, and L_simple the ε error', () => {
    const { trainer, hybrid, batch, out } = setUp();
    const o = out.arraySync();
    const chain = reverseChain(trainer.schedule, 10);
    const x0 = batch.extra!.x0;
    let vlb = 0;
    let simple = 0;
    for (let r = 0; r < batch.t.length; r++) {
      const i = batch.t[r] + 1;
      const step = chainStep(chain, i);
      for (let d = 0; d < 2; d++) {
        const xt = batch.xt[2 * r + d];
        const mean = meanFromEps(step, xt, o[r][d]);
        const lv = logVariance(step, 'learned', vOfOutput(o[r][2 + d]));
        vlb += vlbTerm(step, i, x0[2 * r + d], xt, mean, lv);
        simple += (o[r][d] - batch.target[2 * r + d]) ** 2;
      }
    }
    const count = 2 * batch.t.length;
    expect(batch.extra!.first.some((f) => f === 1)).toBe(true);
    const { total, terms } = hybrid.loss(out, batch);
    const [tfSimple, tfVlb] = terms.map((t) => t.dataSync()[0]);
    expect(tfSimple).toBeCloseTo(simple / count, 4);
    expect(tfVlb / ((10 * vlb) / count)).toBeCloseTo(1, 4);
    expect(total.dataSync()[0]).toBeCloseTo(tfSimple + LAMBDA * tfVlb, 4);
    trainer.dispose();
  });

  it('L_vlb reaches Σ_θ only: its gradient on the ε̂ outputs is zero (the stop-gradient of eq. 16)', () => {
    const { trainer, hybrid, batch, out } = setUp();
    const grad = tf.grad((o: tf.Tensor) => hybrid.loss(o as tf.Tensor2D, batch).terms[1])(out);
    const g = grad.arraySync() as number[][];
    expect(g.every((row) => row[0] === 0 && row[1] === 0)).toBe(true);
    expect(g.some((row) => Math.abs(row[2]) > 1e-4)).toBe(true);
    trainer.dispose();
  });

  it('a trainer step reports both terms, which add up to its loss', async () => {
    const { trainer } = setUp();
    const losses = await trainer.step(3);
    const [simple, vlb] = trainer.lastTerms;
    for (let i = 0; i < 3; i++) expect(losses[i]).toBeCloseTo(simple[i] + LAMBDA * vlb[i], 4);
    trainer.dispose();
  });

  it('refuses a network without variance outputs and a negative λ', () => {
    const plain = new Trainer(DATA, { config: CONFIG });
    expect(() => new HybridObjective(plain, { lambda: 0.001, sampleSteps: 10 })).toThrow(
      /learned variance/,
    );
    plain.dispose();
    const wide = new Trainer(DATA, { config: CONFIG, learnedVariance: true });
    expect(() => new HybridObjective(wide, { lambda: -1, sampleSteps: 10 })).toThrow(/λ/);
    wide.dispose();
  });
});
