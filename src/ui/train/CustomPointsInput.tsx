import { useState } from 'react';
import { MAX_UPLOAD_BYTES, parsePoints } from '../../core/data/csv';
import { useCustomData } from '../../state/customData';

/**
 * Upload of the "custom" data set (the same points the playground draws and uploads): a CSV or
 * JSON of 2D points, validated, with a clear error.
 */
export function CustomPointsInput() {
  const points = useCustomData((s) => s.points);
  const source = useCustomData((s) => s.source);
  const [error, setError] = useState('');
  const load = async (file: File | undefined) => {
    if (!file) return;
    // Refused before reading: a huge file would be held in memory whole.
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(`${file.name}: the file is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MB`);
      return;
    }
    try {
      useCustomData.getState().replace(parsePoints(await file.text()), file.name);
      setError('');
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  };
  return (
    <div className="control">
      <label className="control-label" htmlFor="train-custom-points">
        Your points (CSV or JSON of x, y)
      </label>
      <input
        id="train-custom-points"
        type="file"
        accept=".csv,.json,.txt,text/csv,application/json"
        data-testid="custom-points-upload"
        onChange={(e) => void load(e.target.files?.[0])}
      />
      <span className="muted" data-testid="custom-points-status">
        {points.length > 0
          ? `${source}: ${(points.length / 2).toLocaleString('en-US')} points`
          : 'no points yet'}
      </span>
      {error && (
        <span className="control-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
