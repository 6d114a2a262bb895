import { useEffect, useMemo, useState } from 'react';
import type { FrameBuffer } from '../../state/frames';
import { SCENE_PARAMS, sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import type { RegionReadout } from '../../worker/protocol';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import { useCustomRunData } from './useDatasetPoints';

/**
 * After a region-constrained run: the share of its final particles inside the region and their
 * sliced Wasserstein-1 distance to exact draws of the restricted data (with the two-sample
 * floor), computed by the worker's region-readout job.
 */
export function RegionReadoutLine({ frames }: { frames: FrameBuffer }) {
  const client = useWorkerClient();
  const params = useParams(SCENE_PARAMS);
  const runState = useStore((s) => s.runState);
  const custom = useCustomRunData(params.dataset);
  const settings = useMemo(() => sceneFromParams(params, 1).settings, [params]);
  const key = JSON.stringify(settings);
  const [readout, setReadout] = useState<{ key: string; r: RegionReadout } | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const { region } = settings;
  useEffect(() => {
    if (runState !== 'done' || !region) return;
    const last = frames.at(frames.total);
    if (!last || last.step !== frames.total) return;
    client.run(
      {
        kind: 'region-readout',
        dataset: settings.dataset,
        region,
        particles: last.data.x.slice(),
        ...(custom.data ? { data: custom.data } : {}),
        seed: settings.seed,
      },
      {
        onDone: (r) => setReadout({ key, r }),
        onError: (message) => setError({ key, message }),
      },
    );
    // Once per finished run of these settings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runState, key]);
  if (!region) return null;
  const r = readout?.key === key ? readout.r : null;
  const problem = error?.key === key ? error.message : null;
  return (
    <p className="readout" data-testid="region-readout" data-share={r?.share ?? ''}>
      {problem ??
        (r
          ? `Inside the region: ${(100 * r.share).toFixed(1)}% of the samples. Sliced W1 to ${r.references} exact draws of the restricted data: ${r.swd.toFixed(3)}${r.floor > 0 ? ` (two exact draws differ by ${r.floor.toFixed(3)})` : ''}.`
          : 'Share inside the region and distance to the restricted data: after the run.')}
    </p>
  );
}
