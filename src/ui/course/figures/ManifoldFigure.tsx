import { useRef, useMemo, useState, useSyncExternalStore } from 'react';
import { manifoldJobFromParams } from '../../../state/manifold';
import { ManifoldFrames } from '../../manifold/manifoldFrames';
import { ManifoldPanel } from '../../manifold/ManifoldPanel';
import { useWorkerClient } from '../../workerContext';
import type { LinkedFigureProps } from '../figureProps';
import { FigureStepSlider } from '../FigureStepSlider';
import { useFigureRun, type StartRun } from '../useFigureRun';
import '../../manifold/manifold.css';

/** The two of the manifold view's four lanes the course compares, in the view's colours. */
const LANES = [
  { lane: 0, title: 'Reverse SDE (geodesic random walk)', color: '#d55e00' },
  { lane: 3, title: 'Naive: diffuse in the ambient space, project', color: '#e69f00' },
] as const;

/**
 * A compact manifold view: the figure's run (manifold, data, steps, particles) and two of its
 * reverse lanes from the same noise, the Riemannian reverse SDE and the naive ambient baseline,
 * each with its distance from the manifold, and a step slider.
 */
export function ManifoldFigure(props: LinkedFigureProps) {
  const { chapter, spec, params, question } = props;
  const client = useWorkerClient();
  const [frames] = useState(() => new ManifoldFrames());
  useSyncExternalStore(frames.subscribe, frames.getVersion);
  const job = useMemo(() => manifoldJobFromParams(params).job, [params]);
  const [centre, setCentre] = useState({ lon: params.mlon, lat: params.mlat });
  const [chosen, setChosen] = useState<number | null>(null);
  const start: StartRun = (end) => {
    frames.reset();
    setChosen(null);
    client.run(job, {
      onFrame: (_s, _n, frame) => frames.push(frame),
      onDone: end.done,
      onError: end.failed,
      onCancelled: end.cancelled,
    });
    return () => client.cancel();
  };
  const plots = useRef<HTMLDivElement>(null);
  const run = useFigureRun(`${chapter}/${spec.id}`, question, start, plots);
  const last = Math.min(...LANES.map(({ lane }) => frames.lanes[lane].length)) - 1;
  const step = chosen === null ? Math.max(0, last) : Math.min(chosen, Math.max(0, last));
  return (
    <FigureStepSlider
      figure={props}
      run={run}
      plotsRef={plots}
      kind="manifold"
      legend={[['data', 'data (grey)']]}
      last={last}
      step={step}
      total={job.steps}
      onStep={setChosen}
    >
      <div className="course-compare">
        {LANES.map(({ lane, title, color }) => {
          const frame = frames.lanes[lane][step];
          return (
            <div key={lane}>
              <h4 className="panel-title">{title}</h4>
              <ManifoldPanel
                manifold={job.manifold}
                testId={`figure-${chapter}-${spec.id}-lane-${lane}`}
                label={`${title}, step ${step} of ${job.steps}`}
                onTurn={(lon, lat) => setCentre({ lon, lat })}
                scene={{ ...centre, data: frames.data, points: frame?.points ?? null, color }}
              />
              <p className="muted" data-testid={`figure-off-${lane}`}>
                {frame
                  ? `${lane === 3 ? 'mean distance off the manifold before projection' : 'off the manifold'}: ${frame.offManifold.toExponential(1)}`
                  : ' '}
              </p>
            </div>
          );
        })}
      </div>
    </FigureStepSlider>
  );
}
