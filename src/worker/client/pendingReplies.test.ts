import { describe, expect, it } from 'vitest';
import { PendingReplies } from './pendingReplies';

describe('PendingReplies', () => {
  it('sends once registered, and settles each id with its own reply', async () => {
    const replies = new PendingReplies<string>();
    const sent: number[] = [];
    const a = replies.ask(1, () => sent.push(1));
    const b = replies.ask(2, () => sent.push(2));
    expect(sent).toEqual([1, 2]);
    replies.answer(2, undefined, 'no such thing');
    replies.answer(1, 'one', '');
    await expect(a).resolves.toBe('one');
    await expect(b).rejects.toThrow('no such thing');
  });

  it('a reply to an id nobody waits for, or a second reply, changes nothing', async () => {
    const replies = new PendingReplies<string>();
    const a = replies.ask(1, () => {});
    replies.answer(9, 'stray', '');
    replies.answer(1, 'first', '');
    replies.answer(1, undefined, 'late error');
    await expect(a).resolves.toBe('first');
  });

  it('a restart rejects every pending request with its reason', async () => {
    const replies = new PendingReplies<number>();
    const pending = [replies.ask(1, () => {}), replies.ask(2, () => {})];
    replies.rejectAll('the worker crashed');
    for (const p of pending) await expect(p).rejects.toThrow('the worker crashed');
    const after = replies.ask(3, () => {});
    replies.answer(3, 3, '');
    await expect(after).resolves.toBe(3);
  });
});
