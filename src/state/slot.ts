/**
 * One page-wide value that is too large for the store or the URL (a point set, network files):
 * views read `current`, replace it with set() and subscribe to changes (useSyncExternalStore).
 */
export class Slot<T> {
  private value: T | null = null;
  private listeners = new Set<() => void>();

  get current(): T | null {
    return this.value;
  }

  set(value: T | null): void {
    this.value = value;
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  read = (): T | null => this.value;
}
