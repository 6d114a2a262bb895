import { resolveColor, themeColor } from '../theme';

/** What the torus panel draws: angle pairs (rows of 2 in [−π, π)) and tangent arrows. */
export interface TorusScene {
  data?: Float32Array | null;
  points?: Float32Array | null;
  color: string;
  arrows?: { base: Float32Array; vectors: Float32Array } | null;
}

export interface TorusSquare {
  update(scene: TorusScene): void;
  destroy(): void;
}

/** Width of the wrapped margin on each side, as a fraction of the square. */
const MARGIN = 0.12;

/**
 * The flat torus as its fundamental square [−π, π)² on a canvas, with the wrap made visible: a
 * margin on every side shows, faded, the periodic copies of what lies just across the opposite
 * edge, and the identified edges carry matching arrow marks. Arrows of the score field are drawn
 * with lengths squashed as |v|/(|v| + median |v|).
 */
export function createTorusSquare(canvas: HTMLCanvasElement): TorusSquare {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('torus: no 2D canvas context');
  const size = canvas.width;
  const inner = size / (1 + 2 * MARGIN);
  const off = inner * MARGIN;
  const px = (a: number) => off + ((a + Math.PI) / (2 * Math.PI)) * inner;
  const py = (b: number) => off + ((Math.PI - b) / (2 * Math.PI)) * inner;
  const reach = 2 * Math.PI * MARGIN;

  const dots = (xs: Float32Array, color: string, faded: string, r: number) => {
    for (let o = 0; o < xs.length; o += 2) {
      for (const da of [-2 * Math.PI, 0, 2 * Math.PI])
        for (const db of [-2 * Math.PI, 0, 2 * Math.PI]) {
          const a = xs[o] + da;
          const b = xs[o + 1] + db;
          if (Math.abs(a) > Math.PI + reach || Math.abs(b) > Math.PI + reach) continue;
          ctx.fillStyle = da === 0 && db === 0 ? color : faded;
          ctx.fillRect(px(a) - r, py(b) - r, 2 * r, 2 * r);
        }
    }
  };

  const edgeMarks = () => {
    ctx.fillStyle = themeColor(canvas, '--viz-ink', '#555');
    const mark = (x: number, y: number, dx: number, dy: number) => {
      ctx.beginPath();
      ctx.moveTo(x + 5 * dx, y + 5 * dy);
      ctx.lineTo(x - 4 * dx + 4 * dy, y - 4 * dy + 4 * dx);
      ctx.lineTo(x - 4 * dx - 4 * dy, y - 4 * dy - 4 * dx);
      ctx.fill();
    };
    const mid = off + inner / 2;
    mark(mid, off, 1, 0);
    mark(mid, off + inner, 1, 0);
    mark(off, mid, 0, -1);
    mark(off + inner, mid, 0, -1);
  };

  return {
    update(scene) {
      ctx.clearRect(0, 0, size, size);
      ctx.fillStyle = themeColor(canvas, '--viz-bg', '#fff');
      ctx.fillRect(0, 0, size, size);
      ctx.fillStyle = themeColor(canvas, '--viz-ocean', '#eef4fb');
      ctx.fillRect(off, off, inner, inner);
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = themeColor(canvas, '--viz-ink', '#555');
      ctx.strokeRect(off, off, inner, inner);
      ctx.setLineDash([]);
      edgeMarks();
      const faint = themeColor(canvas, '--viz-points-faint', 'rgba(80,80,80,0.45)');
      if (scene.data) dots(scene.data, faint, 'rgba(128,128,128,0.15)', 1);
      if (scene.arrows) {
        const { base, vectors } = scene.arrows;
        const lengths: number[] = [];
        for (let o = 0; o < vectors.length; o += 2)
          lengths.push(Math.hypot(vectors[o], vectors[o + 1]));
        const median = [...lengths].sort((a, b) => a - b)[lengths.length >> 1] || 1;
        ctx.strokeStyle = '#8a3ffc';
        ctx.beginPath();
        lengths.forEach((len, i) => {
          if (len === 0) return;
          const k = (0.25 * len) / (len + median) / len;
          const a = base[2 * i];
          const b = base[2 * i + 1];
          ctx.moveTo(px(a), py(b));
          ctx.lineTo(px(a + k * vectors[2 * i]), py(b + k * vectors[2 * i + 1]));
        });
        ctx.stroke();
      }
      const color = resolveColor(canvas, scene.color);
      if (scene.points) dots(scene.points, color, 'rgba(120,120,120,0.35)', 1.6);
    },
    destroy() {
      ctx.clearRect(0, 0, size, size);
    },
  };
}
