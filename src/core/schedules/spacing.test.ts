import { describe, expect, it } from 'vitest';
import { roundHalfEven, spacedTimesteps } from './spacing';

describe('spacedTimesteps (diffusers set_timesteps)', () => {
  // Lin et al. 2024, Table 2: 1000 training steps, 10 sample steps.
  it('linspace: 999, 888, …, 111, 0', () => {
    expect(spacedTimesteps('linspace', 10)).toEqual([
      999, 888, 777, 666, 555, 444, 333, 222, 111, 0,
    ]);
  });

  it('leading: 900, 800, …, 0 (steps_offset 0) and 901, …, 1 (steps_offset 1, Stable Diffusion)', () => {
    expect(spacedTimesteps('leading', 10)).toEqual([
      900, 800, 700, 600, 500, 400, 300, 200, 100, 0,
    ]);
    expect(spacedTimesteps('leading', 10, 1000, 1)).toEqual([
      901, 801, 701, 601, 501, 401, 301, 201, 101, 1,
    ]);
  });

  it('trailing: 999, 899, …, 99', () => {
    expect(spacedTimesteps('trailing', 10)).toEqual([
      999, 899, 799, 699, 599, 499, 399, 299, 199, 99,
    ]);
  });

  it('non-dividing step counts follow numpy (round half to even)', () => {
    // np.linspace(0, 999, 3).round() = [0, 500, 999]: 499.5 rounds to the even 500.
    expect(spacedTimesteps('linspace', 3)).toEqual([999, 500, 0]);
    // np.round(np.arange(1000, 0, -1000/3)) - 1 = [999, 666, 332].
    expect(spacedTimesteps('trailing', 3)).toEqual([999, 666, 332]);
    // 1000 // 3 = 333: [666, 333, 0].
    expect(spacedTimesteps('leading', 3)).toEqual([666, 333, 0]);
    // np.linspace(0, 999, 7) = 0, 166.5, 333, 499.5, 666, 832.5, 999 -> 0, 166, 333, 500, 666, 832, 999.
    expect(spacedTimesteps('linspace', 7)).toEqual([999, 832, 666, 500, 333, 166, 0]);
  });

  it('N = T visits every timestep in each spacing', () => {
    const all = Array.from({ length: 50 }, (_, i) => 49 - i);
    for (const s of ['linspace', 'leading', 'trailing'] as const)
      expect(spacedTimesteps(s, 50, 50)).toEqual(all);
  });

  it('rejects step counts outside 1..T', () => {
    expect(() => spacedTimesteps('linspace', 0)).toThrow();
    expect(() => spacedTimesteps('trailing', 1001)).toThrow();
    expect(spacedTimesteps('trailing', 1)).toEqual([999]);
    expect(spacedTimesteps('linspace', 1)).toEqual([0]);
    expect(spacedTimesteps('leading', 1, 1000, 1)).toEqual([1]);
  });
});

describe('roundHalfEven', () => {
  it('matches numpy on ties', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, 2, 3,
    ]);
  });
});
