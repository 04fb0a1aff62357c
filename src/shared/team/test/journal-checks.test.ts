import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { addTag } from '../../codebook/codebook';
import { formatHlc } from '../hlc';
import { checkJournalRecords, type LocatedEntry } from '../journal-checks';
import { deleteEntry, putEntry } from '../journal-line';

const TEXT = 'Kedua negara sepakat kerja sama di bidang energi.';
const SHA = 'ab'.repeat(32);
const OLD_SHA = 'cd'.repeat(32);
const PATH = 'articles/hanoi.txt';
const DEVICE = '11111111-1111-4111-8111-111111111111';
const FILE = `.tanda/changes/ayu/${DEVICE}.jsonl`;
const hlc = (n: number) =>
  formatHlc({ wall: Date.parse('2026-12-02T10:00:00.000Z') + n, counter: 0, device: DEVICE });

function annotation(n: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: PATH,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 21,
    end: 31,
    quote: 'kerja sama',
    prefix: '',
    suffix: '',
    attributes: {},
    note: '',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

const at = (line: number, entry: LocatedEntry['entry']): LocatedEntry => ({ entry, file: FILE, line });
const texts: string[] = [];
const ctx = {
  documents: [{ path: PATH, sha256: SHA }],
  getText: (path: string) => {
    texts.push(path);
    return TEXT;
  },
  codebook: builtinCodebook(),
};

describe('record checks of team journal lines', () => {
  it('refuses an unknown tag, an end past the text and a quote not at its offsets, saying file and line', async () => {
    const good = at(1, putEntry('annotation', annotation(1), hlc(1)));
    const lines = [
      good,
      at(2, putEntry('annotation', annotation(2, { tag: 'no_such_tag' }), hlc(2))),
      at(3, putEntry('annotation', annotation(3, { start: 21, end: 100000 }), hlc(3))),
      at(4, putEntry('annotation', annotation(4, { quote: 'energi' }), hlc(4))),
      at(5, deleteEntry('annotation', annotation(9).id, hlc(5))),
    ];
    const result = await checkJournalRecords(lines, ctx);
    expect(result.accepted.map((l) => l.line)).toEqual([5, 1]);
    expect(result.refused.map((r) => r.problem)).toEqual([
      { file: FILE, line: 2, message: expect.stringMatching(/^record\.tag: unknown tag "no_such_tag"/) },
      { file: FILE, line: 3, message: 'record.end: end 100000 is beyond the text (49 code points)' },
      { file: FILE, line: 4, message: expect.stringMatching(/^record\.quote: the quote is not at 21\.\.31/) },
    ]);
  });

  it('accepts an annotation whose tag arrives in the same read, and refuses a tag that breaks a codebook', async () => {
    const withTag = addTag(builtinCodebook(), { label: 'Sanksi', shortcut: null });
    const sanksi = withTag.tags.at(-1)!;
    const broken = {
      ...sanksi,
      id: 'rusak',
      attributes: [
        ...sanksi.attributes,
        ...builtinCodebook().tags[0]!.attributes,
        ...builtinCodebook().tags[0]!.attributes,
      ],
    };
    const lines = [
      at(1, putEntry('annotation', annotation(1, { tag: 'sanksi' }), hlc(1))),
      at(2, putEntry('tag', { tag: sanksi, position: withTag.tags.length - 1 }, hlc(2))),
      at(3, putEntry('tag', { tag: broken, position: 0 }, hlc(3))),
    ];
    const result = await checkJournalRecords(lines, ctx);
    expect(result.accepted.map((l) => l.line).sort()).toEqual([1, 2]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]!.problem).toMatchObject({
      line: 3,
      message: expect.stringMatching(/duplicate attribute id/),
    });
  });

  it('keeps lines of documents not listed yet and of other texts as written, without reading those texts', async () => {
    texts.length = 0;
    const elsewhere = annotation(1, { documentPath: 'not/synced-yet.txt', end: 999 });
    const olderText = annotation(2, { contentSha256: OLD_SHA, start: 0, end: 5, quote: 'old' });
    const result = await checkJournalRecords(
      [at(1, putEntry('annotation', elsewhere, hlc(1))), at(2, putEntry('annotation', olderText, hlc(2)))],
      ctx,
    );
    expect(result.refused).toEqual([]);
    expect(result.accepted.map((l) => l.entry)).toEqual([
      putEntry('annotation', elsewhere, hlc(1)),
      putEntry('annotation', olderText, hlc(2)),
    ]);
    expect(texts).toEqual([]);
  });
});
