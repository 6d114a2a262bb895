import { useState } from 'react';
import { MASK_PRESETS, paintDisk, presetMask, type MaskPreset } from '../../core/images/mask';
import { ImageCanvas } from './ImageCanvas';

const PRESET_LABELS: Record<MaskPreset, string> = {
  right: 'Right half',
  left: 'Left half',
  top: 'Top half',
  bottom: 'Bottom half',
  centre: 'Centre',
  border: 'Border',
};
const BRUSHES = [0.5, 1, 1.5, 2.5];

/**
 * Paint the region to repaint (red) over the source image with the mouse, or with the keyboard:
 * focus the image, move the dashed cursor with the arrow keys, Space paints (Shift+Space erases).
 * The mask is committed (and a run started) when a stroke ends.
 */
export function MaskPainter({
  source,
  height,
  width,
  mask,
  onCommit,
}: {
  source: Float32Array;
  height: number;
  width: number;
  mask: Uint8Array;
  onCommit(mask: Uint8Array): void;
}) {
  const [stroke, setStroke] = useState<Uint8Array | null>(null);
  const [erase, setErase] = useState(false);
  const [brush, setBrush] = useState(1);
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const scale = Math.floor(256 / width);
  const shown = stroke ?? mask;
  const paint = (base: Uint8Array, row: number, col: number, value: 0 | 1) =>
    paintDisk(base, height, width, row, col, brush, value);
  return (
    <div
      className="mask-painter"
      data-testid="mask-painter"
      data-masked={shown.reduce((a, b) => a + b, 0)}
    >
      <ImageCanvas
        tiles={{ values: source, cells: 1, height, width, range: [-1, 1] }}
        marks={{ mask: shown, cursor }}
        scale={scale}
        pad={0}
        label="Source image; red pixels will be repainted"
        testId="mask-canvas"
        onPaint={(x, y) => {
          const row = Math.floor(y / scale);
          const col = Math.floor(x / scale);
          if (row < 0 || col < 0 || row >= height || col >= width) return;
          setStroke((s) => paint(s ?? mask, row, col, erase ? 0 : 1));
        }}
        onPaintEnd={() => {
          if (stroke) onCommit(stroke);
          setStroke(null);
        }}
        onKeyDown={(e) => {
          const at = cursor ?? { row: Math.floor(height / 2), col: Math.floor(width / 2) };
          const moves: Record<string, [number, number]> = {
            ArrowUp: [-1, 0],
            ArrowDown: [1, 0],
            ArrowLeft: [0, -1],
            ArrowRight: [0, 1],
          };
          if (e.key in moves) {
            const [dr, dc] = moves[e.key];
            setCursor({
              row: Math.max(0, Math.min(height - 1, at.row + dr)),
              col: Math.max(0, Math.min(width - 1, at.col + dc)),
            });
          } else if (e.key === ' ' || e.key === 'Enter') {
            setCursor(at);
            onCommit(paint(mask, at.row, at.col, e.shiftKey || erase ? 0 : 1));
          } else return;
          e.preventDefault();
        }}
      />
      <p className="muted small">
        Drag to paint; or focus the image, move with the arrow keys and press Space to paint
        (Shift+Space erases).
      </p>
      <div className="mask-tools" role="group" aria-label="Mask tools">
        {MASK_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`mask-${p}`}
            onClick={() => onCommit(presetMask(p, height, width))}
          >
            {PRESET_LABELS[p]}
          </button>
        ))}
        <button type="button" onClick={() => onCommit(mask.map((v) => 1 - v))}>
          Invert
        </button>
        <label className="toggle">
          <input type="checkbox" checked={erase} onChange={(e) => setErase(e.target.checked)} />{' '}
          Erase
        </label>
        <label>
          Brush{' '}
          <select value={brush} onChange={(e) => setBrush(Number(e.target.value))}>
            {BRUSHES.map((b) => (
              <option key={b} value={b}>
                radius {b}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
