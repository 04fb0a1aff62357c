import { describe, expect, it } from 'vitest';
import {
  describeBundleContents as sharedContents,
  describeMergeReport as sharedMerge,
  type BundleContents,
  type BundleMergeReport,
} from '../../../../shared/exchange/bundle-merge';
import { describeQdpxPlan as sharedQdpx, type QdpxImportPlan } from '../../../../shared/exchange/qdpx-import';
import { i18n } from '../../i18n/i18n';
import { describeBundleContents, describeMergeReport, describeQdpxPlan } from '../describe-exchange';

const en = i18n.getFixedT('en');
const id = i18n.getFixedT('id');

const contents = (over: Partial<BundleContents>): BundleContents => ({
  annotations: 12,
  annotators: ['Ana', 'Budi'],
  documents: 3,
  documentStatuses: 2,
  documentDates: 0,
  tags: 3,
  ...over,
});

const report = (over: Partial<BundleMergeReport>): BundleMergeReport => ({
  annotations: { added: 2, updated: 1, unchanged: 0, olderIgnored: 0 },
  statuses: { added: 1, updated: 0, unchanged: 1, olderIgnored: 0 },
  codebook: 'same',
  documentDates: { added: 0, unchanged: 0, keptYours: 0 },
  rejectedUnits: { added: 0 },
  ...over,
});

const plan = (duplicates: number): QdpxImportPlan =>
  ({
    files: [{ path: 'imported/Trial/a.txt', text: 'a' }],
    linked: [{ source: 's1', path: 'b.txt' }],
    codebook: { tags: [] },
    addedTags: [],
    annotations: [],
    statuses: [],
    duplicates,
    preview: { project: 'Trial', sources: 2, codes: 4, users: ['Ana'], selections: 0, adaptations: [] },
  }) as unknown as QdpxImportPlan;

describe('the exchange summaries in the interface language', () => {
  it('say in English word for word what the shared descriptions say', () => {
    const cases = [
      contents({}),
      contents({ annotations: 1, annotators: ['Ana'], documents: 1, documentStatuses: 0, documentDates: 1 }),
      contents({ annotations: 0, annotators: [], documents: 0, tags: 1 }),
      contents({ annotators: ['A', 'B', 'C', 'D', 'E'], documentDates: 4, annotations: 1234 }),
      contents({ annotators: ['A', 'B', 'C', 'D'] }),
    ];
    for (const c of cases) expect(describeBundleContents(en, 'en', c)).toBe(sharedContents(c));

    const reports = [
      report({}),
      report({ rekeyed: 1, codebook: 'added', rejectedUnits: { added: 2 } }),
      report({
        annotations: { added: 0, updated: 0, unchanged: 3, olderIgnored: 1 },
        documentDates: { added: 1, unchanged: 2, keptYours: 1 },
        codebook: 'different',
      }),
      report({ documentDates: { added: 1, unchanged: 0, keptYours: 0 }, rejectedUnits: { added: 1 } }),
    ];
    for (const r of reports) expect(describeMergeReport(en, r)).toBe(sharedMerge(r));

    for (const duplicates of [0, 2])
      expect(describeQdpxPlan(en, plan(duplicates))).toBe(sharedQdpx(plan(duplicates)));
  });

  it('say it in Indonesian, with Indonesian lists and numbers', () => {
    expect(
      describeBundleContents(
        id,
        'id',
        contents({ annotators: ['Ana', 'Budi', 'Citra'], documentDates: 1, annotations: 1234 }),
      ),
    ).toBe(
      '1.234 anotasi oleh Ana, Budi, dan Citra di 3 dokumen, 2 status dokumen, 1 tanggal yang dikoreksi, buku kode berisi 3 tag.',
    );
    expect(describeBundleContents(id, 'id', contents({ annotations: 0, annotators: [] }))).toBe(
      'tidak ada anotasi, 2 status dokumen, buku kode berisi 3 tag.',
    );
    expect(describeMergeReport(id, report({ codebook: 'different' })).split('\n')).toEqual([
      'Anotasi: 2 ditambahkan, 1 diperbarui, 0 tidak berubah.',
      'Status dokumen: 1 ditambahkan, 0 diperbarui, 1 tidak berubah.',
      'Buku kode: milik bundel berbeda dari milik Anda; milik Anda dipertahankan.',
    ]);
    expect(describeQdpxPlan(id, plan(2))).toBe(
      'Trial: 2 sumber teks (1 sudah ada di korpus, 1 baru), 4 kode (0 tag baru), 1 pengguna (Ana), 0 seleksi → 0 anotasi, 2 sudah ada di sini',
    );
  });
});
