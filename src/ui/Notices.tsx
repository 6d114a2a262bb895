import { useStore } from '../state/store';

export function Notices() {
  const notices = useStore((s) => s.notices);
  const error = useStore((s) => s.error);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0 && !error) return null;
  return (
    <section className="notices" aria-live="polite" data-testid="notices">
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {notices.map((n, i) => (
        <p key={`${i}-${n}`} className="notice">
          {n}{' '}
          <button type="button" onClick={() => dismiss(i)} aria-label="Dismiss">
            ×
          </button>
        </p>
      ))}
    </section>
  );
}
