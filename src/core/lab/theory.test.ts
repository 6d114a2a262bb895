import { describe, expect, it } from 'vitest';
import { edmProcess, veProcess } from '../schedules/continuous';
import { makeSigmaGrid } from '../schedules/grid';
import { isUniformSigmaGrid, theoreticalOrder } from './theory';

describe('isUniformSigmaGrid', () => {
  it('knows a time-uniform grid on EDM (σ = t) is uniform in σ, and Karras or VE ones are not', () => {
    expect(isUniformSigmaGrid(makeSigmaGrid(edmProcess(), 'time-uniform', 20).sigmas)).toBe(true);
    expect(isUniformSigmaGrid(makeSigmaGrid(edmProcess(), 'karras', 20).sigmas)).toBe(false);
    expect(isUniformSigmaGrid(makeSigmaGrid(veProcess(), 'time-uniform', 20).sigmas)).toBe(false);
  });
});

describe('theoreticalOrder', () => {
  const karras = makeSigmaGrid(edmProcess(), 'karras', 20).sigmas;
  it('gives the published orders and none for stochastic settings', () => {
    expect(theoreticalOrder('euler', {}, karras)?.order).toBe(1);
    expect(theoreticalOrder('heun', {}, karras)?.order).toBe(2);
    expect(theoreticalOrder('heun', { sChurn: 5 }, karras)).toBeNull();
    expect(theoreticalOrder('dpm-solver', { order: 2 }, karras)?.order).toBe(2);
    expect(theoreticalOrder('unipc', { order: 2, corrector: true }, karras)?.order).toBe(3);
    expect(theoreticalOrder('unipc', { order: 2, corrector: false }, karras)?.order).toBe(2);
    expect(theoreticalOrder('ddpm', {}, karras)).toBeNull();
  });
});
