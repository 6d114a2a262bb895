import { describe, expect, it } from 'vitest';
import { DDPMScheduler } from './ddpm';
import { normals } from '../rng';

// diffusers' DDPM full-loop numbers (test_scheduler_ddpm.py: 258.9606 / 0.3372) draw noise from
// torch.manual_seed(0), whose stream we cannot reproduce; we test the deterministic parts instead.
const base = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  variance_type: 'fixed_small',
  clip_sample: true,
};

describe('DDPMScheduler', () => {
  it('posterior variance matches diffusers test_variance', () => {
    const s = new DDPMScheduler(base);
    expect(s.variance(0)).toBeLessThan(1e-5);
    expect(Math.abs(s.variance(487) - 0.00979)).toBeLessThan(1e-5);
    expect(Math.abs(s.variance(999) - 0.02)).toBeLessThan(1e-5);
  });

  it('with the exact denoiser for Gaussian data, the step plus the x0 uncertainty gives the exact marginal', () => {
    // Oracle: law of total variance for q(x_{t'} | x_t, x0) (DDPM eq. 6–7) with x0 ~ N(0, s²):
    // Var x_{t'} = slope²·Var x_t + β̃ + c_x0²·Var(x0 | x_t) must equal ᾱ_{t'} s² + 1 − ᾱ_{t'}.
    const s2 = 0.3;
    for (const spacing of ['leading', 'trailing']) {
      const s = new DDPMScheduler({
        ...base,
        clip_sample: false,
        prediction_type: 'sample',
        timestep_spacing: spacing,
      });
      s.setTimesteps(20);
      const ab = (t: number) =>
        t < 0 ? 1 : s.addNoise(Float64Array.of(1), Float64Array.of(0), t)[0] ** 2;
      for (const t of s.timesteps) {
        const [a, ap] = [ab(t), ab(s.previousTimestep(t))];
        const v = a * s2 + 1 - a;
        // E[x0 | x_t] = sqrt(ᾱ) s² / v · x_t: the step is linear in x_t, so measure its slope at x_t = 1.
        const x0 = (Math.sqrt(a) * s2) / v;
        const slope = s.step(Float64Array.of(x0), t, Float64Array.of(1), {
          noise: Float64Array.of(0),
        }).prevSample[0];
        const std = t > 0 ? s.noiseStd(t) : 0;
        const cX0 = (Math.sqrt(ap) * (1 - a / ap)) / (1 - a);
        const x0PosteriorVar = (s2 * (1 - a)) / v;
        expect(slope * slope * v + std * std + cX0 * cX0 * x0PosteriorVar).toBeCloseTo(
          ap * s2 + 1 - ap,
          10,
        );
      }
    }
  });

  it('leading / linspace / trailing timesteps (Lin et al. 2024, Table 2)', () => {
    const ts = (spacing: string) => {
      const s = new DDPMScheduler({ ...base, timestep_spacing: spacing });
      s.setTimesteps(10);
      return s.timesteps;
    };
    expect(ts('leading')).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
    expect(ts('linspace')).toEqual([999, 888, 777, 666, 555, 444, 333, 222, 111, 0]);
    expect(ts('trailing')).toEqual([999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
  });

  it('adds the noise scaled by the posterior std for t > 0; the last step (t = 0) draws none', () => {
    const s = new DDPMScheduler(base);
    const x = Float64Array.of(0.1, -0.2, 0.3);
    const z = normals(7, 1, 3);
    const a = s.step(x, 500, x, { noise: z }).prevSample;
    const mean = s.step(x, 500, x, { noise: new Float64Array(3) }).prevSample;
    a.forEach((v, i) => expect(v - mean[i]).toBeCloseTo(Math.sqrt(s.variance(500)) * z[i], 12));
    expect(() => s.step(x, 0, x)).not.toThrow();
  });

  it('clip_sample clamps x0 to ±clip_sample_range', () => {
    const s = new DDPMScheduler({ ...base, prediction_type: 'sample', clip_sample_range: 0.5 });
    const out = s.step(Float64Array.of(3, -3, 0.2), 0, new Float64Array(3)).predOriginalSample;
    expect(Array.from(out)).toEqual([0.5, -0.5, 0.2]);
  });
});
