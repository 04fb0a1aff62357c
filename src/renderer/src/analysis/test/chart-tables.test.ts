import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import {
  attributeBreakdown,
  countsByDate,
  tagCountsPerDocument,
} from '../../../../shared/analysis/cooccurrence';
import {
  breakdownOption,
  documentLabel,
  dropEmpty,
  matrixOption,
  tagCountsOption,
  type ChartTheme,
} from '../chart-options';
import { breakdownTable, datesTable, matrixTable, tagCountsTable } from '../chart-tables';

const THEME: ChartTheme = {
  fg: '#111111',
  muted: '#555555',
  border: '#dddddd',
  bg: '#ffffff',
  font: 'sans-serif',
};
const tags = (id: string) => ({
  label: id === 'commitment' ? 'Commitment' : 'Cooperation area',
  color: id === 'commitment' ? '#2f7ed8' : '#2b8a3e',
});

const annotations: { documentPath: string; tag: string; attributes: Record<string, string[]> }[] = [
  {
    documentPath: 'news/2025-02-20-quang-ninh.txt',
    tag: 'cooperation_area',
    attributes: { sector: ['infrastructure_connectivity', 'rail'] },
  },
  { documentPath: 'news/2025-02-20-quang-ninh.txt', tag: 'commitment', attributes: {} },
  { documentPath: 'news/2025-10-09-to-lam.txt', tag: 'cooperation_area', attributes: { sector: ['rail'] } },
];

describe('tag counts per document', () => {
  const data = tagCountsPerDocument(annotations, { tagOrder: ['commitment', 'cooperation_area'] });

  it('stacks one series per tag with the tag colours, documents by file name', () => {
    const option = tagCountsOption(data, tags, THEME) as {
      series: { name: string; stack: string; data: number[]; itemStyle: { color: string } }[];
      yAxis: { data: string[] };
    };
    expect(option.yAxis.data).toEqual(['2025-02-20-quang-ninh', '2025-10-09-to-lam']);
    expect(option.series.map((s) => [s.name, s.stack, s.itemStyle.color, s.data])).toEqual([
      ['Commitment', 'tags', '#2f7ed8', [1, 0]],
      ['Cooperation area', 'tags', '#2b8a3e', [1, 1]],
    ]);
  });

  it('has a table with a total per document', () => {
    expect(tagCountsTable(data, tags)).toEqual({
      columns: ['Document', 'Commitment', 'Cooperation area', 'Total'],
      rows: [
        ['news/2025-02-20-quang-ninh.txt', 1, 1, 2],
        ['news/2025-10-09-to-lam.txt', 0, 1, 1],
      ],
    });
  });
});

describe('attribute values', () => {
  it('draws and tabulates every value of the attribute, then those without one', () => {
    const data = attributeBreakdown(annotations, builtinCodebook(), 'cooperation_area', 'sector');
    const option = breakdownOption(data, '#2b8a3e', THEME) as {
      yAxis: { data: string[] };
      series: { data: number[] }[];
    };
    const rail = option.yAxis.data.indexOf('rail');
    expect(option.series[0]!.data[rail]).toBe(2);
    const table = breakdownTable(data);
    expect(table.columns).toEqual(['Sector', 'Segments']);
    expect(table.rows).toContainEqual(['rail', 2]);
    expect(table.rows).toContainEqual(['infrastructure & connectivity', 1]);
    expect(table.rows.at(-1)).toEqual(['(no value)', 0]);
  });
});

describe('co-occurrence matrix', () => {
  it('leaves out rows and columns without a count, and writes cells as [column, row, count]', () => {
    const matrix = dropEmpty({
      rows: ['A', 'B', 'C'],
      columns: ['x', 'y'],
      counts: [
        [0, 2],
        [0, 0],
        [0, 1],
      ],
    });
    expect(matrix).toEqual({ rows: ['A', 'C'], columns: ['y'], counts: [[2], [1]] });
    const option = matrixOption(matrix, THEME, '#1f5fbf') as {
      series: { data: { value: number[]; label: { color: string } }[] }[];
      visualMap: { max: number };
    };
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([
      [0, 0, 2],
      [0, 1, 1],
    ]);
    // Readable on either end of the scale.
    expect(option.series[0]!.data.map((d) => d.label.color)).toEqual([THEME.bg, THEME.fg]);
    expect(option.visualMap.max).toBe(2);
    expect(matrixTable(matrix, 'Tag')).toEqual({
      columns: ['Tag', 'y'],
      rows: [
        ['A', 2],
        ['C', 1],
      ],
    });
  });
});

describe('counts over dates', () => {
  it('has a row per bucket, gaps filled, and one for undated documents', () => {
    const dates = new Map([
      ['news/2025-02-20-quang-ninh.txt', '2025-02-20'],
      ['news/2025-10-09-to-lam.txt', null],
    ]);
    const table = datesTable(countsByDate(annotations, dates, 'month'), tags, [
      'commitment',
      'cooperation_area',
    ]);
    expect(table).toEqual({
      columns: ['Date', 'Commitment', 'Cooperation area', 'Total'],
      rows: [
        ['2025-02', 1, 1, 2],
        ['undated', 0, 1, 1],
      ],
    });
  });
});

it('shortens a document path to its file name for an axis', () => {
  expect(documentLabel('a/b/2025-10-09-to-lam-bertemu-li-qiang.txt')).toBe(
    '2025-10-09-to-lam-bertemu-li-qi…',
  );
  expect(documentLabel('notes.md')).toBe('notes');
});
