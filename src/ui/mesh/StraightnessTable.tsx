import { useSyncExternalStore } from 'react';
import { Tip } from '../controls/Tip';
import { FLOW_TEX } from '../flowHelp';
import type { MeshFrames } from './meshFrames';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '∞');

/**
 * Straightness (path length over end-to-end distance) of the seed's x_T solved on both
 * processes, and of the dragged point's path when there is one.
 */
export function StraightnessTable({
  frames,
  titles,
  probe,
}: {
  frames: MeshFrames;
  titles: [string, string];
  probe: [number, number] | null;
}) {
  useSyncExternalStore(
    (fn) => frames.subscribe(fn),
    () => frames.version,
  );
  const rows = frames.straightness;
  const ready = rows.every((r) => r !== null);
  return (
    <table
      className="mesh-table"
      data-testid="straightness-table"
      data-state={ready ? 'done' : 'running'}
    >
      <caption>
        Straightness{' '}
        <Tip tex={FLOW_TEX.straightness}>
          Path length over end-to-end distance in each process's own coordinates x_t, from the same
          x_T (the seed's noise), each path solved with {rows[0]?.steps ?? '…'} Heun steps evenly
          spaced in the process's time. 1 is a straight line.
        </Tip>
      </caption>
      <thead>
        <tr>
          <th scope="col">ODE</th>
          <th scope="col">median</th>
          <th scope="col">mean</th>
          <th scope="col">paths</th>
          {probe && <th scope="col">dragged point</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, lane) => (
          <tr key={lane} data-testid={`straightness-${lane}`} data-median={r?.median}>
            <th scope="row">{titles[lane]}</th>
            <td>{r ? fmt(r.median) : '…'}</td>
            <td>{r ? fmt(r.mean) : '…'}</td>
            <td>{r ? r.perParticle.length : '…'}</td>
            {probe && <td>{fmt(probe[lane])}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
