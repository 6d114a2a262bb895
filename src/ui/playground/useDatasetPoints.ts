import { useMemo } from 'react';
import { sampleDataset } from '../../core/data';
import { useCustomData } from '../../state/customData';

/** Points of the data set drawn in light grey behind the particles (the user's own set for 'custom'). */
export function useDatasetPoints(dataset: string): Float32Array {
  const custom = useCustomData((s) => s.points);
  return useMemo(
    () => Float32Array.from(dataset === 'custom' ? custom : sampleDataset(dataset, 1500, 7)),
    [dataset, custom],
  );
}

/** The point set a run needs for dataset=custom (null when none is drawn yet), else undefined. */
export function useCustomRunData(dataset: string): {
  data: Float64Array | null | undefined;
  version: number;
} {
  const points = useCustomData((s) => s.points);
  const version = useCustomData((s) => s.version);
  if (dataset !== 'custom') return { data: undefined, version: 0 };
  return { data: points.length > 0 ? points : null, version };
}
