import { useEffect, useMemo, useState } from 'react';
import type { FrameBuffer } from '../../state/frames';
import { SCENE_PARAMS, sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import { useParams } from '../useParams';
import { useWorkerClient } from '../workerContext';
import { useCustomRunData } from './useDatasetPoints';

/**
 * After a guided run (docs/GUIDANCE.md), from the worker's readout jobs: for a region, the share
 * of the final particles inside it; for a class, the exact classifier's agreement with it; and
 * their sliced Wasserstein-1 distance to exact draws of the target (with the two-sample floor).
 */
export function GuidanceReadoutLine({ frames }: { frames: FrameBuffer }) {
  const client = useWorkerClient();
  const params = useParams(SCENE_PARAMS);
  const runState = useStore((s) => s.runState);
  const custom = useCustomRunData(params.dataset);
  const settings = useMemo(() => sceneFromParams(params, 1).settings, [params]);
  const key = JSON.stringify(settings);
  const [text, setText] = useState<{ key: string; text: string; value: number } | null>(null);
  const { region, classGuide } = settings;
  useEffect(() => {
    if (runState !== 'done' || (!region && !classGuide)) return;
    const last = frames.at(frames.total);
    if (!last || last.step !== frames.total) return;
    const particles = last.data.x.slice();
    const onError = (message: string) => setText({ key, text: message, value: NaN });
    const distance = (r: { swd: number; floor: number; references: number }, what: string) =>
      `Sliced W1 to ${r.references} exact draws of ${what}: ${r.swd.toFixed(3)}${r.floor > 0 ? ` (two exact draws differ by ${r.floor.toFixed(3)})` : ''}.`;
    if (classGuide)
      client.run(
        {
          kind: 'class-readout',
          dataset: settings.dataset,
          classId: classGuide.classId,
          particles,
          seed: settings.seed,
        },
        {
          onDone: (r) =>
            setText({
              key,
              value: r.agreement,
              text: `The exact classifier puts ${(100 * r.agreement).toFixed(1)}% of the samples in class ${classGuide.classId}. ${distance(r, 'that class')}`,
            }),
          onError,
        },
      );
    else if (region)
      client.run(
        {
          kind: 'region-readout',
          dataset: settings.dataset,
          region,
          particles,
          ...(custom.data ? { data: custom.data } : {}),
          seed: settings.seed,
        },
        {
          onDone: (r) =>
            setText({
              key,
              value: r.share,
              text: `Inside the region: ${(100 * r.share).toFixed(1)}% of the samples. ${distance(r, 'the restricted data')}`,
            }),
          onError,
        },
      );
    // Once per finished run of these settings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runState, key]);
  if (!region && !classGuide) return null;
  const t = text?.key === key ? text : null;
  return (
    <p className="readout" data-testid="guidance-readout" data-value={t?.value ?? ''}>
      {t?.text ?? 'How close the samples come to the target: after the run.'}
    </p>
  );
}
