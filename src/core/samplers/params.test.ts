import { describe, expect, it } from 'vitest';
import { decodeSamplerParams, encodeSamplerParams } from './params';
import { requireSampler } from './registry';

describe('sampler parameter text', () => {
  const heun = requireSampler('heun');

  it('round-trips non-default values and omits defaults', () => {
    const params = { ...heun.defaults, sChurn: 10, sNoise: 1.003 };
    const text = encodeSamplerParams(heun, params);
    expect(text).toBe('sChurn:10,sNoise:1.003');
    expect(decodeSamplerParams(heun, text)).toEqual({ params, problems: [] });
    expect(encodeSamplerParams(heun, heun.defaults)).toBe('');
  });

  it('clamps to the ParamSpec bounds and reports unknown keys and garbage', () => {
    const spec = heun.params.find((p) => p.key === 'sChurn');
    if (!spec || spec.kind !== 'number') throw new Error('heun has a numeric sChurn');
    const { params, problems } = decodeSamplerParams(
      heun,
      `sChurn:${spec.max + 100},bogus:1,sNoise:abc`,
    );
    expect(params.sChurn).toBe(spec.max);
    expect(params.sNoise).toBe(heun.defaults.sNoise);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/no parameter "bogus"/);
    expect(problems.join('\n')).toMatch(/sNoise="abc" is not a number/);
  });

  it('validates choices', () => {
    const ddpm = requireSampler('ddpm');
    expect(decodeSamplerParams(ddpm, 'variance:beta').params.variance).toBe('beta');
    expect(decodeSamplerParams(ddpm, 'variance:huge').problems[0]).toMatch(/not one of/);
  });
});
