import { latticeNodes, meshLattice, pickPoints } from '../../core/mesh/lattice';
import type { MeshJob } from '../../worker/protocol';
import type { MeshFrames } from './meshFrames';

/**
 * The lattice nodes where the mesh starts (t ≈ 1) and where the sampler took them (σ = 0) on
 * both lanes, as JSON: a record of the run that anyone can check against the sampler.
 */
export function meshExport(frames: MeshFrames, job: MeshJob) {
  const nodes = latticeNodes(meshLattice(job.lines, 1));
  return {
    version: 1,
    job,
    lanes: frames.lattice.map((all) => {
      const [first, last] = [all[0], all[all.length - 1]];
      const rows = (p: Float64Array) =>
        Array.from({ length: p.length / 2 }, (_, k) => [p[2 * k], p[2 * k + 1]]);
      return {
        t: [first.t, last.t],
        sigma: [first.sigma, last.sigma],
        scale: [first.scale, last.scale],
        nfe: last.nfe,
        start: rows(pickPoints(first.points, nodes)),
        end: rows(pickPoints(last.points, nodes)),
      };
    }),
  };
}

/** Downloads meshExport(…) once both lanes have reached σ = 0. */
export function MeshExport({ frames, job }: { frames: MeshFrames; job: MeshJob }) {
  const done = () =>
    frames.lattice.every((all) => all.length > 0 && all[all.length - 1].sigma === 0);
  return (
    <p className="mesh-export">
      <button
        type="button"
        data-testid="mesh-export"
        onClick={() => {
          if (!done()) return;
          const blob = new Blob([JSON.stringify(meshExport(frames, job), null, 1)], {
            type: 'application/json',
          });
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = `mesh-${job.settings.dataset}.json`;
          a.click();
          URL.revokeObjectURL(a.href);
        }}
      >
        Export lattice endpoints (JSON)
      </button>
    </p>
  );
}
