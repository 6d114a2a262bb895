/**
 * Requests to the worker that wait for one reply by id (trained-file checks, debug hooks, fields):
 * each resolves with its reply's value or rejects with its error, and all of them reject when the
 * worker is restarted, since a new worker will never answer.
 */
export class PendingReplies<T> {
  private calls = new Map<number, { resolve(value: T): void; reject(e: Error): void }>();

  /** Registers `id`, then sends the request. */
  ask(id: number, send: () => void): Promise<T> {
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      send();
    });
  }

  /** Settles `id` with its value, or with the error (a reply without a value). */
  answer(id: number, value: T | undefined, error: string): void {
    const call = this.calls.get(id);
    this.calls.delete(id);
    if (value !== undefined) call?.resolve(value);
    else call?.reject(new Error(error));
  }

  rejectAll(reason: string): void {
    for (const call of this.calls.values()) call.reject(new Error(reason));
    this.calls.clear();
  }
}
