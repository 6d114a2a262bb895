import { useMemo } from 'react';
import { parseHideList } from '../state/hide';
import { useStore } from '../state/store';

/** Whether a control is hidden by the link's `hide=` list (lesson links hide what they don't need). */
export function useHidden(): (name: string) => boolean {
  const text = useStore((s) => s.params.hide);
  return useMemo(() => {
    const set = new Set(parseHideList(text));
    return (name: string) => set.has(name);
  }, [text]);
}
