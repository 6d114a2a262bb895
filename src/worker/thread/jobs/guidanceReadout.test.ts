import { describe, expect, it } from 'vitest';
import { getDataset } from '../../../core/data';
import type { Region } from '../../../core/guidance/region';
import { DEFAULT_SCENE } from '../../../core/scene/settings';
import type { SceneFrame, SceneJob } from '../../protocol';
import type { JobContext } from './context';
import { classReadout, regionReadout } from './guidanceReadout';
import { runScene } from './scene';

const half: Region = { kind: 'half', angle: 0, offset: 1.1 };

function run(
  guide: Pick<SceneJob['settings'], 'region' | 'classGuide'>,
  dataset = 'gaussians8',
  data?: Float64Array,
) {
  const notices: string[] = [];
  const ctx: JobContext<SceneFrame> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => false,
    emit: () => {},
    progress: () => {},
    notice: (m) => notices.push(m),
  };
  const job: SceneJob = {
    kind: 'scene',
    settings: { ...DEFAULT_SCENE, dataset, particles: 1000, steps: 50, seed: 3, ...guide },
    model: 'exact',
    fieldSize: 0,
    ...(data ? { data } : {}),
  };
  return runScene(job, ctx).then((particles) => ({ particles, notices }));
}

describe('region-constrained scenes on the exact model, and their readout', () => {
  it('a half-plane on gaussians8: nearly every particle inside, sliced W1 at the two-sample floor', async () => {
    const { particles, notices } = await run({ region: half });
    const r = regionReadout({
      kind: 'region-readout',
      dataset: 'gaussians8',
      region: half,
      particles,
      seed: 3,
    });
    expect(notices).toEqual([]);
    expect(r.share).toBeGreaterThan(0.97);
    expect(r.swd).toBeLessThan(2 * r.floor + 0.02);
  });

  it('a disc on a mixture: the exact restricted denoiser (quadrature), sliced W1 near the floor', async () => {
    const disc: Region = { kind: 'disc', cx: 1, cy: 0.5, radius: 0.7 };
    const { particles, notices } = await run({ region: disc });
    expect(notices).toEqual([]);
    const r = regionReadout({
      kind: 'region-readout',
      dataset: 'gaussians8',
      region: disc,
      particles,
      seed: 3,
    });
    expect(r.share).toBeGreaterThan(0.97);
    expect(r.swd).toBeLessThan(2 * r.floor + 0.02);
  }, 180_000);

  it('a user’s point set: the reference is its points inside, with no floor', async () => {
    const data = getDataset('moons').sample(500, 9);
    const { particles } = await run({ region: half }, 'custom', data);
    const r = regionReadout({
      kind: 'region-readout',
      dataset: 'custom',
      region: half,
      particles,
      data,
      seed: 3,
    });
    expect(r.floor).toBe(0);
    expect(r.references).toBeGreaterThan(0);
    expect(r.share).toBeGreaterThan(0.97);
  });
});

describe('class-guided scenes on the exact model, and their readout', () => {
  it.each(['classifier', 'cfg'] as const)(
    '%s guidance at scale 1 to component 5 of gaussians8: all agree, sliced W1 at the floor',
    async (mode) => {
      const { particles } = await run({ classGuide: { mode, classId: 5, scale: 1 } });
      const r = classReadout({
        kind: 'class-readout',
        dataset: 'gaussians8',
        classId: 5,
        particles,
        seed: 3,
      });
      expect(r.agreement).toBeGreaterThan(0.99);
      expect(r.swd).toBeLessThan(2 * r.floor + 0.02);
    },
  );

  it('refuses class guidance without classes or together with a region, and a class out of range', async () => {
    const classGuide = { mode: 'classifier', classId: 0, scale: 1 } as const;
    await expect(run({ classGuide }, 'moons')).rejects.toThrow(/needs labelled data/);
    await expect(run({ classGuide, region: half })).rejects.toThrow(/not both/);
    expect(() =>
      classReadout({
        kind: 'class-readout',
        dataset: 'gaussians8',
        classId: 9,
        particles: new Float32Array(2),
        seed: 1,
      }),
    ).toThrow(/not a component 0\.\.7/);
  });
});
