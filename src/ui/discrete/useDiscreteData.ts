import { useEffect, useState } from 'react';
import { DISCRETE_DATA, type DiscreteDataId } from '../../core/discrete/datasets';
import { discreteDataFromJson, type DiscreteData } from '../../state/discreteData';

const loaded = new Map<DiscreteDataId, Promise<DiscreteData>>();

function load(dataset: DiscreteDataId): Promise<DiscreteData> {
  let data = loaded.get(dataset);
  if (!data) {
    const url = new URL(`data/${DISCRETE_DATA[dataset].file}`, document.baseURI);
    data = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
        return r.json() as Promise<unknown>;
      })
      .then((json) => discreteDataFromJson(dataset, json));
    // A failed load is tried again the next time the data set is chosen.
    data.catch(() => loaded.delete(dataset));
    loaded.set(dataset, data);
  }
  return data;
}

/** The data set's file, fetched once per page and parsed; or why it could not be read. */
export function useDiscreteData(dataset: DiscreteDataId): {
  data: DiscreteData | null;
  error: string | null;
} {
  const [state, setState] = useState<{
    dataset: DiscreteDataId;
    data: DiscreteData | null;
    error: string | null;
  }>({ dataset, data: null, error: null });
  useEffect(() => {
    let live = true;
    load(dataset).then(
      (data) => live && setState({ dataset, data, error: null }),
      (e: Error) =>
        live && setState({ dataset, data: null, error: `Could not load the data: ${e.message}` }),
    );
    return () => {
      live = false;
    };
  }, [dataset]);
  return state.dataset === dataset ? state : { data: null, error: null };
}
