import { useId, useState, type ReactNode } from 'react';
import { Icon } from './Icon';
import { Tex } from './Tex';

/** An "ⓘ" button whose tooltip shows the equation a control changes; opens on hover or focus. */
export function Tip({ tex, children }: { tex?: string; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="tip" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="tip-button"
        aria-describedby={id}
        aria-label="Show the equation"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        <Icon name="info" />
      </button>
      <span role="tooltip" id={id} className={`tip-body${open ? ' open' : ''}`}>
        {/* Typeset when opened: the page's dozens of tooltips stay light until asked for. */}
        {tex && open && <Tex tex={tex} />}
        {children && <span className="tip-text">{children}</span>}
      </span>
    </span>
  );
}
