// A horizontal stacked bar chart drawn on the server as inline SVG: one bar
// per row (a month), one segment per series. It is an image to assistive
// technology (role="img" with a title and a description); the page shows the
// same numbers in a table. Geometry comes from lib/domain/chart.ts.
import { niceCeiling, stackSegments, ticks } from "@/lib/domain/chart";

export type ChartSeries = { label: string; /** Tailwind fill class for the bars. */ fill: string; /** Tailwind background class for the legend swatch. */ swatch: string };
export type ChartRow = { label: string; values: number[]; total: number };

const WIDTH = 340;
const LABEL_WIDTH = 62;
const TOTAL_WIDTH = 30;
const BAR_AREA = WIDTH - LABEL_WIDTH - TOTAL_WIDTH - 4;
const AXIS_HEIGHT = 18;
const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;

type Props = {
  id: string;
  title: string;
  description: string;
  legendTitle: string;
  series: readonly ChartSeries[];
  rows: readonly ChartRow[];
};

export function StatsChart({ id, title, description, legendTitle, series, rows }: Props) {
  const max = niceCeiling(Math.max(0, ...rows.map((r) => r.total)));
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 4;
  const scaleX = (value: number) => LABEL_WIDTH + (value / max) * BAR_AREA;
  return (
    <figure className="flex flex-col gap-2">
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="h-auto w-full max-w-md text-ink"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks(max).map((tick) => (
          <g key={tick}>
            <line
              x1={scaleX(tick)}
              x2={scaleX(tick)}
              y1={AXIS_HEIGHT - 4}
              y2={height - 2}
              className="stroke-leaf-100"
              strokeWidth={1}
            />
            <text x={scaleX(tick)} y={AXIS_HEIGHT - 7} textAnchor="middle" fontSize={10} className="fill-muted">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = AXIS_HEIGHT + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
          const segments = stackSegments(row.values, max, BAR_AREA, LABEL_WIDTH);
          return (
            <g key={row.label}>
              <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT - 3} textAnchor="end" fontSize={11} className="fill-current">
                {row.label}
              </text>
              {segments.map((segment) => (
                <rect
                  key={segment.index}
                  x={segment.x}
                  y={y}
                  width={segment.width}
                  height={BAR_HEIGHT}
                  className={series[segment.index]?.fill}
                />
              ))}
              <text x={scaleX(row.total) + 4} y={y + BAR_HEIGHT - 3} fontSize={11} className="fill-current font-semibold">
                {row.total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="sr-only">{legendTitle}</span>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {series.map((s) => (
            <li key={s.label} className="flex items-center gap-2">
              <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${s.swatch}`} />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
