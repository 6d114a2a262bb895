import { describe, expect, it } from 'vitest';
import { NAME_END, NAME_LETTERS } from '../core/discrete/data/names';
import { decodeHash } from './urlFields';
import { FIELDS } from './fields';
import {
  digitFixedTokens,
  discreteJobFromParams,
  namePatternTokens,
  paintHex,
  paintMask,
  tokensPerStep,
  topCandidates,
} from './discrete';
import { forwardProcess, transitionMatrices } from './discreteForward';

const params = (hash: string) => decodeHash(FIELDS, hash).params;

describe('discrete URL state', () => {
  it('reads a names pattern: letters and END fixed, the rest free', () => {
    const fixed = namePatternTokens('ma_.', 12)!;
    expect(Array.from(fixed.slice(0, 5))).toEqual([
      NAME_LETTERS.indexOf('m'),
      NAME_LETTERS.indexOf('a'),
      -1,
      NAME_END,
      -1,
    ]);
    expect(namePatternTokens('___', 12)).toBeUndefined();
  });

  it('round-trips the painted pixels through 16 hex digits', () => {
    const mask = Array.from({ length: 64 }, (_, l) => l % 3 === 0 || l > 60);
    expect(paintMask(paintHex(mask))).toEqual(mask);
    expect(paintHex(new Array<boolean>(64).fill(false))).toBe('');
    expect(paintMask('zz').some(Boolean)).toBe(false);
  });

  it('fixes the painted pixels to the template digit', () => {
    const heldOut = { L: 64, tokens: Int32Array.from({ length: 128 }, (_, i) => i % 17) };
    const hex = paintHex(Array.from({ length: 64 }, (_, l) => l < 8));
    const fixed = digitFixedTokens(heldOut, 1, hex)!;
    expect(Array.from(fixed.slice(0, 8))).toEqual(Array.from(heldOut.tokens.slice(64, 72)));
    expect(fixed.slice(8).every((v) => v === -1)).toBe(true);
  });

  it('builds the job the URL describes and reports what it sets aside', () => {
    const { job, problems } = discreteJobFromParams(
      params('#dset=names&dclass=3&dsampler=confidence&dparams=order:margin,bogus:1&dfix=a'),
      null,
    );
    expect(job).toMatchObject({ dataset: 'names', model: 'mdlm-names', sampler: 'confidence' });
    expect(job.params.order).toBe('margin');
    expect(job.classId).toBeUndefined();
    expect(job.fixed?.[0]).toBe(0);
    expect(problems.join('\n')).toMatch(/bogus/);
    expect(problems.join('\n')).toMatch(/dclass/);
    const digits = discreteJobFromParams(params('#dset=digits&dclass=7&dguide=2'), null).job;
    expect(digits).toMatchObject({ model: 'mdlm-digits', classId: 7, guidance: 2 });
    const exact = discreteJobFromParams(params('#dset=digits&dclass=7&dmodel=exact'), null).job;
    expect(exact.guidance).toBeUndefined();
  });

  it('says how many tokens a step reveals on average', () => {
    expect(tokensPerStep({ dset: 'digits', dsteps: 16 })).toBe('4.0');
    expect(tokensPerStep({ dset: 'names', dsteps: 32 })).toMatch(
      /^0\.38 \(some steps reveal none\)$/,
    );
  });

  it('orders candidates by probability', () => {
    const probs = Float32Array.from([0.1, 0.6, 0.3, 0, 0.5, 0.5]);
    expect(topCandidates(probs, 3, 0, 2).map((c) => c.token)).toEqual([1, 2]);
  });

  it('gives stochastic transition matrices for every process the panel offers', () => {
    for (const hash of ['#dproc=absorbing', '#dproc=uniform', '#dset=digits&dproc=gaussian']) {
      const { process } = forwardProcess(params(hash));
      const { step, cumulative } = transitionMatrices(process, 400);
      for (const M of [step, cumulative]) {
        for (let i = 0; i < process.K; i++) {
          const row = M.subarray(i * process.K, (i + 1) * process.K);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        }
      }
    }
    expect(forwardProcess(params('#dproc=gaussian')).problems[0]).toMatch(/ordered/);
  });
});
