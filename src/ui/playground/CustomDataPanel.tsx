import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_POINTS, normalise, parsePoints } from '../../core/data/csv';
import { useCustomData } from '../../state/customData';
import { createParticlePlot, type ParticlePlot } from '../../viz/particles';

/** Half-width of the drawing square: the same [−3.5, 3.5]² the playground's plots start with. */
const EXTENT = 3.5;
/** A drag adds a point each time the pointer has moved this far (data units). */
const BRUSH_SPACING = 0.06;

/**
 * "Draw your own": click or drag on the square to paint points, or upload a CSV / JSON file of
 * points (validated, size-limited). Each finished stroke or upload starts a run at once with the
 * exact (empirical) denoiser of the set.
 */
export function CustomDataPanel() {
  const ref = useRef<HTMLDivElement>(null);
  const plotRef = useRef<ParticlePlot | null>(null);
  const stroke = useRef<number[] | null>(null);
  const points = useCustomData((s) => s.points);
  const source = useCustomData((s) => s.source);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: EXTENT, ariaLabel: 'Drawing area for points' });
    plotRef.current = plot;
    return () => {
      plotRef.current = null;
      plot.destroy();
    };
  }, []);

  useEffect(() => {
    plotRef.current?.update({ points: Float32Array.from(points) });
  }, [points]);

  const toData = (e: PointerEvent): [number, number] | null => {
    const plot = plotRef.current;
    const el = ref.current;
    if (!plot || !el) return null;
    const box = el.getBoundingClientRect();
    const vb = plot.viewBox();
    const x = vb.invertX(e.clientX - box.left);
    const y = vb.invertY(e.clientY - box.top);
    return Math.abs(x) <= EXTENT && Math.abs(y) <= EXTENT ? [x, y] : null;
  };

  const drawStroke = () => {
    const s = stroke.current ?? [];
    const all = new Float32Array(points.length + s.length);
    all.set(points);
    all.set(s, points.length);
    plotRef.current?.update({ points: all });
  };

  const addPoint = (e: PointerEvent) => {
    const p = toData(e);
    const s = stroke.current;
    if (!p || !s) return;
    const n = s.length;
    if (n > 0 && Math.hypot(p[0] - s[n - 2], p[1] - s[n - 1]) < BRUSH_SPACING) return;
    if (points.length / 2 + n / 2 >= MAX_UPLOAD_POINTS) return;
    s.push(p[0], p[1]);
    drawStroke();
  };

  const finishStroke = () => {
    const s = stroke.current;
    stroke.current = null;
    if (s && s.length > 0) {
      setError(null);
      useCustomData.getState().append(Float64Array.from(s));
    }
  };

  const upload = async (file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(
        `${file.name}: the file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB; kept the current points`,
      );
      return;
    }
    try {
      const parsed = parsePoints(await file.text());
      useCustomData.getState().replace(normalise(parsed), file.name);
      setError(null);
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}; kept the current points`);
    }
  };

  return (
    <div className="custom-data" data-testid="custom-data">
      <div
        ref={ref}
        className="draw-area"
        data-testid="draw-area"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          stroke.current = [];
          addPoint(e);
        }}
        onPointerMove={(e) => stroke.current && addPoint(e)}
        onPointerUp={finishStroke}
        onPointerCancel={finishStroke}
      />
      <p className="custom-status" data-testid="custom-count" data-count={points.length / 2}>
        {points.length === 0
          ? 'Click or drag on the square to paint points, or upload a file.'
          : `${(points.length / 2).toLocaleString('en-US')} points (${source})`}
      </p>
      <div className="custom-actions">
        <label className="file-button">
          Upload CSV / JSON
          <input
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            data-testid="upload-points"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
        <button
          type="button"
          data-testid="clear-points"
          disabled={points.length === 0}
          onClick={() => {
            setError(null);
            useCustomData.getState().clear();
          }}
        >
          Clear
        </button>
      </div>
      <p className="custom-help">
        CSV: two columns x, y (optional header). JSON: [[x, y], …] or [{'{'}"x": …, "y": …{'}'}]. Up
        to {MAX_UPLOAD_POINTS.toLocaleString('en-US')} points, {MAX_UPLOAD_BYTES / (1024 * 1024)}{' '}
        MB; uploads are centred and scaled to unit variance like the built-in sets.
      </p>
      {error && (
        <p className="control-error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
    </div>
  );
}
