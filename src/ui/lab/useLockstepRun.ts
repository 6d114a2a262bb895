import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { laneLabel, planLanes } from '../../core/lab/lockstep';
import { useLab, type LaneInfo } from '../../state/labStore';
import { jobScene, LAB_PARAMS, labFromParams } from '../../state/labSettings';
import { useStore } from '../../state/store';
import { trainedModel } from '../../state/trainedModel';
import { FIELD_SIZE } from '../playground/frameBuffers';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import { LANE_FRAMES } from './labFrames';

/** Particles the lockstep reference and errors cover (RK45 on an empirical model costs ~n·2000 per evaluation). */
export const REFERENCE_PARTICLES = 500;

/**
 * Starts one lockstep run per change of the scene, model, lanes, budget or tolerance (by value;
 * with model=trained also per new trained network), streaming each lane's frames into its buffer and the reference and errors into the lab store.
 */
export function useLockstepRun(): void {
  const client = useWorkerClient();
  const ready = useStore((s) => s.backend !== null);
  const params = useParams(LAB_PARAMS);
  const nonce = useLab((s) => s.lockstep.nonce);
  const trained = useSyncExternalStore(trainedModel.subscribe, trainedModel.read);
  const key = useMemo(() => {
    const lab = labFromParams(params);
    return JSON.stringify({
      scene: lab.scene,
      model: lab.model,
      trained: lab.model === 'trained' ? (trained?.ref.key ?? null) : null,
      lanes: lab.lanes,
      budget: lab.budget,
      tolerance: lab.tolerance,
      nonce,
    });
  }, [params, nonce, trained]);

  useEffect(() => {
    if (!ready) return;
    const { scene, model, lanes, budget, tolerance } = JSON.parse(key) as ReturnType<
      typeof labFromParams
    >;
    const { setRun, setPlayback } = useStore.getState();
    const { setLockstep } = useLab.getState();
    let infos: LaneInfo[];
    try {
      infos = planLanes(scene, lanes, budget).map((p) => ({
        label: laneLabel(p.id, p.params),
        id: p.id,
        params: p.params,
        steps: p.steps,
        nfe: p.nfe,
        stochastic: p.stochastic,
        grid: p.grid,
      }));
    } catch (e) {
      setLockstep({ state: 'error', error: (e as Error).message, lanes: [], result: null });
      return;
    }
    LANE_FRAMES.forEach((f, k) => f.reset(infos[k]?.steps ?? 0, scene.particles));
    setLockstep({ state: 'running', budget, model, lanes: infos, result: null, error: null });
    setPlayback({ step: 0, playing: true });
    setRun('running');
    client.run(
      {
        kind: 'lockstep',
        settings: jobScene(scene),
        model,
        lanes,
        budget,
        fieldSize: FIELD_SIZE,
        tolerance,
        referenceParticles: REFERENCE_PARTICLES,
      },
      {
        onFrame: (step, _total, data, info) =>
          info && LANE_FRAMES[info.lane]?.push({ step, data, info }),
        onDone: (result) => {
          setLockstep({ state: 'done', result });
          setRun('done');
        },
        onCancelled: () => setLockstep({ state: 'cancelled' }),
        onError: (message) => {
          setLockstep({ state: 'error', error: message });
          setRun('error', { error: message });
        },
      },
    );
  }, [client, ready, key]);
}
