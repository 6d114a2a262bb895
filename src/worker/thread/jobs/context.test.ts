import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageYielder } from './context';

/** A MessageChannel stand-in that counts the task hops a yield takes. */
function countingChannel() {
  const hops = { count: 0 };
  class Channel {
    port1 = { onmessage: null as (() => void) | null, close: () => {} };
    port2 = {
      postMessage: () => {
        hops.count++;
        setTimeout(() => this.port1.onmessage?.(), 0);
      },
    };
  }
  vi.stubGlobal('MessageChannel', Channel);
  return hops;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('messageYielder', () => {
  it('lets messages in once per interval, not once per step', async () => {
    const hops = countingChannel();
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const between = messageYielder(8);
    // 200 steps of 1 ms each: a hop every 8 ms, 25 in all (one per step would be 200).
    for (let step = 0; step < 200; step++) {
      now += 1;
      await between();
    }
    expect(hops.count).toBe(25);
  });

  it('yields after every step that alone outlasts the interval', async () => {
    const hops = countingChannel();
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const between = messageYielder(8);
    for (let step = 0; step < 10; step++) {
      now += 20;
      await between();
    }
    expect(hops.count).toBe(10);
  });
});
