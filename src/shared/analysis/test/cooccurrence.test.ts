import { describe, expect, it } from 'vitest';
import { type Codebook } from '../../codebook/codebook';
import {
  attributeBreakdown,
  countsByDate,
  tagAttributeCooccurrence,
  tagCooccurrence,
  tagCountsPerDocument,
  type CountableAnnotation,
} from '../cooccurrence';
import { buildLineIndex } from '../../text/offsets';

const tag = (
  id: string,
  label: string,
  attributes: Codebook['tags'][number]['attributes'] = [],
): Codebook['tags'][number] => ({
  id,
  label,
  color: '#2f7ed8',
  description: '',
  shortcut: null,
  retired: false,
  attributes,
});

const CODEBOOK: Codebook = {
  version: 1,
  tags: [
    tag('commitment', 'Commitment', [
      {
        id: 'level',
        label: 'Level',
        kind: 'single',
        values: [
          { id: 'high', label: 'High' },
          { id: 'low', label: 'Low' },
        ],
      },
      { id: 'comment', label: 'Comment', kind: 'text', values: [] },
    ]),
    tag('cooperation', 'Cooperation area', [
      {
        id: 'sector',
        label: 'Sector',
        kind: 'multiple',
        values: [
          { id: 'rail', label: 'Rail' },
          { id: 'port', label: 'Port' },
          { id: 'road', label: 'Road', retired: true },
        ],
      },
    ]),
    tag('risk', 'Risk'),
  ],
};

//            0    5    10   15   20   25
//            |    |    |    |    |    |
const DOC1 = 'AAAA BBBB CCCC\nDDDD EEEE\nFFFF';
//            line 0         line 1     line 2 (starts at 25)

const a = (
  documentPath: string,
  tagId: string,
  start: number,
  end: number,
  attributes: CountableAnnotation['attributes'] = {},
  orphaned?: boolean,
): CountableAnnotation => ({ documentPath, tag: tagId, start, end, attributes, orphaned });

const ANNOTATIONS: CountableAnnotation[] = [
  a('doc1', 'commitment', 0, 4, { level: 'high', comment: 'ambitious' }), // a1, line 0
  a('doc1', 'commitment', 5, 9), //                                          a2, line 0
  a('doc1', 'cooperation', 10, 14, { sector: ['rail', 'bridge'] }), //       a3, line 0 (bridge: not in the codebook)
  a('doc1', 'cooperation', 10, 20, { sector: ['port'] }), //                 a4, lines 0 and 1
  a('doc1', 'commitment', 15, 19), //                                        a5, line 1
  a('doc1', 'risk', 25, 29), //                                              a6, line 2, alone
  a('doc1', 'commitment', 0, 4, {}, true), //                                a7, orphaned
  a('doc1', 'cooperation', 20, 25, { sector: ['rail'] }), //                 a8, ends with line 1's newline: line 1 only
  a('doc2', 'commitment', 0, 3, { level: 'low' }), //                        a9, no text for doc2
  a('doc2', 'cooperation', 4, 8), //                                         a10, no sector
  a('doc3', 'risk', 0, 2), //                                                a11, undated document
];

const TEXTS = new Map<string, string | ReturnType<typeof buildLineIndex>>([['doc1', DOC1]]);

describe('tagCooccurrence', () => {
  // Line 0: commitment ×2, cooperation ×2 → comm×comm 1, coop×coop 1, comm×coop 4.
  // Line 1: commitment ×1, cooperation ×2 (a4, a8) → coop×coop 1, comm×coop 2.
  // Line 2: risk alone → nothing. a7 (orphaned) and doc2 are left out.
  const expected = [
    [1, 6, 0],
    [6, 2, 0],
    [0, 0, 0],
  ];

  it('counts pairs of different annotations per paragraph', () => {
    const matrix = tagCooccurrence(ANNOTATIONS, TEXTS, { tagOrder: CODEBOOK.tags.map((t) => t.id) });
    expect(matrix.tags).toEqual(['commitment', 'cooperation', 'risk']);
    expect(matrix.counts).toEqual(expected);
  });

  it('accepts a prebuilt line index and sorts tags by id without an order', () => {
    const matrix = tagCooccurrence(ANNOTATIONS, new Map([['doc1', buildLineIndex(DOC1)]]));
    expect(matrix.tags).toEqual(['commitment', 'cooperation', 'risk']);
    expect(matrix.counts).toEqual(expected);
  });

  it('never pairs an annotation with itself', () => {
    const one = tagCooccurrence([a('doc1', 'risk', 0, 20)], TEXTS);
    expect(one.counts).toEqual([[0]]);
    const twoLines = tagCooccurrence([a('doc1', 'risk', 0, 20), a('doc1', 'risk', 10, 20)], TEXTS);
    expect(twoLines.counts).toEqual([[2]]); // they share lines 0 and 1
  });
});

describe('tagAttributeCooccurrence', () => {
  it('counts a tag against the attribute values of other annotations in the paragraph', () => {
    const matrix = tagAttributeCooccurrence(ANNOTATIONS, TEXTS, CODEBOOK);
    expect(matrix.tags).toEqual(['commitment', 'cooperation', 'risk']);
    expect(matrix.columns.map((c) => [c.label, c.known])).toEqual([
      ['Commitment · Level = High', true],
      ['Commitment · Level = Low', true],
      ['Cooperation area · Sector = Rail', true],
      ['Cooperation area · Sector = Port', true],
      ['Cooperation area · Sector = Road', true],
      ['Cooperation area · Sector = bridge', false],
    ]);
    // Line 0: comm ×2 (a1 high), coop a3 {rail, bridge}, coop a4 {port}.
    //   comm: high 2·1−1 = 1, rail 2, port 2, bridge 2; coop: high 2, rail 2·1−1 = 1, port 1, bridge 1.
    // Line 1: comm a5; coop a4 {port}, a8 {rail}.
    //   comm: rail 1, port 1; coop: rail 2·1−1 = 1, port 1.
    expect(matrix.counts).toEqual([
      [1, 0, 3, 3, 0, 2],
      [2, 0, 2, 2, 0, 1],
      [0, 0, 0, 0, 0, 0],
    ]);
  });
});

describe('tagCountsPerDocument', () => {
  it('counts every annotation, orphaned ones included', () => {
    expect(tagCountsPerDocument(ANNOTATIONS, { tagOrder: ['risk'] })).toEqual({
      documents: ['doc1', 'doc2', 'doc3'],
      tags: ['risk', 'commitment', 'cooperation'],
      counts: [
        [1, 4, 3],
        [0, 1, 1],
        [1, 0, 0],
      ],
    });
  });
});

describe('attributeBreakdown', () => {
  it('lists codebook values in order, zeros and unknown values included', () => {
    const breakdown = attributeBreakdown(ANNOTATIONS, CODEBOOK, 'cooperation', 'sector');
    expect(breakdown.rows.map((r) => [r.value, r.count, r.retired, r.known])).toEqual([
      ['rail', 2, false, true],
      ['port', 1, false, true],
      ['road', 0, true, true],
      ['bridge', 1, false, false],
    ]);
    expect(breakdown.unset).toBe(1);
    expect(breakdown.total).toBe(4);
  });

  it('groups free text by value', () => {
    const breakdown = attributeBreakdown(
      [
        ...ANNOTATIONS,
        a('doc2', 'commitment', 0, 1, { comment: ' ambitious ' }),
        a('doc2', 'commitment', 0, 1, { comment: 'vague' }),
      ],
      CODEBOOK,
      'commitment',
      'comment',
    );
    expect(breakdown.rows.map((r) => [r.value, r.count])).toEqual([
      ['ambitious', 2],
      ['vague', 1],
    ]);
    expect(breakdown.unset).toBe(4);
  });
});

describe('countsByDate', () => {
  const dates = new Map<string, string | null>([
    ['doc1', '2024-10-05'],
    ['doc2', '2024-12'],
    ['doc3', null],
  ]);

  it('buckets by month and fills empty months', () => {
    const counts = countsByDate(ANNOTATIONS, dates, 'month');
    expect(counts.buckets).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(counts.total).toEqual([8, 0, 2]);
    expect(counts.byTag).toEqual({ commitment: [4, 0, 1], cooperation: [3, 0, 1], risk: [1, 0, 0] });
    expect(counts.undated).toBe(1);
    expect(counts.undatedByTag).toEqual({ risk: 1 });
  });

  it('keeps a less precise date at its own precision', () => {
    const counts = countsByDate(ANNOTATIONS, dates, 'day');
    expect(counts.buckets).toEqual(['2024-10-05', '2024-12']);
    expect(counts.total).toEqual([8, 2]);
  });

  it('buckets by year and day with gaps filled', () => {
    expect(countsByDate(ANNOTATIONS, dates, 'year')).toMatchObject({ buckets: ['2024'], total: [10] });
    const days = countsByDate(
      ANNOTATIONS,
      new Map([
        ['doc1', '2024-02-28'],
        ['doc2', '2024-03-01'],
      ]),
      'day',
    );
    expect(days.buckets).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(days.undated).toBe(1);
  });
});
