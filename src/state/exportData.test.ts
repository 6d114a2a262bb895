import { describe, expect, it } from 'vitest';
import { FrameBuffer } from './frames';
import {
  MAX_TRAJECTORY_POINTS,
  particlesCsv,
  particlesJson,
  trajectoriesCsv,
  trajectoriesJson,
  trajectoryParticles,
} from './exportData';

function buffer(steps: number, n: number): FrameBuffer {
  const b = new FrameBuffer();
  b.reset(steps, n);
  for (let s = 0; s <= steps; s++) {
    const values = new Float32Array(4 * n).map((_, i) => Math.sin(1000 * s + i) * 3);
    b.push({
      step: s,
      data: { x: values.slice(0, 2 * n), x0: values.slice(2 * n), field: new Float32Array(0) },
      info: { sigma: 1 / (s + 1), t: s, scale: 1, nfe: s, ms: 0, extent: 3.5, lane: 0 },
    });
  }
  return b;
}

describe('export files', () => {
  const frames = buffer(3, 5);
  const lane = { frames, sampler: 'euler', samplerParams: {} };
  const header = { settings: { seed: 1 }, link: '#seed=1' };

  it('write every float32 coordinate exactly (9 significant digits)', () => {
    const pts = frames.points(frames.at(3)!);
    const csv = particlesCsv(pts).trim().split('\n');
    expect(csv[0]).toBe('x,y');
    expect(csv).toHaveLength(6);
    const back = csv.slice(1).flatMap((l) => l.split(',').map(Number));
    expect(Float32Array.from(back)).toEqual(pts);
    const json = JSON.parse(particlesJson(header, [lane], 3));
    expect(Float32Array.from(json.particles.flat())).toEqual(pts);
    expect(json).toMatchObject({ step: 3, nfe: 3, sampler: 'euler', link: '#seed=1' });
  });

  it('hold every frame of a trajectory, and a second lane when given', () => {
    const t = JSON.parse(trajectoriesJson(header, lane));
    expect(t.frames).toHaveLength(4);
    expect(Float32Array.from(t.frames[2].x.flat())).toEqual(frames.points(frames.at(2)!));
    const csv = trajectoriesCsv(lane).trim().split('\n');
    expect(csv).toHaveLength(1 + 4 * 5);
    expect(csv[1].startsWith('0,1,0,0,')).toBe(true);
    const two = JSON.parse(particlesJson(header, [lane, { ...lane, sampler: 'heun' }], 1));
    expect(two.second.sampler).toBe('heun');
  });

  it('keep the first particles of a run too large for one file', () => {
    expect(trajectoryParticles(20_000, 51)).toBe(20_000);
    expect(trajectoryParticles(20_000, 1001)).toBe(Math.floor(MAX_TRAJECTORY_POINTS / 1001));
  });
});
