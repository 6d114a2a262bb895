import { useEffect, useRef, type KeyboardEvent } from 'react';
import {
  createImageGrid,
  type GridMarks,
  type ImageGridView,
  type ImageTiles,
} from '../../viz/imageGrid';

interface Props {
  tiles: ImageTiles | null;
  marks?: GridMarks;
  scale: number;
  cols?: number;
  pad?: number;
  captionHeight?: number;
  label: string;
  testId?: string;
  /** Click on a cell. */
  onCell?(cell: number): void;
  /** Makes the canvas focusable with these keys (a keyboard alternative to clicking). */
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  /** Pointer painting at (x, y) CSS pixels from the canvas's top left: on press and on moves while pressed. */
  onPaint?(x: number, y: number): void;
  onPaintEnd?(): void;
  dataset?: Record<string, string | number>;
  /** Scroll the enclosing scroll box (horizontally) so this cell is in view after each draw. */
  reveal?: number;
}

/** React wrapper of viz/imageGrid: one canvas, redrawn when the tiles or marks change. */
export function ImageCanvas({
  tiles,
  marks,
  scale,
  cols,
  pad,
  captionHeight,
  label,
  testId,
  onCell,
  onKeyDown,
  onPaint,
  onPaintEnd,
  dataset,
  reveal,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ImageGridView | null>(null);
  const painting = useRef(false);

  useEffect(() => {
    if (!host.current) return;
    const v = createImageGrid(host.current, { scale, cols, pad, captionHeight, ariaLabel: label });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [scale, cols, pad, captionHeight, label]);

  useEffect(() => {
    const v = view.current;
    v?.update(tiles, marks);
    const box = reveal === undefined ? null : v?.cellBox(reveal);
    const scroller = host.current?.parentElement;
    if (!box || !scroller) return;
    if (box.x < scroller.scrollLeft || box.x + box.w > scroller.scrollLeft + scroller.clientWidth)
      scroller.scrollTo({ left: box.x + box.w / 2 - scroller.clientWidth / 2 });
  }, [tiles, marks, scale, cols, pad, captionHeight, label, reveal]);

  const data = Object.fromEntries(
    Object.entries(dataset ?? {}).map(([k, v]) => [`data-${k}`, String(v)]),
  );
  const cellAt = (x: number, y: number) => view.current?.cellAt(x, y) ?? null;
  const paintAt = (clientX: number, clientY: number) => {
    const rect = view.current?.canvas.getBoundingClientRect();
    if (rect) onPaint?.(clientX - rect.left, clientY - rect.top);
  };
  return (
    <div
      ref={host}
      className={`image-canvas${onCell || onPaint ? ' clickable' : ''}`}
      data-testid={testId}
      tabIndex={onKeyDown ? 0 : undefined}
      onKeyDown={onKeyDown}
      onClick={
        onCell
          ? (e) => {
              const c = cellAt(e.clientX, e.clientY);
              if (c !== null) onCell(c);
            }
          : undefined
      }
      onPointerDown={
        onPaint
          ? (e) => {
              painting.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              paintAt(e.clientX, e.clientY);
            }
          : undefined
      }
      onPointerMove={
        onPaint
          ? (e) => {
              if (painting.current) paintAt(e.clientX, e.clientY);
            }
          : undefined
      }
      onPointerUp={
        onPaint
          ? () => {
              if (painting.current) onPaintEnd?.();
              painting.current = false;
            }
          : undefined
      }
      {...data}
    />
  );
}
