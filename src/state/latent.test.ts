import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { latentJobFromParams, LATENT_MAP_SIZE, memorisedReadout } from './latent';
import { decodeHash } from './urlFields';

const jobOf = (hash: string) => latentJobFromParams(decodeHash(FIELDS, hash).params);

describe('the latent job from the URL', () => {
  it('reads every z field into the job', () => {
    const job = jobOf(
      '#zset=digits2&zmodel=network&zsampler=dpmpp-2m&zsteps=17&zpart=900&zsigma=3.5&zclass=4&zguide=2.5&seed=7',
    );
    expect(job).toMatchObject({
      kind: 'latent',
      set: 'digits2',
      model: 'network',
      sampler: 'dpmpp-2m',
      steps: 17,
      particles: 900,
      sigmaStart: 3.5,
      classId: 4,
      guidance: 2.5,
      seed: 7,
      mapSize: LATENT_MAP_SIZE,
    });
  });

  it('class −1 is unconditional; the 16D set and zmap=0 have no map', () => {
    expect(jobOf('#zclass=-1').classId).toBeNull();
    expect(jobOf('#zset=fashion16&zmap=1').mapSize).toBe(0);
    expect(jobOf('#zset=fashion2&zmap=0').mapSize).toBe(0);
  });

  it('clamps and reports out-of-range values', () => {
    const { params, problems } = decodeHash(FIELDS, '#zpart=50000&zsigma=99&zsteps=0');
    expect(latentJobFromParams(params)).toMatchObject({
      particles: 10_000,
      sigmaStart: 20,
      steps: 1,
    });
    expect(problems.join('\n')).toMatch(/zpart=50000 is outside 1..10000/);
    expect(problems.join('\n')).toMatch(/zsigma=99 is outside 0..20/);
  });
});

describe('memorisedReadout', () => {
  it('counts samples on a training latent and measures the nearest distances', () => {
    // Training latents (0, 0), (1, 0), (0, 1); distances worked out by hand.
    const set = { points: Float32Array.of(0, 0, 1, 0, 0, 1), dim: 2 };
    // (0, 0): 0; (1, 5e-5): 5e-5; (0.5, 0): 0.5; (3, 4): |(3, 3)| = 3√2 to (0, 1).
    const r = memorisedReadout(Float32Array.of(0, 0, 1, 5e-5, 0.5, 0, 3, 4), set);
    expect(r.count).toBe(4);
    expect(r.onLatent).toBe(2);
    expect(r.median).toBeCloseTo((5e-5 + 0.5) / 2, 6);
    expect(r.farthest).toBeCloseTo(3 * Math.SQRT2, 6);
  });
});
