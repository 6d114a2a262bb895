import { describe, expect, it } from 'vitest';
import { RunQueue } from './runQueue';

function recorder() {
  const log: string[] = [];
  const run = (id: string) => ({
    id,
    start: () => {
      log.push(`start ${id}`);
      return () => log.push(`cancel ${id}`);
    },
  });
  return { log, run };
}

describe('RunQueue', () => {
  it('runs one figure at a time, in request order', () => {
    const q = new RunQueue();
    const { log, run } = recorder();
    q.request(run('a'));
    q.request(run('b'));
    q.request(run('a'));
    expect(log).toEqual(['start a']);
    expect(q.current).toBe('a');
    q.finished('a');
    expect(log).toEqual(['start a', 'start b']);
    q.finished('b');
    expect(q.current).toBeNull();
  });

  it('cancels a running figure that withdraws and drops a waiting one', () => {
    const q = new RunQueue();
    const { log, run } = recorder();
    q.request(run('a'));
    q.request(run('b'));
    q.request(run('c'));
    q.withdraw('b');
    q.withdraw('a');
    expect(log).toEqual(['start a', 'cancel a', 'start c']);
    q.finished('a');
    expect(q.current).toBe('c');
  });
});
