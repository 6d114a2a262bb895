import { useEffect } from 'react';
import { selectHash, useStore } from '../state/store';

/** Reads the URL hash into the store on load and on hashchange; writes changes back. */
export function useHashSync(): void {
  useEffect(() => {
    const { loadHash } = useStore.getState();
    loadHash(window.location.hash);
    const onHash = () => {
      if (window.location.hash !== selectHash(useStore.getState())) loadHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.params === prev.params) return;
      const hash = selectHash(s);
      if (hash !== window.location.hash) {
        history.replaceState(null, '', hash || window.location.pathname + window.location.search);
      }
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, []);
}
