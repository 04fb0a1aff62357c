import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { describeSpan } from '../../../../shared/text/text-quote';
import { annotationsForDocument, confirmPlacement, createAnnotation } from '../../db/annotation-repo';
import { keptTexts } from '../../db/document-text-repo';
import type { TandaDB } from '../../db/tanda-db';
import { freshDb } from '../../db/test/annotation-fixtures';
import { reanchorDocument } from '../reanchor-document';

const PATH = 'vn/visit.txt';
const SHA = ['a', 'b', 'c'].map((c) => c.repeat(64));
const V0 =
  'Kedua pihak sepakat memperluas kerja sama ekonomi dan perdagangan.\n' +
  'Menteri menyampaikan bahwa hubungan dan pemerintah kedua negara makin erat.\n' +
  'Duta besar memuji hubungan dan pemerintah kedua negara yang stabil.';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

async function annotate(text: string, part: string, occurrence = 0): Promise<Annotation> {
  let u = -1;
  for (let k = 0; k <= occurrence; k++) u = text.indexOf(part, u + 1);
  const { after } = await createAnnotation(db, {
    documentPath: PATH,
    contentSha256: SHA[0]!,
    annotator: 'Ayu',
    tag: 'commitment',
    start: u,
    end: u + part.length,
    ...describeSpan(text, u, u + part.length),
    attributes: {},
    note: '',
  });
  return after!;
}

describe('re-anchoring a stored document', () => {
  it('keeps the text annotations were made on, and follows the edit from it', async () => {
    db = freshDb();
    expect(await reanchorDocument(db, PATH, V0, SHA[0]!)).toBeNull();
    const a = await annotate(V0, 'dan pemerintah kedua negara', 0);
    const typo = await annotate(V0, 'kerja sama ekonomi dan perdagangan');
    expect([...(await keptTexts(db, PATH)).keys()]).toEqual([SHA[0]]);

    // The second line is deleted and a typo made: its phrase must not jump to the third line.
    const v1 = V0.replace(/Menteri[^\n]*\n/u, '').replace('perdagangan', 'perdagagan');
    const report = await reanchorDocument(db, PATH, v1, SHA[1]!);
    expect(report).toMatchObject({ orphaned: 1, fuzzy: 1, toCheck: 1 });
    const stored = new Map((await annotationsForDocument(db, PATH)).map((x) => [x.id, x]));
    expect(stored.get(a.id)!.orphaned).toBe(true);
    expect(stored.get(typo.id)!.placement).toBe('moved');
    // Both texts are needed while annotations still name the first.
    expect([...(await keptTexts(db, PATH)).keys()].sort()).toEqual([SHA[0], SHA[1]]);

    // Confirming makes the placement the annotation's own: nothing left to check.
    await confirmPlacement(db, typo.id, { annotator: 'Ayu' });
    const confirmed = (await annotationsForDocument(db, PATH)).find((x) => x.id === typo.id)!;
    expect(confirmed.placement).toBeUndefined();
    expect(confirmed.original).toBeUndefined();
    expect(confirmed.quote).toBe('kerja sama ekonomi dan perdagagan');

    // Reverting the file brings the orphan back exactly.
    await reanchorDocument(db, PATH, V0, SHA[0]!);
    const back = (await annotationsForDocument(db, PATH)).find((x) => x.id === a.id)!;
    expect(back).toEqual(a);
  });

  it('refuses to confirm an orphan or someone else’s annotation, changing nothing', async () => {
    db = freshDb();
    await reanchorDocument(db, PATH, V0, SHA[0]!);
    const a = await annotate(V0, 'dan pemerintah kedua negara', 0);
    await reanchorDocument(db, PATH, V0.replace(/Menteri[^\n]*\n/u, ''), SHA[1]!);
    const orphan = (await annotationsForDocument(db, PATH))[0]!;
    await expect(confirmPlacement(db, a.id, { annotator: 'Ayu' })).rejects.toThrow(/orphaned/);
    await expect(confirmPlacement(db, a.id, { annotator: 'Budi' })).rejects.toThrow(/read-only/);
    expect((await annotationsForDocument(db, PATH))[0]).toEqual(orphan);
  });
});
