/**
 * Credits per day by type, as stacked bars drawn by uPlot (about 23 KB gzipped, loaded with the
 * Usage page only; see docs/decisions.md). uPlot has no stacking of its own: each type's bar is
 * drawn at its running total, tallest first (lib/usage.ts chartData). The legend is ours: the
 * hovered day's credits per type, or the 30 days' totals, and a screen-reader table has the figures.
 */
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { UsageDay } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { chartData, USAGE_TYPE_COLORS, USAGE_TYPE_LABELS, USAGE_TYPES } from "../lib/usage";

const HEIGHT = 260;

export function UsageChart({ days }: { days: readonly UsageDay[] }) {
  const { t, formatNumber, locale } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const data = chartData(days);
  const dayLabel = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  const labelOf = (index: number) => {
    const day = data.days[index];
    return day === undefined ? "" : dayLabel.format(new Date(`${day}T00:00:00Z`));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its figures or the language change, not on every render
  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    const bars = uPlot.paths.bars?.({ size: [0.7, 28], align: 0 });
    const axis = { stroke: "#64748b", grid: { stroke: "#e2e8f0", width: 1 }, ticks: { show: false }, font: "12px system-ui, sans-serif" };
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.1))] } },
        axes: [
          {
            ...axis,
            grid: { show: false },
            size: 36,
            space: 56,
            incrs: [1, 2, 3, 5, 7, 10, 15],
            // Counted back from today, so today always has its label.
            splits: (_u, _axis, _min, _max, incr) => data.days.map((_, index) => index).filter((index) => (data.days.length - 1 - index) % incr === 0),
            values: (_u, splits) => splits.map((index) => labelOf(index)),
          },
          { ...axis, size: 64, values: (_u, splits) => splits.map((value) => formatNumber(value)) },
        ],
        series: [
          {},
          ...data.stacks.map((stack) => ({ label: t(USAGE_TYPE_LABELS[stack.type]), fill: USAGE_TYPE_COLORS[stack.type], stroke: USAGE_TYPE_COLORS[stack.type], width: 0, paths: bars, points: { show: false } })),
        ],
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      },
      [data.days.map((_, index) => index), ...data.stacks.map((stack) => stack.values)],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(days), locale]);

  const shown = hovered === null ? data.totals : { tts: data.byType.tts[hovered] ?? 0, clone: data.byType.clone[hovered] ?? 0, call: data.byType.call[hovered] ?? 0 };
  return (
    <figure className="m-0">
      <figcaption className="flex min-h-6 flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600" data-testid="usage-legend" aria-live="polite">
        <span className="font-medium text-slate-900">{hovered === null ? t("usage.chartTotal") : labelOf(hovered)}</span>
        {USAGE_TYPES.map((type) => (
          <span key={type} className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm" style={{ backgroundColor: USAGE_TYPE_COLORS[type] }} aria-hidden="true" />
            {t(USAGE_TYPE_LABELS[type])} <span className="font-semibold text-slate-900 tabular-nums">{formatNumber(shown[type])}</span>
          </span>
        ))}
      </figcaption>
      <div ref={frame} className="mt-3 w-full overflow-hidden" role="img" aria-label={t("usage.chartLabel")} data-testid="usage-chart" />
      {/* A table's box ignores a 1px width: the wrapper does the hiding. */}
      <div className="sr-only">
        <table>
          <caption>{t("usage.chartLabel")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("usage.column.date")}</th>
              {USAGE_TYPES.map((type) => (
                <th key={type} scope="col">
                  {t(USAGE_TYPE_LABELS[type])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.days.map((day, index) => (
              <tr key={day}>
                <th scope="row">{labelOf(index)}</th>
                {USAGE_TYPES.map((type) => (
                  <td key={type}>{formatNumber(data.byType[type][index] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
