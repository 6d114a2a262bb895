/**
 * Per-view reads of the URL parameters. A component that reads a few fields subscribes to
 * those only (compared one by one with zustand's useShallow), so it re-renders when one of
 * them changes, not on every change of the parameters.
 */
import { useShallow } from 'zustand/react/shallow';
import { pickParams, type ParamName, type Params } from '../state/fields';
import { useStore } from '../state/store';

/** One parameter, typed by its field. */
export function useParam<K extends ParamName>(name: K): Params[K] {
  return useStore((s) => s.params[name]);
}

/** The named parameters (a module-level list, so the selector stays the same). */
export function useParams<const K extends readonly ParamName[]>(names: K): Pick<Params, K[number]> {
  return useStore(useShallow((s) => pickParams(s.params, names)));
}

export const useSetParam = () => useStore((s) => s.setParam);
