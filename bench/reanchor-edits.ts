import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Annotation } from '../src/shared/annotation/annotation-types';
import { normalizeText } from '../src/shared/text/text-normalize';
import { codePointIndex, describeSpan } from '../src/shared/text/text-quote';
import { pick, randomInt, randomUuid, type Rng, sha256Hex } from './generate';
import { repoRoot } from './machine';

/*
 * Seeded edits of the sample corpus with ground truth: each annotation's
 * true span after the edit (UTF-16 indices), tracked through the edit
 * itself, or the fact that its text is gone or rewritten.
 */

export const EDIT_KINDS = [
  'paragraph_deleted',
  'paragraphs_swapped',
  'typo_in_span',
  'word_inserted',
  'sentence_rewritten',
  'span_deleted',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** Where an annotation truly is after an edit. */
export type Truth =
  /** Its text is still there (perhaps with a typo or a word inserted): this span. */
  | { kind: 'present'; start: number; end: number }
  /** Every character of it was deleted. */
  | { kind: 'gone' }
  /** Partly or wholly rewritten: any placement inside this region is right, an orphan too. */
  | { kind: 'changed'; start: number; end: number };

export interface SampleArticle {
  path: string;
  text: string;
  sha256: string;
  annotations: Annotation[];
}

export interface EditedVersion {
  kind: EditKind;
  text: string;
  sha256: string;
  /** Per annotation of the article, same order. */
  truth: Truth[];
}

/** The sample corpus, normalized as Tanda reads it, with seeded annotations on each article. */
export function sampleArticles(rng: Rng, perArticle: number): SampleArticle[] {
  const dir = join(repoRoot, 'resources/sample-corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = normalizeText(readFileSync(join(dir, file), 'utf8'));
      const sha256 = sha256Hex(text);
      const index = codePointIndex(text);
      const annotations = spansOf(rng, text, perArticle).map(([u, v]) => {
        const start = index.toCodePoint(u);
        const end = index.toCodePoint(v);
        return {
          id: randomUuid(rng),
          documentPath: file,
          contentSha256: sha256,
          annotator: 'Bench',
          tag: 'commitment',
          start,
          end,
          ...describeSpan(index, start, end),
          attributes: {},
          note: '',
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
        } satisfies Annotation;
      });
      return { path: file, text, sha256, annotations };
    });
}

/**
 * Spans an analyst would tag: whole sentences, phrases of 2–6 words, and
 * short phrases that occur more than once in the article (the hard case:
 * "kedua negara", "Komite Pengarah"). All within one line.
 */
function spansOf(rng: Rng, text: string, count: number): [number, number][] {
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\-’']*/gu)].map(
    (m) => [m.index, m.index + m[0].length] as [number, number],
  );
  const sentences = [...text.matchAll(/[^.\n]+[.]/gu)]
    .map((m) => trim(text, m.index, m.index + m[0].length))
    .filter(([a, b]) => b - a > 20);
  const bigrams = new Map<string, [number, number][]>();
  for (let i = 0; i + 1 < words.length; i++) {
    const [a] = words[i]!;
    const [, b] = words[i + 1]!;
    const phrase = text.slice(a, b);
    if (phrase.includes('\n') || phrase.length < 8) continue;
    bigrams.set(phrase, [...(bigrams.get(phrase) ?? []), [a, b]]);
  }
  const repeated = [...bigrams.values()].filter((list) => list.length > 1).flat();
  const spans: [number, number][] = [];
  const seen = new Set<string>();
  for (let tries = 0; spans.length < count && tries < count * 20; tries++) {
    const r = rng();
    let span: [number, number];
    if (r < 0.3 && sentences.length > 0) span = pick(rng, sentences);
    else if (r < 0.55 && repeated.length > 0) span = pick(rng, repeated);
    else {
      const i = randomInt(rng, 0, words.length - 2);
      const j = Math.min(words.length - 1, i + randomInt(rng, 1, 5));
      span = [words[i]![0], words[j]![1]];
      if (text.slice(...span).includes('\n')) continue;
    }
    const key = span.join(':');
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push(span);
  }
  return spans;
}

function trim(text: string, a: number, b: number): [number, number] {
  while (a < b && /\s/u.test(text[a]!)) a++;
  while (b > a && /\s/u.test(text[b - 1]!)) b--;
  return [a, b];
}

/** One seeded edit of `kind` on an article, with the ground truth for each of its annotations. */
export function editArticle(rng: Rng, article: SampleArticle, kind: EditKind): EditedVersion {
  const { text } = article;
  const index = codePointIndex(text);
  const spans = article.annotations.map((a) => [index.toUtf16(a.start), index.toUtf16(a.end)] as const);
  const lines = lineRanges(text);
  if (kind === 'paragraphs_swapped') {
    const k = randomInt(rng, 0, lines.length - 2);
    const [a1, b1] = lines[k]!;
    const [a2, b2] = lines[k + 1]!;
    const between = text.slice(b1, a2);
    const edited = text.slice(0, a1) + text.slice(a2, b2) + between + text.slice(a1, b1) + text.slice(b2);
    const firstShift = b2 - a2 + between.length;
    const truth = spans.map(([s, e]): Truth => {
      if (s >= a1 && e <= b1) return present(s + firstShift, e + firstShift);
      if (s >= a2 && e <= b2) return present(s - (a2 - a1), e - (a2 - a1));
      return present(s, e);
    });
    return version(kind, edited, truth);
  }
  const [a, b, replacement] = replacementFor(rng, kind, text, spans, lines);
  const edited = text.slice(0, a) + replacement + text.slice(b);
  const delta = replacement.length - (b - a);
  const truth = spans.map(([s, e]): Truth => {
    if (e <= a) return present(s, e);
    if (s >= b) return present(s + delta, e + delta);
    // A typo or a word inside the span: still the span, with its text edited.
    if (s <= a && b <= e && (kind === 'typo_in_span' || kind === 'word_inserted'))
      return present(s, e + delta);
    if (replacement.length === 0 && s >= a && e <= b) return { kind: 'gone' };
    return { kind: 'changed', start: Math.min(s, a), end: Math.max(e, b) + delta };
  });
  return version(kind, edited, truth);
}

function present(start: number, end: number): Truth {
  return { kind: 'present', start, end };
}

function version(kind: EditKind, text: string, truth: Truth[]): EditedVersion {
  return { kind, text, sha256: sha256Hex(text), truth };
}

/** [start, end) of each non-empty line (UTF-16). */
function lineRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length > 0) out.push([from, from + line.length]);
    from += line.length + 1;
  }
  return out;
}

const INSERTED_WORDS = ['baru', 'resmi', 'kembali', 'secara khusus', 'pada hari itu', 'tersebut'];
const REWRITES = [
  'Pernyataan itu kemudian diperbarui oleh juru bicara kementerian setelah konferensi pers.',
  'Sejumlah pengamat menilai langkah tersebut belum cukup untuk mengatasi ketimpangan perdagangan.',
  'Rincian perjanjian belum diumumkan kepada publik hingga berita ini diturunkan.',
];

/** The edit as "replace text[a, b) with r". */
function replacementFor(
  rng: Rng,
  kind: Exclude<EditKind, 'paragraphs_swapped'>,
  text: string,
  spans: readonly (readonly [number, number])[],
  lines: readonly [number, number][],
): [number, number, string] {
  switch (kind) {
    case 'paragraph_deleted': {
      const [a, b] = pick(rng, lines);
      return [a, Math.min(text.length, b + 1), ''];
    }
    case 'typo_in_span': {
      const long = spans.filter(([s, e]) => e - s >= 10);
      const [s, e] = pick(rng, long);
      const letters = [...text.slice(s + 1, e - 1).matchAll(/\p{L}/gu)].map((m) => s + 1 + m.index);
      const at = pick(rng, letters);
      const r = rng();
      if (r < 0.4) return [at, at + 1, text[at] === 'a' ? 'e' : 'a'];
      if (r < 0.7) return [at, at + 1, ''];
      return [at, at, text[at]!];
    }
    case 'word_inserted': {
      // Half the time inside a span, where it changes the quote.
      const inside = spans.filter(([s, e]) => text.slice(s, e).includes(' '));
      const [s, e] = rng() < 0.5 && inside.length > 0 ? pick(rng, inside) : [0, text.length];
      const gaps = [...text.slice(s, e).matchAll(/ /gu)].map((m) => s + m.index + 1);
      const at = gaps.length > 0 ? pick(rng, gaps) : s;
      return [at, at, `${pick(rng, INSERTED_WORDS)} `];
    }
    case 'sentence_rewritten': {
      const sentences = [...text.matchAll(/[^.\n]+[.]/gu)]
        .map((m) => trim(text, m.index, m.index + m[0].length))
        .filter(([a, b]) => b - a > 20);
      const [a, b] = pick(rng, sentences);
      return [a, b, pick(rng, REWRITES)];
    }
    case 'span_deleted': {
      const [s, e] = pick(rng, spans);
      return [s, text[e] === ' ' ? e + 1 : e, ''];
    }
  }
}
