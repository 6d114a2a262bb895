import { describe, expect, it } from 'vitest';
import { spacedTimesteps } from './timestep-spacing';

describe('timestep spacings', () => {
  // Oracle: Lin et al. 2024, "Common Diffusion Noise Schedules and Sample Steps are Flawed", Table 2 (T = 1000, 10 steps).
  it('linspace, leading and trailing match Table 2', () => {
    expect(spacedTimesteps('linspace', 10, 1000, 0)).toEqual([
      999, 888, 777, 666, 555, 444, 333, 222, 111, 0,
    ]);
    expect(spacedTimesteps('leading', 10, 1000, 0)).toEqual([
      900, 800, 700, 600, 500, 400, 300, 200, 100, 0,
    ]);
    expect(spacedTimesteps('trailing', 10, 1000, 0)).toEqual([
      999, 899, 799, 699, 599, 499, 399, 299, 199, 99,
    ]);
  });
  it('leading adds steps_offset (Stable Diffusion: 1)', () => {
    expect(spacedTimesteps('leading', 5, 1000, 1)).toEqual([801, 601, 401, 201, 1]);
  });
});
