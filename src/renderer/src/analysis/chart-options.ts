import type { EChartsCoreOption } from 'echarts/core';
import type {
  AttributeBreakdown,
  DateCounts,
  DocumentTagCounts,
} from '../../../shared/analysis/cooccurrence';
import { i18n } from '../i18n/i18n';

/**
 * ECharts options for the four charts, from the counts of
 * `shared/analysis/cooccurrence.ts`. Pure (no ECharts code runs here), so the same
 * option draws the canvas on screen, the SVG export and the tests. Colours
 * come from the app's theme and the codebook, passed in.
 */

export interface ChartTheme {
  fg: string;
  muted: string;
  border: string;
  /** Also the PNG background: exports must be readable outside the app. */
  bg: string;
  font: string;
}

export interface TagStyle {
  label: string;
  color: string;
}

/** A grid of counts: `counts[r][c]` for `rows[r]` × `columns[c]`. */
export interface CountMatrix {
  rows: string[];
  columns: string[];
  counts: number[][];
}

const ROW_PX = 26;

/** How tall a chart with `rows` horizontal bars (or matrix rows) should be. */
export function chartHeight(rows: number, extra = 90): number {
  return Math.max(220, Math.min(4000, rows * ROW_PX + extra));
}

/** A document's short name for an axis: its file name without extension, clipped. */
export function documentLabel(path: string, max = 32): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.(txt|md)$/i, '');
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

function base(theme: ChartTheme): EChartsCoreOption {
  return {
    backgroundColor: 'transparent',
    textStyle: { color: theme.fg, fontFamily: theme.font, fontSize: 12 },
    tooltip: { confine: true },
    animationDuration: 300,
  };
}

function axisStyle(theme: ChartTheme): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.fg },
    splitLine: { lineStyle: { color: theme.border } },
  };
}

function legend(theme: ChartTheme, names: string[]): Record<string, unknown> {
  return {
    type: 'scroll',
    top: 0,
    data: names,
    textStyle: { color: theme.fg },
    pageTextStyle: { color: theme.muted },
  };
}

/** Stacked horizontal bars: one bar per document, one stack segment per tag. */
export function tagCountsOption(
  data: DocumentTagCounts,
  tags: (id: string) => TagStyle,
  theme: ChartTheme,
  documentName: (path: string) => string = documentLabel,
): EChartsCoreOption {
  const names = data.tags.map((t) => tags(t).label);
  return {
    ...base(theme),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: legend(theme, names),
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    // Bars top to bottom in document order.
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.documents.map((path) => documentName(path)),
      ...axisStyle(theme),
    },
    series: data.tags.map((tag, t) => ({
      name: names[t],
      type: 'bar',
      stack: 'tags',
      itemStyle: { color: tags(tag).color },
      emphasis: { focus: 'series' },
      data: data.counts.map((row) => row[t]),
    })),
  };
}

/** One bar per value of one attribute. */
export function breakdownOption(
  data: AttributeBreakdown,
  color: string,
  theme: ChartTheme,
): EChartsCoreOption {
  const rows = data.rows.filter((r) => r.count > 0 || !r.retired);
  return {
    ...base(theme),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 40, top: 12, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), ...axisStyle(theme) },
    series: [
      {
        name: data.attribute?.label ?? i18n.t('analysis:chart.count'),
        type: 'bar',
        itemStyle: { color },
        label: { show: true, position: 'right', color: theme.fg },
        data: rows.map((r) => r.count),
      },
    ],
  };
}

/** A heat map of pair counts, numbers written in the cells. */
export function matrixOption(data: CountMatrix, theme: ChartTheme, accent: string): EChartsCoreOption {
  const max = Math.max(1, ...data.counts.flat());
  // The scale runs from the background to the accent: numbers on the darker half take the background's colour.
  const cells = data.counts.flatMap((row, r) =>
    row.map((n, c) => ({ value: [c, r, n], label: { color: n / max > 0.5 ? theme.bg : theme.fg } })),
  );
  return {
    ...base(theme),
    tooltip: { position: 'top', confine: true },
    grid: { left: 8, right: 16, top: 12, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.columns,
      splitArea: { show: true },
      ...axisStyle(theme),
      axisLabel: { color: theme.fg, interval: 0, rotate: data.columns.length > 4 ? 30 : 0 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.rows,
      splitArea: { show: true },
      ...axisStyle(theme),
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      text: [String(max), '0'],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      textStyle: { color: theme.fg },
      inRange: { color: [theme.bg, accent] },
    },
    series: [
      {
        name: i18n.t('analysis:chart.pairs'),
        type: 'heatmap',
        data: cells,
        label: { show: true },
        itemStyle: { borderColor: theme.border, borderWidth: 1 },
      },
    ],
  };
}

/** Stacked columns per date bucket, one segment per tag. */
export function datesOption(
  data: DateCounts,
  tags: (id: string) => TagStyle,
  tagOrder: readonly string[],
  theme: ChartTheme,
): EChartsCoreOption {
  const present = Object.keys(data.byTag);
  const ordered = [
    ...tagOrder.filter((t) => present.includes(t)),
    ...present.filter((t) => !tagOrder.includes(t)),
  ];
  const names = ordered.map((t) => tags(t).label);
  return {
    ...base(theme),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: legend(theme, names),
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.buckets, ...axisStyle(theme) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: ordered.map((tag, t) => ({
      name: names[t],
      type: 'bar',
      stack: 'tags',
      itemStyle: { color: tags(tag).color },
      emphasis: { focus: 'series' },
      data: data.byTag[tag],
    })),
  };
}

/** Rows and columns of a matrix that hold any count (an empty row or column is noise in a heat map). */
export function dropEmpty(matrix: CountMatrix): CountMatrix {
  const rows = matrix.rows.map((_, r) => r).filter((r) => matrix.counts[r]!.some((n) => n > 0));
  const columns = matrix.columns.map((_, c) => c).filter((c) => matrix.counts.some((row) => row[c]! > 0));
  return {
    rows: rows.map((r) => matrix.rows[r]!),
    columns: columns.map((c) => matrix.columns[c]!),
    counts: rows.map((r) => columns.map((c) => matrix.counts[r]![c]!)),
  };
}
