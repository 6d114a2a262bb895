import type { DiscreteDataId } from '../../core/discrete/datasets';
import { topCandidates } from '../../state/discrete';
import type { ProbeState } from './useDiscreteProbe';
import type { TokenSelection } from './TokenGrid';
import { tokenWord } from './tokens';

const TOP = 5;

function Column({
  title,
  probs,
  K,
  position,
  dataset,
}: {
  title: string;
  probs: Float32Array;
  K: number;
  position: number;
  dataset: DiscreteDataId;
}) {
  return (
    <table className="probe-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">x₀</th>
          <th scope="col">p̂</th>
        </tr>
      </thead>
      <tbody>
        {topCandidates(probs, K, position, TOP).map(({ token, p }) => (
          <tr key={token}>
            <td>{tokenWord(dataset, token)}</td>
            <td>
              <span className="probe-bar" style={{ width: `${(4 * p).toFixed(2)}rem` }} />
              {p.toFixed(3)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The selected token's top candidates under the exact denoiser and under the network. */
export function ProbeTable({
  dataset,
  selected,
  probe,
  t,
}: {
  dataset: DiscreteDataId;
  selected: TokenSelection | null;
  probe: ProbeState;
  t: number;
}) {
  let body;
  if (!selected)
    body = 'Click a token (or focus the grid and use the arrow keys) to see p̂(x₀ | x_t) there.';
  else if (probe.state === 'none')
    body = `At t = ${t} every token is decided; pick an earlier step to see the predictions.`;
  else if (probe.state === 'waiting') body = 'Asking both models…';
  else if (probe.state === 'error') body = `No prediction: ${probe.error}`;
  const where = selected
    ? `sequence ${selected.sequence + 1}, position ${selected.position + 1}`
    : '';
  return (
    <div className="probe" data-testid="discrete-probe" data-state={probe.state}>
      <h3>
        p̂(x₀ | x_t){' '}
        {where && (
          <span className="muted">
            · {where} · t = {t}
          </span>
        )}
      </h3>
      {probe.state === 'done' && selected ? (
        <div className="probe-columns">
          <Column
            title="Exact denoiser"
            probs={probe.probe.exact}
            K={probe.K}
            position={selected.position}
            dataset={dataset}
          />
          <Column
            title="Network"
            probs={probe.probe.network}
            K={probe.K}
            position={selected.position}
            dataset={dataset}
          />
        </div>
      ) : (
        <p className="muted">{body}</p>
      )}
    </div>
  );
}
