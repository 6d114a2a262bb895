import { useSyncExternalStore } from 'react';
import type { MeshFrames } from './meshFrames';

/** How far both lattices have got (grid steps), then the straightness solves. */
export function MeshProgress({ frames, steps }: { frames: MeshFrames; steps: number }) {
  useSyncExternalStore(
    (fn) => frames.subscribe(fn),
    () => frames.version,
  );
  const reached = Math.min(...frames.lattice.map((all) => all[all.length - 1]?.step ?? 0));
  const straight = frames.straightness.filter((s) => s !== null).length;
  const done = reached >= steps && straight === 2;
  return (
    <label
      className="mesh-progress"
      data-testid="mesh-progress"
      data-state={done ? 'done' : 'running'}
    >
      {done
        ? 'Mesh and straightness computed'
        : `Lattice step ${reached}/${steps}, straightness ${straight}/2`}
      <progress max={steps + 2} value={Math.min(reached, steps) + straight} />
    </label>
  );
}
