import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createCorpusIndex,
  documentCount,
  findInText,
  indexDocument,
  parseQuery,
  removeDocument,
  restoreCorpusIndex,
  search,
  snapshotCorpusIndex,
  type CorpusIndex,
} from '../corpus-search';
import { sliceCodePoints } from '../../text/offsets';
import { titleOf } from '../../text/text-normalize';

const FIXTURE: Record<string, string> = {
  'viet.txt': 'Kunjungan ke Việt Nam\nThủ tướng Phạm Minh Chính tiba di Hà Nội.',
  'caps.txt': 'PERDAGANGAN\nDELEGASI VIỆT NAM DAN TIONGKOK BERTEMU.',
  'phrase.txt': 'Kerja sama\nKedua pihak sepakat memperluas kerja sama di bidang kereta api.',
  'apart.txt': 'Pidato\nKerja keras kedua pihak membawa hasil yang sama.',
  'rail-once.txt': 'Hubungan dagang\nPerdagangan tumbuh. Proyek kereta api disebut sekali.',
  'rail-often.txt':
    'Kereta api lintas batas\nJalur kereta api Lao Cai–Hanoi–Hai Phong dibahas.\nKereta api standar ganda akan dibangun.\nInvestasi kereta api meningkat.',
};

function fixtureIndex(): CorpusIndex {
  const index = createCorpusIndex();
  for (const [path, text] of Object.entries(FIXTURE))
    indexDocument(index, { path, title: titleOf(text, path), text });
  return index;
}

const paths = (index: CorpusIndex, query: string): string[] => search(index, query).map((h) => h.path);

describe('search normalisation', () => {
  const index = fixtureIndex();

  it('ignores accents: viet nam finds Việt Nam', () => {
    expect(paths(index, 'viet nam ')).toEqual(expect.arrayContaining(['viet.txt', 'caps.txt']));
    expect(paths(index, 'ha noi ')).toEqual(['viet.txt']);
    expect(paths(index, 'pham minh chinh ')).toEqual(['viet.txt']);
  });

  it('ignores case: TIONGKOK finds Tiongkok and tiongkok finds TIONGKOK', () => {
    expect(paths(index, 'tiongkok ')).toEqual(['caps.txt']);
    expect(paths(index, 'TIONGKOK ')).toEqual(['caps.txt']);
  });

  it('folds the query too: accents typed by the analyst still match', () => {
    expect(paths(index, 'Hà Nội ')).toEqual(['viet.txt']);
  });
});

describe('query syntax', () => {
  const index = fixtureIndex();

  it('parses words, phrases and prefixes', () => {
    expect(parseQuery('"Kerja sama" kereta api')).toEqual([
      { terms: ['kerja', 'sama'], prefix: false },
      { terms: ['kereta'], prefix: false },
      { terms: ['api'], prefix: true },
    ]);
    expect(parseQuery('kerj* api ')).toEqual([
      { terms: ['kerj'], prefix: true },
      { terms: ['api'], prefix: false },
    ]);
    expect(parseQuery('"kerja sa')).toEqual([{ terms: ['kerja', 'sa'], prefix: true }]);
    expect(parseQuery('Vietnam-Tiongkok ')).toEqual([{ terms: ['vietnam', 'tiongkok'], prefix: false }]);
    expect(parseQuery('  "" * ')).toEqual([]);
    expect(parseQuery('kerja ke')).toEqual([
      { terms: ['kerja'], prefix: false },
      { terms: ['ke'], prefix: false }, // too short to expand as you type
    ]);
    expect(parseQuery('ke*')).toEqual([{ terms: ['ke'], prefix: true }]);
  });

  it('a phrase matches only the adjacent words', () => {
    expect(paths(index, '"kerja sama"')).toEqual(['phrase.txt']);
    expect(paths(index, '"KERJA-SAMA"')).toEqual(['phrase.txt']);
    expect(paths(index, '"sama di bid"')).toEqual([]);
    expect(paths(index, '"sama di bid')).toEqual(['phrase.txt']); // unclosed: still typing
    expect(paths(index, '"viet nam"').sort()).toEqual(['caps.txt', 'viet.txt']); // non-ASCII lines are folded to check
    expect(paths(index, 'kerja sama ').sort()).toEqual(['apart.txt', 'phrase.txt']);
  });

  it('a prefix matches longer words: kerj finds kerja', () => {
    expect(paths(index, 'kerj').sort()).toEqual(['apart.txt', 'phrase.txt']);
    expect(paths(index, 'kerj*').sort()).toEqual(['apart.txt', 'phrase.txt']);
    expect(paths(index, 'kerj ')).toEqual([]); // a space ends the word: exact match only
  });

  it('words must all occur, in any paragraph of the document', () => {
    expect(paths(index, 'perdagangan kereta ')).toEqual(['rail-once.txt']);
    expect(paths(index, 'delegasi kereta ')).toEqual([]);
  });

  it('is exact unless fuzzy matching is asked for', () => {
    expect(paths(index, 'keretta ')).toEqual([]);
    expect(search(index, 'keretta ', { fuzzy: true }).length).toBeGreaterThan(0);
  });
});

describe('ranking and snippets', () => {
  const index = fixtureIndex();

  it('ranks a document that keeps returning to the subject first', () => {
    const hits = search(index, '"kereta api"');
    expect(hits.map((h) => h.path)).toEqual(['rail-often.txt', expect.any(String), expect.any(String)]);
    expect(hits[0]!.paragraphs).toBe(4);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('ranks words found together above the same words scattered', () => {
    const hits = search(index, 'kerja sama ');
    expect(hits[0]!.path).toBe('phrase.txt');
  });

  it('gives snippets with document offsets and the match emphasised', () => {
    const [hit] = search(index, 'ha noi ');
    const snippet = hit!.snippets[0]!;
    expect(snippet.match).toBe('Hà Nội');
    expect(sliceCodePoints(FIXTURE['viet.txt']!, snippet.start, snippet.end)).toBe('Hà Nội');
    expect(snippet.line).toBe(1);
    expect(snippet.before).toBe('Thủ tướng Phạm Minh Chính tiba di ');
    expect(snippet.after).toBe('.');
  });

  it('highlights adjacent words as one match and prefix hits as whole words', () => {
    const hit = search(index, 'kereta api').find((h) => h.path === 'rail-once.txt')!;
    expect(hit.snippets[0]!.match).toBe('kereta api');
    const prefix = search(index, 'perdag').find((h) => h.path === 'rail-once.txt')!;
    expect(prefix.snippets.map((s) => s.match)).toEqual(['Perdagangan']);
  });

  it('limits documents and snippets', () => {
    expect(search(index, 'kereta', { limit: 2 })).toHaveLength(2);
    expect(search(index, 'kereta', { snippets: 1 })[0]!.snippets).toHaveLength(1);
  });
});

describe('updates', () => {
  it('removes and replaces documents', () => {
    const index = fixtureIndex();
    expect(removeDocument(index, 'viet.txt')).toBe(true);
    expect(removeDocument(index, 'viet.txt')).toBe(false);
    expect(paths(index, 'ha noi ')).toEqual([]);
    expect(documentCount(index)).toBe(5);

    indexDocument(index, { path: 'caps.txt', title: 'Baru', text: 'Baru\nSekarang tentang Hải Phòng.' });
    expect(paths(index, 'tiongkok ')).toEqual([]);
    expect(paths(index, 'hai phong ').sort()).toEqual(['caps.txt', 'rail-often.txt']);
    expect(search(index, 'sekarang ')[0]!.title).toBe('Baru');
    expect(documentCount(index)).toBe(5);
  });
});

describe('findInText', () => {
  const text = 'Việt Nam dan Tiongkok.\nKerja sama VIỆT NAM–Tiongkok; kerjasama, kerja  sama.';

  it('finds every match, folded, as code point ranges', () => {
    const spans = findInText(text, 'viet nam');
    expect(spans.map((s) => sliceCodePoints(text, s.start, s.end))).toEqual(['Việt Nam', 'VIỆT NAM']);
  });

  it('reads the whole query as a phrase, spacing and punctuation folded', () => {
    const spans = findInText(text, 'kerja sama');
    expect(spans.map((s) => sliceCodePoints(text, s.start, s.end))).toEqual(['Kerja sama', 'kerja  sama']);
    expect(findInText(text, 'nam tiongkok').map((s) => sliceCodePoints(text, s.start, s.end))).toEqual([
      'NAM–Tiongkok',
    ]);
  });

  it('matches inside words unless whole words are asked for', () => {
    expect(findInText(text, 'kerja').length).toBe(3);
    expect(findInText(text, 'kerja', { wholeWords: true }).length).toBe(2);
  });

  it('does not return overlapping matches or cross a line break', () => {
    expect(findInText('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findInText('Tiongkok.\nKerja', 'tiongkok kerja')).toEqual([]);
    expect(findInText(text, '  ...  ')).toEqual([]);
  });
});

describe('the sample corpus', () => {
  const dir = join(__dirname, '../../../../resources/sample-corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const texts = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const index = createCorpusIndex();
  for (const [path, text] of texts) indexDocument(index, { path, title: titleOf(text, path), text });

  it('finds "kereta api" in exactly the articles that contain it', () => {
    const expected = files.filter((f) => /kereta api/i.test(texts.get(f)!)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(
      search(index, '"kereta api"')
        .map((h) => h.path)
        .sort(),
    ).toEqual(expected);
    for (const hit of search(index, '"kereta api"')) {
      for (const s of hit.snippets)
        expect(sliceCodePoints(texts.get(hit.path)!, s.start, s.end).toLowerCase()).toBe('kereta api');
    }
  });

  it('finds the articles that name Li Qiang', () => {
    const hits = search(index, 'li qiang ');
    expect(hits.map((h) => h.path).sort()).toEqual(
      files.filter((f) => /Li Qiang/.test(texts.get(f)!)).sort(),
    );
  });
});

describe('phrase check on lines with and without letters beyond ASCII', () => {
  it('agrees with folding, whatever punctuation surrounds the words', () => {
    const index = createCorpusIndex();
    const lines = [
      'Kerja “sama” erat', //        curly quotes only: the regex path
      'KERJA–SAMA', //               en dash
      'kerja\u00a0sama', //          no-break space
      'Kerja sama Việt Nam', //      a Vietnamese letter: the folding path
      'kerjasama', //                one word: no
      'bekerja sama', //             starts inside a word: no
      'kerja samaan', //             ends inside a word: no
      'kerja ½ sama', //             ½ folds to digits: no
    ];
    lines.forEach((text, i) => indexDocument(index, { path: `l${i}.txt`, title: text, text }));
    expect(
      search(index, '"kerja sama"')
        .map((h) => h.path)
        .sort(),
    ).toEqual(['l0.txt', 'l1.txt', 'l2.txt', 'l3.txt']);
    expect(
      search(index, '"kerja sam')
        .map((h) => h.path)
        .sort(),
    ).toEqual(['l0.txt', 'l1.txt', 'l2.txt', 'l3.txt', 'l6.txt']);
  });
});

describe('corpus index snapshots', () => {
  const docs = [
    { path: 'a.txt', title: 'Kunjungan', text: 'Kunjungan\nKedua pihak mendorong konektivitas kereta api.' },
    { path: 'b.txt', title: 'Lain', text: 'Lain\n\nJalur kereta api baru di Việt Nam.' },
  ];

  it('restores an index that answers every query as the one it was taken from', () => {
    const index = createCorpusIndex();
    for (const d of docs) indexDocument(index, d);
    const restored = restoreCorpusIndex(structuredClone(snapshotCorpusIndex(index)))!;
    for (const q of ['kereta api', '"kereta api"', 'viet nam', 'kere', 'konektivitas', 'nothing'])
      expect(search(restored, q)).toEqual(search(index, q));
    // Still an index to change: remove and add go on from the restored state.
    removeDocument(restored, 'a.txt');
    indexDocument(restored, { path: 'c.txt', title: 'C', text: 'C\nkereta cepat' });
    expect(
      search(restored, 'kereta')
        .map((h) => h.path)
        .sort(),
    ).toEqual(['b.txt', 'c.txt']);
  });

  it('refuses a snapshot of another indexing format or an unreadable one', () => {
    const index = createCorpusIndex();
    indexDocument(index, docs[0]!);
    const snapshot = snapshotCorpusIndex(index);
    expect(restoreCorpusIndex({ ...snapshot, format: snapshot.format + 1 })).toBeNull();
    const broken = (parts: typeof snapshot.parts) =>
      restoreCorpusIndex({ ...snapshot, parts: { ...snapshot.parts, ...parts } });
    expect(broken({ meta: '{"not":"an index"' })).toBeNull();
    expect(broken({ meta: '{"documents":[]}' })).toBeNull();
    expect(broken({ terms: 'only\nsome' })).toBeNull();
    expect(broken({ texts: 'shorter' })).toBeNull();
    expect(broken({ numbers: new ArrayBuffer(8) })).toBeNull();
    expect(broken({ numbers: 'not numbers' })).toBeNull();
    expect(broken({ texts: new Uint8Array(3).buffer })).toBeNull();
    const numbers = snapshot.parts.numbers as ArrayBuffer;
    expect(broken({ numbers: numbers.slice(0, numbers.byteLength - 1) })).toBeNull();
    const longer = new Uint8Array(numbers.byteLength + 1);
    longer.set(new Uint8Array(numbers));
    expect(broken({ numbers: longer.buffer })).toBeNull();
    // A listing with fewer paragraphs than the postings point at: refused, not searched.
    const meta = JSON.parse(snapshot.parts.meta as string) as {
      documents: [string, string, number, number, number][];
    };
    meta.documents[0]![3] -= 1;
    expect(broken({ meta: JSON.stringify(meta) })).toBeNull();
  });
});
