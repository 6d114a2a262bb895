/**
 * The buffers of a message's typed arrays, for postMessage's transfer list: the value itself, or
 * its fields and their fields (a frame, a result, a tuple of arrays). Each buffer once: arrays
 * that view one buffer share it. Only send arrays the worker no longer holds (a transferred
 * buffer is detached on this side).
 */
export function transferList(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
    } else if (v instanceof ArrayBuffer) buffers.add(v);
    else if (depth < 2 && typeof v === 'object' && v !== null) {
      for (const field of Object.values(v)) visit(field, depth + 1);
    }
  };
  visit(value, 0);
  return [...buffers];
}
