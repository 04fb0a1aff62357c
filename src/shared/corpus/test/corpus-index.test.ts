import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { tokenizeForIndex } from '../corpus-index';
import { boundedEditDistance } from '../edit-distance';
import { parseQuery, search, type CorpusIndex } from '../corpus-search';
import { createCorpusIndex, indexDocument, removeDocument } from '../corpus-search';
import { restoreCorpusIndex, snapshotCorpusIndex } from '../corpus-search';
import { foldForSearch } from '../../text/text-fold';
import { titleOf } from '../../text/text-normalize';

/*
 * The index replaced MiniSearch 7 and must rank as it did: these tests run
 * MiniSearch itself, configured as the search used it (one document per
 * non-blank line, the same folding, AND within a clause), grouped into
 * documents the way `search` groups them, and expect the same documents in
 * the same order with the same scores.
 */

interface Doc {
  path: string;
  title: string;
  text: string;
}

const tokenize = (text: string): string[] => {
  const folded = foldForSearch(text);
  return folded === '' ? [] : folded.split(' ');
};

function reference(docs: Doc[]) {
  const engine = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize,
    processTerm: (term: string) => term || null,
    autoVacuum: false,
  });
  const titles = new Map<string, number>();
  for (const doc of docs) {
    let titleLine = -1;
    doc.text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      if (titleLine === -1 && line.trim() === doc.title.trim()) titleLine = i;
      engine.add({ id: `${doc.path}#${i}`, text: line });
    });
    titles.set(doc.path, titleLine);
  }
  const lines = new Map(docs.map((d) => [d.path, d.text.split('\n')]));
  return {
    engine,
    remove(doc: Doc) {
      doc.text.split('\n').forEach((text, i) => {
        if (text.trim() !== '') engine.remove({ id: `${doc.path}#${i}`, text });
      });
      titles.delete(doc.path);
    },
    /** Documents and scores as the MiniSearch-based search ranked them. */
    search(query: string, fuzzy = false): [string, number][] {
      const clauses = parseQuery(query);
      if (clauses.length === 0) return [];
      const byDoc = new Map<
        string,
        { mask: number; paragraphs: Map<number, { score: number; clauses: number }> }
      >();
      clauses.forEach((clause, c) => {
        const last = clause.terms.length - 1;
        const results = engine.search(clause.terms.join(' '), {
          combineWith: 'AND',
          prefix: (_t, i) => clause.prefix && i === last,
          fuzzy: (term) => (fuzzy && clause.terms.length === 1 && term.length >= 5 ? 0.2 : false),
        });
        for (const r of results) {
          const id = r.id as string;
          const path = id.slice(0, id.lastIndexOf('#'));
          const line = Number(id.slice(id.lastIndexOf('#') + 1));
          if (clause.terms.length > 1) {
            const folded = foldForSearch(lines.get(path)![line]!);
            const phrase = clause.terms.join(' ');
            const at = ` ${folded} `.indexOf(` ${phrase}${clause.prefix ? '' : ' '}`);
            if (at === -1) continue;
          }
          let doc = byDoc.get(path);
          if (doc === undefined) byDoc.set(path, (doc = { mask: 0, paragraphs: new Map() }));
          doc.mask |= 1 << c;
          const hit = doc.paragraphs.get(line) ?? { score: 0, clauses: 0 };
          hit.score += r.score;
          hit.clauses++;
          doc.paragraphs.set(line, hit);
        }
      });
      const ranked: [string, number][] = [];
      for (const [path, doc] of byDoc) {
        if (doc.mask !== 2 ** clauses.length - 1) continue;
        let score = 0;
        for (const [line, p] of doc.paragraphs)
          score += p.score * (p.clauses / clauses.length) * (line === titles.get(path) ? 2 : 1);
        ranked.push([path, score]);
      }
      return ranked.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    },
  };
}

function expectSameRanking(
  index: CorpusIndex,
  ref: ReturnType<typeof reference>,
  query: string,
  fuzzy = false,
) {
  const got = search(index, query, { limit: 10_000, fuzzy }).map((h) => [h.path, h.score] as const);
  const want = ref.search(query, fuzzy);
  expect(
    got.map(([p]) => p),
    query,
  ).toEqual(want.map(([p]) => p));
  got.forEach(([, score], i) => expect(score).toBeCloseTo(want[i]![1], 9));
}

/** Seeded articles of Indonesian-like news: a small vocabulary, so words recur across documents. */
function generated(count: number, seed: number): Doc[] {
  let state = seed;
  const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const words = [
    'kerja',
    'sama',
    'kerjasama',
    'bekerja',
    'kereta',
    'api',
    'cepat',
    'Việt',
    'Nam',
    'Hà',
    'Nội',
    'Tiongkok',
    'Jakarta',
    'menteri',
    'luar',
    'negeri',
    'perdagangan',
    'investasi',
    'laut',
    'selatan',
    'kedua',
    'pihak',
    'sepakat',
    'memperluas',
    'bidang',
    'ekonomi',
    'presiden',
    'kunjungan',
    'Thang',
    'Thanh',
    'Trong',
    'Truong',
    'pelabuhan',
    'perbatasan',
    'ke-14',
    'Vietnam-Tiongkok',
    '2026',
    'Rp1,2',
  ];
  return Array.from({ length: count }, (_, d) => {
    const lines: string[] = [];
    const paragraphs = 2 + Math.floor(next() * 6);
    for (let p = 0; p < paragraphs; p++) {
      const length = 3 + Math.floor(next() * 25);
      lines.push(Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ') + '.');
      if (next() < 0.3) lines.push('');
    }
    const text = lines.join('\n');
    return { path: `gen/${String(d).padStart(4, '0')}.txt`, title: lines[0]!, text };
  });
}

const QUERIES = [
  'kerja',
  'kerja sama',
  '"kerja sama"',
  'kerj',
  'kerj*',
  'kere',
  'viet nam',
  '"viet nam"',
  'ha noi',
  'tiongkok menteri',
  '"menteri luar negeri"',
  '"menteri lu',
  'ke-14',
  'vietnam-tiongkok',
  'thang',
  'perdagangan investasi laut',
  'sama sama',
  '"kerja kerja"',
  'nothing',
  '2026',
  'rp1',
];

describe('the index ranks as MiniSearch did', () => {
  it('on a generated corpus: same documents, same order, same scores', () => {
    const docs = generated(300, 7);
    const index = createCorpusIndex();
    for (const d of docs) indexDocument(index, d);
    const ref = reference(docs);
    for (const q of QUERIES) expectSameRanking(index, ref, q);
    for (const q of ['perdagngan', 'investasi', 'pelabuhan', 'Truong', 'perbatasan kerja'])
      expectSameRanking(index, ref, q, true);
  });

  it('on the sample corpus', () => {
    const dir = join(__dirname, '../../../../resources/sample-corpus');
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((path) => {
        const text = readFileSync(join(dir, path), 'utf8');
        return { path, title: titleOf(text, path), text };
      });
    const index = createCorpusIndex();
    for (const d of docs) indexDocument(index, d);
    const ref = reference(docs);
    for (const q of [
      'kereta api',
      '"kereta api"',
      'li qiang',
      'vietnam',
      'viet',
      'kerja sama',
      'hanoi',
      'jakarta laut',
      'perdagangan',
    ])
      expectSameRanking(index, ref, q);
    for (const q of ['tiongkok', 'indonesia', 'perdagangan']) expectSameRanking(index, ref, q, true);
  });

  it('after documents are removed and changed, and after a snapshot is restored', () => {
    const docs = generated(120, 11);
    const index = createCorpusIndex();
    for (const d of docs) indexDocument(index, d);
    const ref = reference(docs);
    for (const d of docs.slice(0, 30)) {
      removeDocument(index, d.path);
      ref.remove(d);
    }
    // A changed text is indexed again: the old words are gone, the new ones found.
    const changed = { ...docs[40]!, text: `${docs[40]!.text}\nkata baru sekali` };
    indexDocument(index, changed);
    ref.remove(docs[40]!);
    ref.engine.add({
      id: `${changed.path}#${changed.text.split('\n').length - 1}`,
      text: 'kata baru sekali',
    });
    changed.text
      .split('\n')
      .slice(0, -1)
      .forEach((text, i) => {
        if (text.trim() !== '') ref.engine.add({ id: `${changed.path}#${i}`, text });
      });
    expect(search(index, 'sekali').map((h) => h.path)).toEqual([changed.path]);
    expect(search(index, 'kerja', { limit: 1000 }).map((h) => h.path)).not.toContain(docs[0]!.path);
    const restored = restoreCorpusIndex(structuredClone(snapshotCorpusIndex(index)))!;
    for (const q of QUERIES) {
      expect(search(restored, q, { limit: 1000 })).toEqual(search(index, q, { limit: 1000 }));
      expect(search(restored, q, { limit: 1000, fuzzy: true })).toEqual(
        search(index, q, { limit: 1000, fuzzy: true }),
      );
    }
    // Indexing goes on from the restored form: a new text, a removal, a change.
    for (const target of [index, restored]) {
      indexDocument(target, { path: 'new.txt', title: 'Baru', text: 'Baru\nkerja sama pelabuhan baru' });
      removeDocument(target, docs[50]!.path);
    }
    for (const q of [...QUERIES, 'baru'])
      expect(search(restored, q, { limit: 1000 })).toEqual(search(index, q, { limit: 1000 }));
  });
});

describe('tokenizeForIndex', () => {
  it('cuts ASCII lines (its fast path) and others exactly as foldForSearch', () => {
    const lines = [
      'KERJA-SAMA   ekonomi (13/7), Rp1,2 triliun!',
      '\t tab\u0001control_under_score ~tilde~ ',
      '"quoted" [brackets] {braces} a.b.c 10:30',
      '---',
      '',
      'Việt Nam — Hà Nội’s “kerja sama”',
      'ﬁnal Ｖ ² İstanbul ΣΟΦΟΣ đường',
    ];
    for (const line of lines) {
      const folded = foldForSearch(line);
      expect(tokenizeForIndex(line), line).toEqual(folded === '' ? [] : folded.split(' '));
    }
  });
});

describe('boundedEditDistance', () => {
  it('is Levenshtein up to the bound, and bound + 1 beyond', () => {
    expect(boundedEditDistance('thang', 'thanh', 1)).toBe(1);
    expect(boundedEditDistance('kerja', 'kereta', 2)).toBe(2);
    expect(boundedEditDistance('kerja', 'kereta', 1)).toBe(2);
    expect(boundedEditDistance('abc', 'abc', 1)).toBe(0);
    expect(boundedEditDistance('abcdef', 'ab', 2)).toBe(3);
    expect(boundedEditDistance('', 'ab', 2)).toBe(2);
  });
});
