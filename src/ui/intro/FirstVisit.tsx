import { useState } from 'react';
import { useStore } from '../../state/store';

const KEY = 'diffusion-playground:intro-dismissed';

function dismissed(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The first visit's introduction on the default page (a bare address, no settings in the link):
 * what the plot shows and where the course and the lessons are. Dismissed once, it stays away
 * (localStorage).
 */
export function FirstVisit() {
  const [open, setOpen] = useState(
    () => window.location.hash.replace('#', '') === '' && !dismissed(),
  );
  const view = useStore((s) => s.params.view);
  const present = useStore((s) => s.params.present);
  if (!open || view !== 'reverse' || present) return null;
  const close = () => {
    try {
      localStorage.setItem(KEY, '1');
    } catch {
      // Storage blocked: the introduction closes for this visit only.
    }
    setOpen(false);
  };
  return (
    <section className="first-visit" aria-label="Introduction" data-testid="first-visit">
      <h2>Welcome to the diffusion playground</h2>
      <ul>
        <li>
          <span className="swatch swatch-particles" aria-hidden="true" /> Each blue dot is a{' '}
          <strong>particle</strong>: one sample, on its way from Gaussian noise (step 0) to the
          data, the <span className="swatch swatch-data" aria-hidden="true" /> grey points.
        </li>
        <li>
          The <strong>arrows</strong> are the score: where the denoiser pulls each point of the
          plane at the current noise level. Faint tails show the last few steps.
        </li>
        <li>
          Play, pause and scrub below the plot; the column on the left picks the data set, the
          noising process and the sampler. Every setting is in the link.
        </li>
      </ul>
      <p>
        New to diffusion models? <a href="#view=course">Start the course</a>, thirteen short
        chapters with live figures, or pick one of the <strong>Lessons</strong> in the header.
      </p>
      <button type="button" onClick={close} data-testid="first-visit-dismiss">
        Got it
      </button>
    </section>
  );
}
