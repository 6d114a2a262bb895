import type { QualityReadout as Quality } from '../../worker/protocol';
import { Tip } from '../controls/Tip';
import { IMAGE_TEX } from './imageHelp';

/** The classifier's verdict on the finished grid, labelled as proxies. */
export function QualityReadout({
  quality,
  classifier,
  classes,
  conditional,
}: {
  quality: Quality;
  classifier: string;
  classes: number;
  conditional: boolean;
}) {
  const q = quality;
  const histogram = Array.from(
    { length: classes },
    (_, k) => q.predicted.filter((p) => p === k).length,
  );
  return (
    <section
      className="quality"
      aria-label="Sample quality"
      data-testid="quality"
      data-agreeing={q.agreeing ?? ''}
      data-scored={q.scored}
      data-fd={q.fd}
      data-is={q.inceptionScore}
    >
      <h3>Quality of this grid (proxies)</h3>
      <dl>
        {conditional && q.agreeing !== null ? (
          <>
            <dt>Classifier agrees with the requested class</dt>
            <dd>
              {q.agreeing} / {q.scored} cells ({((100 * q.agreeing) / q.scored).toFixed(0)}%)
            </dd>
          </>
        ) : (
          <>
            <dt>Classes the classifier sees</dt>
            <dd>{histogram.map((h, k) => `${k}: ${h}`).join(', ')}</dd>
          </>
        )}
        <dt>
          Feature Fréchet distance to the test images <Tip tex={IMAGE_TEX.fd} />
        </dt>
        <dd>
          {Number.isNaN(q.fd) ? 'needs at least 2 samples' : q.fd.toPrecision(3)}{' '}
          <span className="muted">
            (two halves of the {q.references} test images: {q.fdFloor.toPrecision(3)})
          </span>
        </dd>
        <dt>
          Inception-style score <Tip tex={IMAGE_TEX.is} />
        </dt>
        <dd>
          {q.inceptionScore.toFixed(2)} <span className="muted">of at most {classes}</span>
        </dd>
      </dl>
      <p className="muted small">
        Proxies computed with the bundled <code>{classifier}</code> classifier (features: its last
        convolution averaged over space), not FID or IS with Inception-v3: use them to compare
        settings here, not with published numbers. A grid of one class scores an inception score
        near 1 by design; the Fréchet distance from {q.scored} samples carries a small-sample bias
        (the test-half figure shows its size).
      </p>
    </section>
  );
}
