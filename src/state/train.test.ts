import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { trainJobFromParams } from './train';
import { LESSONS } from './lessons';
import { decodeHash } from './urlFields';

const params = (hash: string) => decodeHash(FIELDS, hash).params;

describe('train view state', () => {
  it('the lesson link decodes without problems and trains a fixed number of steps from its seed', () => {
    const lesson = LESSONS.find((l) => l.id === 'train-swissroll');
    const { params: p, problems } = decodeHash(FIELDS, `#${lesson?.hash}`);
    expect(problems).toEqual([]);
    const job = trainJobFromParams(p, null);
    expect(job.data).toEqual({ dataset: 'swissroll' });
    expect(job.stopAt).toBeGreaterThan(0);
    expect(job.config.seed).toBe(0);
    expect(p.backend).toBe('wasm');
    expect(p.tauto).toBe(true);
  });

  it('maps every choice into the job; a link value out of range is clamped and reported', () => {
    const { params: p, problems } = decodeHash(
      FIELDS,
      '#tobj=edm&tsched=squaredcos_cap_v2&twidth=900&tdepth=2&temb=fourier&tlr=0.001&tbatch=64&tema=0.99&tseed=5',
    );
    expect(problems).toEqual([expect.stringMatching(/twidth=900 is outside 4..512/)]);
    const job = trainJobFromParams(p, null);
    expect(job.config).toMatchObject({
      objective: 'edm',
      schedule: { kind: 'squaredcos_cap_v2', T: 1000 },
      hidden: 512,
      layers: 2,
      timeEmbedding: 'fourier',
      learningRate: 0.001,
      batch: 64,
      emaDecay: 0.99,
      seed: 5,
    });
  });

  it('custom data: needs points, trains on them, and has no shipped model to fine-tune', () => {
    expect(() => trainJobFromParams(params('#dataset=custom'), null)).toThrow(/no points yet/);
    const custom = { name: 'mine', points: Float64Array.of(1, 2, 3, 4) };
    const job = trainJobFromParams(params('#dataset=custom'), custom);
    expect(job.data).toEqual({ name: 'mine', points: Float32Array.of(1, 2, 3, 4) });
    expect(() => trainJobFromParams(params('#dataset=custom&tstart=shipped'), custom)).toThrow(
      /no shipped model/,
    );
  });

  it('a run from uploaded files starts paused and ignores the stop step', () => {
    const upload = { modelJson: '{}', weights: {} };
    const job = trainJobFromParams(params('#tstop=500'), null, { start: 'upload', upload });
    expect(job).toMatchObject({ start: 'upload', upload, paused: true, stopAt: 0 });
  });

  it('a distillation link maps into the job; the teacher steps round down to a power of two', () => {
    const { params: p, problems } = decodeHash(
      FIELDS,
      '#view=train&tmode=distill&tdn=48&tround=300&tlevels=500',
    );
    expect(problems).toEqual([expect.stringMatching(/tlevels=500 is outside 3..200/)]);
    expect(trainJobFromParams(p, null).distill).toEqual({
      mode: 'distill',
      teacherSteps: 32,
      roundSteps: 300,
      levels: 200,
    });
    expect(trainJobFromParams(params('#tmode=ct'), null).distill?.mode).toBe('ct');
    expect(trainJobFromParams(params('#tmode=diffusion'), null).distill).toBeUndefined();
    expect(decodeHash(FIELDS, '#tmode=reflow').problems).toEqual([expect.stringMatching(/tmode/)]);
  });

  it('a hybrid link maps λ and the sampling steps into the job; bad values are clamped and named', () => {
    const { params: p, problems } = decodeHash(
      FIELDS,
      '#view=train&tmode=hybrid&tlambda=-0.5&tvsteps=5000',
    );
    expect(problems).toEqual([
      expect.stringMatching(/tlambda=-0.5 is outside 0..1/),
      expect.stringMatching(/tvsteps=5000 is outside 2..1000/),
    ]);
    const job = trainJobFromParams(p, null);
    expect(job.hybrid).toEqual({ lambda: 0, sampleSteps: 1000 });
    expect(job.distill).toBeUndefined();
    expect(trainJobFromParams(params('#tmode=hybrid'), null).hybrid).toEqual({
      lambda: 0.001,
      sampleSteps: 50,
    });
    expect(trainJobFromParams(params('#tmode=diffusion'), null).hybrid).toBeUndefined();
    expect(() => trainJobFromParams(params('#tmode=hybrid&tstart=shipped'), null)).toThrow(
      /trains from scratch/,
    );
  });

  it('a VDM link maps into the job, out-of-range endpoints are clamped and reported, and it trains from scratch', () => {
    const { params: p, problems } = decodeHash(
      FIELDS,
      '#view=train&tmode=vdm&tvg0=-30&tvg1=0&tvw=8&tvlr=0.01&tvn=20',
    );
    expect(problems).toEqual([
      expect.stringMatching(/tvg0=-30 is outside -20..-1/),
      expect.stringMatching(/tvg1=0 is outside 1..15/),
    ]);
    const job = trainJobFromParams(p, null);
    expect(job.vdm).toEqual({
      gamma0: -20,
      gamma1: 1,
      width: 8,
      gammaLearningRate: 0.01,
      sampleSteps: 20,
    });
    expect(job.distill).toBeUndefined();
    expect(trainJobFromParams(params('#tmode=cd'), null).vdm).toBeUndefined();
    expect(() => trainJobFromParams(params('#tmode=vdm&tstart=shipped'), null)).toThrow(
      /from scratch/,
    );
  });
});
