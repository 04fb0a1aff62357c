import { describe, expect, it } from 'vitest';
import { type Annotation, AnnotationSchema } from '../../annotation/annotation-types';
import { sliceCodePoints } from '../offsets';
import { codePointLength } from '../text-normalize';
import { editDistance } from '../match-quote';
import { reanchorAnnotations } from '../reanchor';
import { codePointIndex, describeSpan, trimSpan } from '../text-quote';

const OLD_SHA = 'a'.repeat(64);
const NEW_SHA = 'b'.repeat(64);
const THIRD_SHA = 'c'.repeat(64);

const ARTICLE =
  'HANOI, 12 December. General Secretary Tô Lâm received the Chinese delegation at the Party headquarters. ' +
  'The two sides agreed to expand trade and investment cooperation in the coming years. ' +
  'They also discussed the standard-gauge railway linking Lào Cai, Hà Nội and Hải Phòng. ' +
  'On maritime issues, both sides pledged to manage differences peacefully and respect international law. ' +
  'The visit ended with the signing of fourteen cooperation documents.';

let serial = 0;

/** An annotation on `part` (its `occurrence`-th appearance) in `text`, as the editor would store it. */
function annotate(text: string, part: string, occurrence = 0, sha = OLD_SHA): Annotation {
  let u = -1;
  for (let k = 0; k <= occurrence; k++) u = text.indexOf(part, u + 1);
  if (u === -1) throw new Error(`"${part}" is not in the text`);
  const start = codePointLength(text.slice(0, u));
  const end = start + codePointLength(part);
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    documentPath: 'vn/2025/visit.txt',
    contentSha256: sha,
    annotator: 'an',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: { actor: 'both' },
    note: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
  };
}

function insert(text: string, before: string, inserted: string): string {
  const u = text.indexOf(before);
  return text.slice(0, u) + inserted + text.slice(u);
}

/** The annotation's stored quote is exactly what its offsets select in `text`. */
function expectAnchored(a: Annotation, text: string): void {
  expect(sliceCodePoints(text, a.start, a.end)).toBe(a.quote);
  expect({ prefix: a.prefix, suffix: a.suffix }).toEqual({
    prefix: describeSpan(text, a.start, a.end).prefix,
    suffix: describeSpan(text, a.start, a.end).suffix,
  });
  expect(a.orphaned).toBeUndefined();
  expect(AnnotationSchema.safeParse(a).success).toBe(true);
}

const TRADE = 'The two sides agreed to expand trade and investment cooperation';

describe('re-anchoring after an edit', () => {
  it('moves an annotation when text is inserted before it, keeping its quote and updatedAt', () => {
    const a = annotate(ARTICLE, TRADE);
    const text = insert(ARTICLE, 'General Secretary', 'Vietnam’s ');
    const result = reanchorAnnotations([a], text, NEW_SHA);
    const b = result.annotations[0]!;
    expect(result.outcomes).toEqual(['moved']);
    expect(result).toMatchObject({ moved: 1, placed: 0, fuzzy: 0, orphaned: 0, current: 0 });
    expect(b.start).toBe(a.start + 10);
    expect(b.quote).toBe(TRADE);
    expect(b.contentSha256).toBe(NEW_SHA);
    expect(b.updatedAt).toBe(a.updatedAt);
    expect(b.id).toBe(a.id);
    expectAnchored(b, text);
  });

  it('keeps the offsets when text is inserted after it, refreshing the context', () => {
    const a = annotate(ARTICLE, TRADE);
    const text = insert(ARTICLE, ' in the coming years', ' with Laos');
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result.outcomes).toEqual(['placed']);
    const b = result.annotations[0]!;
    expect([b.start, b.end]).toEqual([a.start, a.end]);
    expect(b.suffix).not.toBe(a.suffix);
    expectAnchored(b, text);
  });

  it('matches approximately, with a new quote, after a short insertion inside the quote', () => {
    const a = annotate(ARTICLE, TRADE);
    const text = insert(ARTICLE, 'expand trade', 'further ');
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result.outcomes).toEqual(['fuzzy']);
    const b = result.annotations[0]!;
    expect(b.quote).toBe('The two sides agreed to further expand trade and investment cooperation');
    expect(result.requoted).toEqual([{ id: a.id, before: TRADE, after: b.quote }]);
    expectAnchored(b, text);
  });

  it('orphans the annotation when the insertion inside the quote is too long', () => {
    const a = annotate(ARTICLE, TRADE);
    const text = insert(
      ARTICLE,
      'trade and investment',
      'what officials on both sides described as long-overdue and mutually beneficial ',
    );
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result.outcomes).toEqual(['orphaned']);
  });

  it('matches approximately when one word of the quote was changed', () => {
    const a = annotate(
      ARTICLE,
      'both sides pledged to manage differences peacefully and respect international law',
    );
    const text = ARTICLE.replace('manage differences', 'control differences');
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result.outcomes).toEqual(['fuzzy']);
    const b = result.annotations[0]!;
    expect(b.quote).toBe(
      'both sides pledged to control differences peacefully and respect international law',
    );
    expect(b.start).toBe(a.start);
    expectAnchored(b, text);
  });

  it('orphans an annotation whose quote was deleted, and never drops it', () => {
    const a = annotate(ARTICLE, 'standard-gauge railway linking Lào Cai');
    const text = ARTICLE.replace(
      'They also discussed the standard-gauge railway linking Lào Cai, Hà Nội and Hải Phòng. ',
      '',
    );
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result).toMatchObject({ orphaned: 1, outcomes: ['orphaned'] });
    const b = result.annotations[0]!;
    expect(b).toEqual({ ...a, orphaned: true });
  });

  it('un-orphans an annotation when its quote can be placed again', () => {
    const a = annotate(ARTICLE, 'standard-gauge railway linking Lào Cai');
    const without = ARTICLE.replace(
      'They also discussed the standard-gauge railway linking Lào Cai, Hà Nội and Hải Phòng. ',
      '',
    );
    const orphan = reanchorAnnotations([a], without, NEW_SHA).annotations[0]!;
    // Still an orphan against the same text: returned unchanged, same object.
    const again = reanchorAnnotations([orphan], without, NEW_SHA);
    expect(again.annotations[0]).toBe(orphan);
    const restored = `Update: ${ARTICLE}`;
    const result = reanchorAnnotations([orphan], restored, THIRD_SHA);
    expect(result.outcomes).toEqual(['moved']);
    expect(result.annotations[0]!.contentSha256).toBe(THIRD_SHA);
    expectAnchored(result.annotations[0]!, restored);
    // Reverting to the exact text it was made on also brings it back.
    expect(reanchorAnnotations([orphan], ARTICLE, OLD_SHA).outcomes).toEqual(['placed']);
  });

  it('lets the context decide between duplicates of the quote', () => {
    const text0 =
      'In Beijing, the ministers said the agreement will be signed next year. ' +
      'In Hanoi, officials insisted the agreement will be signed next year, after review.';
    const quote = 'the agreement will be signed next year';
    const a = annotate(text0, quote, 1);
    // Insert exactly enough before both that the first duplicate lands on the
    // second's old offsets: position alone would pick the wrong one.
    const shift = a.start - text0.indexOf(quote);
    const text = `${'x'.repeat(shift - 1)} ${text0}`;
    expect(sliceCodePoints(text, a.start, a.end)).toBe(quote);
    const b = reanchorAnnotations([a], text, NEW_SHA).annotations[0]!;
    expect(b.start).toBe(a.start + shift);
    expect(b.prefix.endsWith('officials insisted ')).toBe(true);
    expectAnchored(b, text);
  });

  it('does not move a short quote to another mention with unrelated context', () => {
    const text0 = 'The Chinese side raised the South China Sea. Later, China and Laos signed a rail deal.';
    const a = annotate(text0, 'South China Sea');
    const short = annotate(text0, 'China', 0);
    const text = 'Later, China and Laos signed a rail deal.';
    const result = reanchorAnnotations([a, short], text, NEW_SHA);
    expect(result.outcomes).toEqual(['orphaned', 'orphaned']);
  });

  it('moves a long quote even when its neighbours changed', () => {
    const paragraph = 'The visit ended with the signing of fourteen cooperation documents.';
    const a = annotate(ARTICLE, paragraph);
    const text = `${paragraph}\n\n${ARTICLE.replace(` ${paragraph}`, '')}`;
    const result = reanchorAnnotations([a], text, NEW_SHA);
    expect(result.outcomes).toEqual(['moved']);
    expect(result.annotations[0]!.start).toBe(0);
    expectAnchored(result.annotations[0]!, text);
  });

  it('never fuzzy-matches a quote shorter than five code points', () => {
    const a = annotate(ARTICLE, 'Lâm ');
    expect(a.quote).toBe('Lâm ');
    const text = ARTICLE.replace('Tô Lâm', 'Tô Lam');
    expect(reanchorAnnotations([a], text, NEW_SHA).outcomes).toEqual(['orphaned']);
  });

  it('shifts offsets by code points when astral characters and diacritics are inserted before', () => {
    const a = annotate(ARTICLE, 'Hải Phòng');
    const inserted = '😀 Đà Nẵng 𝔸𝔹 — ';
    const text = `${inserted}${ARTICLE}`;
    const b = reanchorAnnotations([a], text, NEW_SHA).annotations[0]!;
    expect(b.start).toBe(a.start + codePointLength(inserted));
    expect(codePointLength(inserted)).toBe(inserted.length - 3);
    expectAnchored(b, text);
  });

  it('re-anchors a quote that itself contains astral characters', () => {
    const text0 = 'Leaders toasted 🥂 the new 𝔸-class partnership today.';
    const a = annotate(text0, '🥂 the new 𝔸-class partnership');
    const text = text0.replace('Leaders', 'Both leaders');
    const b = reanchorAnnotations([a], text, NEW_SHA).annotations[0]!;
    expect(b.start).toBe(a.start + 5);
    expectAnchored(b, text);
  });

  it('leaves annotations already made on this text untouched (same objects)', () => {
    const a = annotate(ARTICLE, TRADE, 0, NEW_SHA);
    const result = reanchorAnnotations([a], 'completely different text', NEW_SHA);
    expect(result.annotations[0]).toBe(a);
    expect(result).toMatchObject({ current: 1, outcomes: ['current'] });
  });

  it('returns every annotation in input order, whatever their outcome', () => {
    const anns = [
      annotate(ARTICLE, 'at the Party headquarters'),
      annotate(ARTICLE, 'received the Chinese delegation', 0, NEW_SHA),
      annotate(ARTICLE, 'standard-gauge railway'),
      annotate(ARTICLE, 'the signing of fourteen cooperation documents'),
    ];
    const text = ARTICLE.replace('standard-gauge railway', 'new road')
      .replace('HANOI', 'BEIJING')
      .replace('fourteen', 'fifteen');
    const result = reanchorAnnotations(anns, text, NEW_SHA);
    expect(result.annotations.map((a) => a.id)).toEqual(anns.map((a) => a.id));
    expect(result.outcomes).toEqual(['moved', 'current', 'orphaned', 'fuzzy']);
    expect(result).toMatchObject({ current: 1, placed: 0, moved: 1, fuzzy: 1, orphaned: 1 });
  });

  it('uses a known edit as the expected shift', () => {
    const a = annotate(ARTICLE, 'fourteen');
    const text = insert(ARTICLE, 'The two sides', 'Xinhua reported that ');
    const result = reanchorAnnotations([a], text, NEW_SHA, {
      edit: { at: ARTICLE.indexOf('The two sides'), delta: 21 },
    });
    expect(result.annotations[0]!.start).toBe(a.start + 21);
  });
});

describe('re-anchoring at scale', () => {
  /** Deterministic pseudo-random numbers (mulberry32). */
  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('re-anchors 10,000 annotations on a 1,000,000-code-point text after an edit near the start', () => {
    const rnd = random(42);
    const words = [
      'Việt Nam',
      'Trung Quốc',
      'hợp tác',
      'trade',
      'investment',
      'railway',
      'Lào Cai',
      'maritime',
      'border',
      'agreed',
      'pledged',
      'the',
      'two',
      'sides',
      'kerja sama',
      'ekonomi',
      'đường sắt',
      'năng lượng',
      '😀',
      'and',
      'security',
      'Hà Nội',
      'Bắc Kinh',
      'energy',
      'digital',
      'tourism',
      'culture',
      'of',
      'in',
      'to',
    ];
    const parts: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const sentence = `${Array.from({ length: 6 + Math.floor(rnd() * 14) }, () => words[Math.floor(rnd() * words.length)]).join(' ')}.`;
      parts.push(sentence);
      length += codePointLength(sentence) + 1;
    }
    const oldText = parts.join(rnd() < 0.5 ? ' ' : '\n');
    const oldIndex = codePointIndex(oldText);
    const total = oldIndex.length;

    const annotations: Annotation[] = [];
    while (annotations.length < 10_000 - 4) {
      const start = Math.floor(rnd() * (total - 200));
      const span = trimSpan(oldIndex, start, start + 5 + Math.floor(rnd() * 120));
      if (!span) continue;
      const quote = describeSpan(oldIndex, span.start, span.end);
      serial++;
      annotations.push({
        id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
        documentPath: 'big.txt',
        contentSha256: OLD_SHA,
        annotator: 'an',
        tag: 'dispute',
        ...span,
        ...quote,
        attributes: {},
        note: '',
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      });
    }

    const at = 1_000; // code points
    // A few long annotations around the edit, so it lands inside their quotes.
    for (const [start, end] of [
      [at - 100, at + 100],
      [at - 60, at + 150],
      [at - 2, at + 3],
      [at - 20, at + 12],
    ] as const) {
      const span = trimSpan(oldIndex, start, end)!;
      annotations.push({
        ...annotations[0]!,
        id: `00000000-0000-4000-9000-00000000000${annotations.length % 10}`,
        ...span,
        ...describeSpan(oldIndex, span.start, span.end),
      });
    }
    const inserted = ' Thông tấn xã Việt Nam 😀 đưa tin. ';
    const atU16 = oldIndex.toUtf16(at);
    const newText = oldText.slice(0, atU16) + inserted + oldText.slice(atU16);
    const delta = codePointLength(inserted);

    // Correctness at benchmark scale; `npm run bench` measures the time.
    const result = reanchorAnnotations(annotations, newText, NEW_SHA);

    const newIndex = codePointIndex(newText);
    let crossing = 0;
    result.annotations.forEach((b, i) => {
      const a = annotations[i]!;
      if (a.end <= at) {
        expect([b.start, b.end], a.quote).toEqual([a.start, a.end]);
      } else if (a.start >= at) {
        expect([b.start, b.end], a.quote).toEqual([a.start + delta, a.end + delta]);
        expect(b.quote).toBe(a.quote);
      } else {
        crossing++;
      }
      if (!b.orphaned)
        expect(newText.slice(newIndex.toUtf16(b.start), newIndex.toUtf16(b.end))).toBe(b.quote);
    });
    expect(result.fuzzy).toBeGreaterThanOrEqual(2);
    expect(result.fuzzy + result.orphaned).toBeLessThanOrEqual(crossing);
    expect(result.placed + result.moved + result.fuzzy + result.orphaned).toBe(10_000);
  });
});

describe('context similarity', () => {
  /** Textbook Levenshtein, the reference for the bit-parallel version. */
  function reference(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        current[j] = Math.min(
          previous[j]! + 1,
          current[j - 1]! + 1,
          previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      previous = current;
    }
    return previous[b.length]!;
  }

  it('computes the Levenshtein distance, for short and long strings alike', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: next(45) }, () => 'abcđ😀 '[next(7)]).join('');
    for (let k = 0; k < 2_000; k++) {
      const [a, b] = [word(), word()];
      expect(editDistance(a, b), `${a} / ${b}`).toBe(reference(a, b));
    }
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Việt Nam', 'Viet Nam')).toBe(1);
  });
});
