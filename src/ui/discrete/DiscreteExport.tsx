import { discreteRunExport } from '../../state/discrete';
import type { DiscreteSampleJob, DiscreteSampleResult } from '../../worker/protocol';
import { download } from '../export/download';

/** Downloads the finished run's samples (discreteRunExport) with its job and link. */
export function DiscreteExport({
  job,
  result,
}: {
  job: DiscreteSampleJob;
  result: DiscreteSampleResult | null;
}) {
  return (
    <button
      type="button"
      data-testid="discrete-export"
      disabled={!result}
      onClick={() => {
        if (!result) return;
        const json = discreteRunExport(job, result.x, result.nfe, window.location.href);
        download(
          new Blob([JSON.stringify(json, null, 1)], { type: 'application/json' }),
          `discrete-${job.dataset}-${job.model}-seed${job.seed}.json`,
        );
      }}
    >
      Download the samples (JSON)
    </button>
  );
}
