import { useParam } from '../useParams';
import { DiscreteControls } from './DiscreteControls';
import { ForwardPanel } from './ForwardPanel';
import { LikelihoodPanel } from './LikelihoodPanel';
import { ReversePanel } from './ReversePanel';
import { useDiscreteData } from './useDiscreteData';
import { useDiscreteRun } from './useDiscreteRun';
import './discrete.css';

/**
 * Discrete diffusion on names and 8×8 digits: forward corruption with its transition matrices,
 * reverse sampling token by token with the exact denoiser beside the network, infilling,
 * likelihood against an autoregressive model, and memorisation.
 */
export function DiscreteView() {
  const dataset = useParam('dset');
  const { data, error } = useDiscreteData(dataset);
  const run = useDiscreteRun(data);
  return (
    <div className="view-layout">
      <DiscreteControls data={data} />
      <div className="view-main discrete-main">
        {error && (
          <p className="control-error" role="alert">
            {error}
          </p>
        )}
        <ReversePanel run={run} data={data} />
        <ForwardPanel data={data} />
        {dataset === 'names' && <LikelihoodPanel />}
      </div>
    </div>
  );
}
