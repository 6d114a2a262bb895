import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE } from '../core/scene/settings';
import type { ModelEntry, ModelManifest } from './manifest';
import { MissingStudentError, pickStudent, studentSettings } from './students';

function entry(id: string, dataset: string, sampler: string, grids: Record<string, number[]>) {
  return { id, dataset, kind: 'mlp2d', sampling: { sampler, grids } } as unknown as ModelEntry;
}

const manifest: ModelManifest = {
  version: 1,
  models: [
    entry('distill-moons-1', 'moons', 'ddim', { 1: [157, 0] }),
    entry('distill-moons-4', 'moons', 'ddim', { 4: [157, 20, 3, 0.9, 0] }),
    entry('consistency-moons', 'moons', 'consistency', { 1: [157, 0], 2: [157, 3, 0] }),
    { id: 'mlp-rings', dataset: 'rings', kind: 'mlp2d' } as unknown as ModelEntry,
  ],
};

describe('pickStudent', () => {
  it('runs the student distilled for the steps asked for, on its own grid', () => {
    const p = pickStudent(manifest, 'distill', 'moons', 4);
    expect(p.entry.id).toBe('distill-moons-4');
    expect([p.sampler, p.steps, p.sigmas]).toEqual(['ddim', 4, [157, 20, 3, 0.9]]);
    expect(p.notice).toBe('distill-moons-4 runs ddim with 4 steps on its own σ grid');
  });

  it('takes the fewest steps above an unavailable count, else the most, and says so', () => {
    expect(pickStudent(manifest, 'distill', 'moons', 2).entry.id).toBe('distill-moons-4');
    const p = pickStudent(manifest, 'consistency', 'moons', 50);
    expect([p.entry.id, p.steps]).toEqual(['consistency-moons', 2]);
    expect(p.notice).toMatch(/50 asked for; it has 1, 2/);
  });

  it('refuses a data set no student was distilled for, naming those that have one', () => {
    expect(() => pickStudent(manifest, 'consistency', 'rings', 1)).toThrow(MissingStudentError);
    expect(() => pickStudent(manifest, 'distill', 'rings', 1)).toThrow(
      'no progressively distilled student is shipped for "rings" (distilled for: moons)',
    );
  });
});

describe('studentSettings', () => {
  it("sets the student's sampler and grid, on a σ-grid process", () => {
    const s = studentSettings(DEFAULT_SCENE, pickStudent(manifest, 'consistency', 'moons', 2));
    expect(s).toMatchObject({
      process: 'vp',
      sampler: 'consistency',
      steps: 2,
      customSigmas: [157, 3],
    });
    expect(
      studentSettings(
        { ...DEFAULT_SCENE, process: 'flow' },
        pickStudent(manifest, 'distill', 'moons', 1),
      ).process,
    ).toBe('flow');
  });
});
