import { useId, useState, type ReactNode } from 'react';
import { useHidden } from '../useHidden';

/**
 * The settings column left of a view. On a phone-width screen it collapses behind a
 * "Settings" button (CSS decides when the button shows); `hide=controls` removes it.
 */
export function SettingsColumn({ children }: { children: ReactNode }) {
  const hidden = useHidden();
  const [open, setOpen] = useState(false);
  const id = useId();
  if (hidden('controls')) return null;
  return (
    <aside className={`controls${open ? ' open' : ''}`} aria-label="Scene settings">
      <button
        type="button"
        className="controls-toggle"
        aria-expanded={open}
        aria-controls={id}
        data-testid="controls-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide settings' : 'Settings'}
      </button>
      <div id={id} className="controls-body">
        {children}
      </div>
    </aside>
  );
}
