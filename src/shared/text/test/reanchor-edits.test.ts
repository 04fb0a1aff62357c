import { describe, expect, it } from 'vitest';
import { type Annotation, AnnotationSchema } from '../../annotation/annotation-types';
import { sliceCodePoints } from '../offsets';
import { reanchorAnnotations } from '../reanchor';
import { codePointLength } from '../text-normalize';
import { describeSpan } from '../text-quote';

/*
 * Re-anchoring that follows the edit (the old text is known), one minimal
 * case per defect of issue #16.
 */

const SHA = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));

function annotate(text: string, part: string, occurrence = 0, sha = SHA[0]!): Annotation {
  let u = -1;
  for (let k = 0; k <= occurrence; k++) u = text.indexOf(part, u + 1);
  if (u === -1) throw new Error(`"${part}" is not in the text`);
  const start = codePointLength(text.slice(0, u));
  const end = start + codePointLength(part);
  return {
    id: `00000000-0000-4000-8000-${String(occurrence + 1).padStart(12, '0')}`,
    documentPath: 'vn/visit.txt',
    contentSha256: sha,
    annotator: 'an',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** Texts by hash, as the renderer's db keeps them. */
function texts(...versions: string[]): (sha: string) => string | undefined {
  return (sha) => versions[SHA.indexOf(sha)];
}

function at(text: string, a: Annotation): string {
  return sliceCodePoints(text, a.start, a.end);
}

const P1 = 'Kedua pihak sepakat memperluas kerja sama ekonomi dan perdagangan pada tahun depan.';
const P2 = 'Menteri Luar Negeri menyampaikan bahwa hubungan dan pemerintah kedua negara makin erat.';
const P3 = 'Di bidang maritim, kedua pihak berjanji menangani perbedaan secara damai.';
const P4 = 'Kunjungan ditutup dengan penandatanganan empat belas dokumen kerja sama.';
const BASE = [P1, P2, P3, P4].join('\n');

describe('re-anchoring through the edit', () => {
  it('1: keeps a one-letter edit in place over an exact copy of the phrase elsewhere', () => {
    const phrase = 'kerja sama ekonomi dan perdagangan';
    const before = `${BASE}\nKomite membahas ${phrase} di perbatasan.`;
    const a = annotate(before, phrase, 1);
    const after = before.replace(`membahas ${phrase}`, 'membahas kerja sama ekonomi dan perdagagan');
    for (const previousText of [texts(before), undefined]) {
      const b = reanchorAnnotations([a], after, SHA[1]!, { previousText }).annotations[0]!;
      expect(at(after, b)).toBe('kerja sama ekonomi dan perdagagan');
      expect(b.start).toBeGreaterThan(after.indexOf('Komite'));
      expect(b.placement).toBe('moved');
    }
  });

  it('2: orphans a span whose text was deleted instead of re-homing it on a look-alike', () => {
    const before = `${BASE}\nDuta besar memuji hubungan dan pemerintah kedua negara yang stabil.`;
    const a = annotate(before, 'dan pemerintah kedua negara', 0);
    const after = before.replace(`${P2}\n`, '');
    const result = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(before) });
    expect(result.outcomes).toEqual(['orphaned']);
    expect(result.annotations[0]!.orphaned).toBe(true);
  });

  it('2: follows a paragraph that moved, even a span at its edge', () => {
    const a = annotate(BASE, 'Menteri Luar Negeri');
    const after = [P1, P3, P4, P2].join('\n');
    const b = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(BASE) }).annotations[0]!;
    expect(at(after, b)).toBe('Menteri Luar Negeri');
    expect(b.start).toBe(codePointLength(after.slice(0, after.indexOf('Menteri'))));
    expect(b.placement).toBeUndefined();
  });

  it('2: a far exact copy with only one side of context is not taken', () => {
    const before = `${BASE}\nRapat Komite Partai berlangsung lama.\nKomite Partai menyetujui rencana.`;
    const a = annotate(before, 'Komite Partai', 0);
    const after = before.replace('Rapat Komite Partai berlangsung lama.\n', '');
    const result = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(before) });
    expect(result.outcomes).toEqual(['orphaned']);
  });

  it('3: re-anchors from the original selector, and a reverted edit brings the annotation back', () => {
    const a = annotate(BASE, 'hubungan dan pemerintah kedua negara');
    const edited = BASE.replace(
      'hubungan dan pemerintah kedua negara',
      'hubungan antara pemerintah kedua negara',
    );
    const moved = reanchorAnnotations([a], edited, SHA[1]!, { previousText: texts(BASE, edited) })
      .annotations[0]!;
    expect(moved.placement).toBe('moved');
    expect(moved.original).toEqual({
      contentSha256: SHA[0],
      start: a.start,
      end: a.end,
      quote: a.quote,
      prefix: a.prefix,
      suffix: a.suffix,
    });
    expect(AnnotationSchema.safeParse(moved).success).toBe(true);
    // A second edit is followed from the original, which stays as it was.
    const again = `Berita: ${edited}`;
    const second = reanchorAnnotations([moved], again, SHA[2]!, {
      previousText: texts(BASE, edited, again),
    }).annotations[0]!;
    expect(second.original).toEqual(moved.original);
    expect(at(again, second)).toBe(at(edited, moved));
    // Back to the text it was made on: exactly where the person put it, nothing left to check.
    const back = reanchorAnnotations([second], BASE, SHA[0]!, { previousText: texts(BASE) }).annotations[0]!;
    expect(back).toEqual(a);
  });

  it('3: an orphan comes back when the deletion is reverted, a misplaced one cannot exist to stay wrong', () => {
    const a = annotate(BASE, 'pemerintah kedua negara');
    const deleted = BASE.replace(`${P2}\n`, '');
    const orphan = reanchorAnnotations([a], deleted, SHA[1]!, { previousText: texts(BASE) }).annotations[0]!;
    expect(orphan.orphaned).toBe(true);
    const back = reanchorAnnotations([orphan], BASE, SHA[0]!).annotations[0]!;
    expect(back).toEqual(a);
  });

  it('4: an intact short quote at its mapped position wins though both sides were rewritten', () => {
    const before = `${BASE}\nPara pejabat menyebut Komite Partai sebagai mitra utama.\nKomite Partai juga hadir.`;
    const a = annotate(before, 'Komite Partai', 0);
    const after = before.replace(
      'Para pejabat menyebut Komite Partai sebagai mitra utama.',
      'Wartawan asing mencatat Komite Partai dalam laporan singkat.',
    );
    const b = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(before) }).annotations[0]!;
    expect(b.start).toBe(codePointLength(after.slice(0, after.indexOf('Komite Partai'))));
    expect(b.orphaned).toBeUndefined();
    // Its whole sentence was rewritten around it: right place, still worth a look.
    expect(b.placement).toBe('moved');
  });

  it('5: an approximate placement is widened to whole words', () => {
    const before = `${BASE}\nKonektivitas strategi pembangunan yang kuat.`;
    const a = annotate(before, 'strategi pembangunan yang kuat');
    const after = before.replace('strategi pembangunan', 'Strategi pembangunan');
    const b = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(before) }).annotations[0]!;
    expect(b.quote).toBe('Strategi pembangunan yang kuat');
    expect(b.placement).toBe('moved');
  });

  it('5: keeps a selection that started mid-word mid-word', () => {
    const before = `${BASE}\nKonektivitas strategi pembangunan yang kuat.`;
    const a = annotate(before, 'trategi pembangunan yang kuat');
    const after = before.replace('yang kuat', 'yang kuta');
    const b = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(before) }).annotations[0]!;
    expect(b.quote.startsWith('trategi')).toBe(true);
  });

  it('marks nothing when the quote and its context are where the edit put them', () => {
    const a = annotate(BASE, 'menangani perbedaan secara damai');
    const after = `Judul\n${BASE}`;
    const b = reanchorAnnotations([a], after, SHA[1]!, { previousText: texts(BASE) }).annotations[0]!;
    expect(at(after, b)).toBe(a.quote);
    expect(b.placement).toBeUndefined();
    expect(b.original?.contentSha256).toBe(SHA[0]);
  });
});
