import { describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit';
import { parseSampleOptions } from './sampleOptions';

describe('sample with distilled students', () => {
  it('reads the data set and steps from a student id', () => {
    const o = parseSampleOptions(['--model', 'distill-gaussians8-4']);
    expect([o.model, o.settings.dataset, o.settings.steps]).toEqual(['distill', 'gaussians8', 4]);
    const c = parseSampleOptions(['--model', 'consistency-moons', '--steps', '2']);
    expect([c.model, c.settings.dataset, c.settings.steps]).toEqual(['consistency', 'moons', 2]);
  });

  it('refuses flags the id already settles', () => {
    expect(() => parseSampleOptions(['--model', 'distill-moons-4', '--steps', '3'])).toThrow(
      '--steps does not apply to "distill-moons-4", a 4-step student',
    );
    expect(() =>
      parseSampleOptions(['--model', 'consistency-moons', '--dataset', 'rings']),
    ).toThrow('--dataset does not apply to "consistency-moons", which names its data set');
  });

  it('names the data sets that have students when asked for another (exit code 2)', async () => {
    const r = await runCli('sample', '--model', 'consistency', '--dataset', 'dino');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: no consistency model is shipped for "dino" \(distilled for: /,
    );
  });
});
