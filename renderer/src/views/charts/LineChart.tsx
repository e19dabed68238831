import { useRef } from 'react';
import { useElementSize } from '../../hooks/useElementSize';
import { niceTicks, scale, type Domain } from './scales';
import './charts.css';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown on hover. */
  label?: string;
  marker?: MarkerShape;
}

/** One line. `tone` picks its colour from charts.css (`tone-1` … `tone-4`). */
export interface ChartSeries {
  id: string;
  name: string;
  points: readonly ChartPoint[];
  tone: 1 | 2 | 3 | 4;
  dashed?: boolean;
}

interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  x: Domain;
  y: Domain;
  xLabel: string;
  formatX?(value: number): string;
  formatY?(value: number): string;
  integerX?: boolean;
  height?: number;
  /** What the empty chart says. */
  empty?: string;
}

const pad = { left: 44, right: 12, top: 10, bottom: 34 };

/** A small SVG line chart with round ticks, hover titles per point and a legend. */
export function LineChart({ title, series, x, y, xLabel, formatX = String, formatY = String, integerX, height = 180, empty }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const toX = scale(x, pad.left, Math.max(pad.left + 1, width - pad.right));
  const toY = scale(y, height - pad.bottom, pad.top);
  const hasPoints = series.some((s) => s.points.length > 0);
  return (
    <figure className="chart" aria-label={title}>
      <div ref={box} className="chart-box">
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-label={title}>
            {niceTicks(y, 4).map((t) => (
              <g key={`y${t}`} className="chart-grid">
                <line x1={pad.left} x2={width - pad.right} y1={toY(t)} y2={toY(t)} />
                <text x={pad.left - 6} y={toY(t)} dy="0.32em" textAnchor="end">
                  {formatY(t)}
                </text>
              </g>
            ))}
            {niceTicks(x, Math.max(2, Math.floor(width / 110)), integerX).map((t) => (
              <text key={`x${t}`} className="chart-tick" x={toX(t)} y={height - pad.bottom + 14} textAnchor="middle">
                {formatX(t)}
              </text>
            ))}
            <text className="chart-axis-label" x={(pad.left + width - pad.right) / 2} y={height - 4} textAnchor="middle">
              {xLabel}
            </text>
            {series.map((s) => (
              <g key={s.id} className={`chart-series tone-${s.tone}${s.dashed ? ' dashed' : ''}`}>
                {s.points.length > 1 && <polyline points={s.points.map((p) => `${toX(p.x)},${toY(p.y)}`).join(' ')} />}
                {s.points.map((p, i) => (
                  <Marker key={i} shape={p.marker ?? 'circle'} cx={toX(p.x)} cy={toY(p.y)} title={p.label ?? `${s.name}: ${formatY(p.y)} at ${formatX(p.x)}`} />
                ))}
              </g>
            ))}
          </svg>
        )}
        {!hasPoints && empty && <p className="chart-empty faint">{empty}</p>}
      </div>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.id} className={`legend-item tone-${s.tone}${s.dashed ? ' dashed' : ''}`}>
            <span className="legend-line" aria-hidden="true" />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function Marker({ shape, cx, cy, title }: { shape: MarkerShape; cx: number; cy: number; title: string }) {
  const r = 3.5;
  const body =
    shape === 'square' ? (
      <rect x={cx - r} y={cy - r} width={r * 2} height={r * 2} />
    ) : shape === 'triangle' ? (
      <polygon points={`${cx},${cy - r - 1} ${cx + r + 1},${cy + r} ${cx - r - 1},${cy + r}`} />
    ) : shape === 'diamond' ? (
      <polygon points={`${cx},${cy - r - 1} ${cx + r + 1},${cy} ${cx},${cy + r + 1} ${cx - r - 1},${cy}`} />
    ) : (
      <circle cx={cx} cy={cy} r={r} />
    );
  return (
    <g className="chart-marker">
      <title>{title}</title>
      {body}
    </g>
  );
}
