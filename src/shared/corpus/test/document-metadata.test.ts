import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dateFromFileName,
  dateFromText,
  detectLanguage,
  extractDocumentMetadata,
  sourceFromText,
} from '../document-metadata';

const sample = (name: string): { path: string; text: string } => ({
  path: name,
  text: readFileSync(join(__dirname, '../../../../resources/sample-corpus', name), 'utf8'),
});

describe('the five sample articles', () => {
  it('2022-07-13 Nanning: full date from the file name, no source', () => {
    expect(extractDocumentMetadata(sample('2022-07-13-komite-pengarah-ke-14-nanning.txt'))).toEqual({
      date: '2022-07-13',
      dateSource: 'file-name',
      source: null,
      sourceKind: null,
      language: 'ind',
    });
  });

  it('2023 Vo Van Thuong: a year only; a bare "Sumber" line is no source', () => {
    expect(extractDocumentMetadata(sample('2023-vo-van-thuong-bertemu-cai-qi.txt'))).toEqual({
      date: '2023',
      dateSource: 'file-name',
      source: null,
      sourceKind: null,
      language: 'ind',
    });
  });

  it('2024-10 VOVWORLD: year and month; the agency dateline is the source', () => {
    expect(extractDocumentMetadata(sample('2024-10-vovworld-kunjungan-li-qiang.txt'))).toEqual({
      date: '2024-10',
      dateSource: 'file-name',
      source: 'VOVWORLD',
      sourceKind: 'agency',
      language: 'ind',
    });
  });

  it('2025-02-20 Quang Ninh: full date, no source', () => {
    expect(extractDocumentMetadata(sample('2025-02-20-quang-ninh-guangxi.txt'))).toEqual({
      date: '2025-02-20',
      dateSource: 'file-name',
      source: null,
      sourceKind: null,
      language: 'ind',
    });
  });

  it('2025-10-09 To Lam: the Sumber line gives the URL; the photo credit does not count', () => {
    expect(extractDocumentMetadata(sample('2025-10-09-to-lam-bertemu-li-qiang.txt'))).toEqual({
      date: '2025-10-09',
      dateSource: 'file-name',
      source:
        'https://thanhnien.vn/tong-bi-thu-to-lam-gap-thu-tuong-trung-quoc-va-chu-tich-dang-nuoc-nga-thong-nhat-185251010193809547.htm',
      sourceKind: 'source-line',
      language: 'ind',
    });
  });

  it('without a dated file name, falls back on the text', () => {
    const toLam = sample('2025-10-09-to-lam-bertemu-li-qiang.txt');
    // "9 Oktober" has no year: only usable with a year in the path.
    expect(extractDocumentMetadata({ path: 'to-lam.txt', text: toLam.text }).date).toBeNull();
    expect(extractDocumentMetadata({ path: '2025/to-lam.txt', text: toLam.text })).toMatchObject({
      date: '2025-10-09',
      dateSource: 'text',
    });
    const nanning = sample('2022-07-13-komite-pengarah-ke-14-nanning.txt');
    expect(extractDocumentMetadata({ path: 'arsip-2022/nanning.txt', text: nanning.text }).date).toBe(
      '2022-07-13',
    );
    // A known limit: the first full date in the VOVWORLD piece is an anniversary.
    const vov = sample('2024-10-vovworld-kunjungan-li-qiang.txt');
    expect(extractDocumentMetadata({ path: 'vov.txt', text: vov.text }).date).toBe('1950-01-18');
  });
});

describe('dateFromFileName', () => {
  it('reads full and partial ISO dates at the start of the file name only', () => {
    expect(dateFromFileName('2025-10-09-to-lam.txt')).toBe('2025-10-09');
    expect(dateFromFileName('news/2024-10-vovworld.txt')).toBe('2024-10');
    expect(dateFromFileName('2023-vo-van-thuong.txt')).toBe('2023');
    expect(dateFromFileName('20251009_berita.txt')).toBe('2025-10-09');
    expect(dateFromFileName('2025_10_09 berita.txt')).toBe('2025-10-09');
    expect(dateFromFileName('2024/berita.txt')).toBeNull();
    expect(dateFromFileName('berita-2025-10-09.txt')).toBeNull();
    expect(dateFromFileName('12345-berita.txt')).toBeNull();
  });

  it('drops impossible parts', () => {
    expect(dateFromFileName('2025-02-30-x.txt')).toBe('2025-02');
    expect(dateFromFileName('2025-13-01-x.txt')).toBe('2025');
    expect(dateFromFileName('2024-02-29-x.txt')).toBe('2024-02-29');
  });
});

describe('dateFromText', () => {
  it('reads Indonesian and English month names, with or without a year', () => {
    expect(dateFromText('pada 18 Januari 1950 di Beijing')).toBe('1950-01-18');
    expect(dateFromText('Pada malam tanggal 9 Oktober, Sekjen', 2025)).toBe('2025-10-09');
    expect(dateFromText('Pada malam tanggal 9 Oktober, Sekjen')).toBeNull();
    expect(dateFromText('signed on October 9, 2025 in Hanoi')).toBe('2025-10-09');
    expect(dateFromText('pada 1 Agt. 2024')).toBe('2024-08-01');
    expect(dateFromText('tanggal 20 FEBRUARI 2025')).toBe('2025-02-20');
  });

  it('takes the first day of a range', () => {
    expect(dateFromText('dari tanggal 12 sampai 14 Oktober ini', 2024)).toBe('2024-10-12');
    expect(dateFromText('pada 3-5 Mei 2023')).toBe('2023-05-03');
  });

  it('reads numeric dates', () => {
    expect(dateFromText('Rabu (13/7/2022) lalu')).toBe('2022-07-13');
    expect(dateFromText('pada hari Rabu kemarin (13/7).', 2022)).toBe('2022-07-13');
    expect(dateFromText('pada hari Rabu (13/7).')).toBeNull();
    expect(dateFromText('skor 13/7 untuk tim', 2022)).toBeNull();
    expect(dateFromText('diterbitkan 2025-10-09 pukul 10.00')).toBe('2025-10-09');
    expect(dateFromText('pada 09.10.2025')).toBe('2025-10-09');
  });

  it('ignores month-year only, impossible dates and numbers that are not days', () => {
    expect(dateFromText('sejak akhir Oktober 2022')).toBeNull();
    expect(dateFromText('pada 31 April 2024')).toBeNull();
    expect(dateFromText('Peringatan HUT ke-75 2025 Mei')).toBeNull();
  });

  it('takes the earliest date in the text, whatever its form', () => {
    expect(dateFromText('Hanoi (13/7/2022). Rapat sebelumnya 1 Juni 2022.')).toBe('2022-07-13');
    expect(dateFromText('Rapat 1 Juni 2022. Hanoi (13/7/2022).')).toBe('2022-06-01');
  });
});

describe('sourceFromText', () => {
  it('prefers a Sumber/Source line, then a URL, then an agency dateline', () => {
    expect(sourceFromText('Isi.\nSumber: Kantor Berita VNA\nlihat https://vna.vn/x')).toEqual({
      value: 'Kantor Berita VNA',
      kind: 'source-line',
    });
    expect(sourceFromText('Isi.\nsource : Xinhua ')).toEqual({ value: 'Xinhua', kind: 'source-line' });
    expect(sourceFromText('Isi.\nNguồn: Báo Nhân Dân')).toEqual({
      value: 'Báo Nhân Dân',
      kind: 'source-line',
    });
    expect(sourceFromText('Baca di https://vovworld.vn/id-ID/berita.vov. Lainnya')).toEqual({
      value: 'https://vovworld.vn/id-ID/berita.vov',
      kind: 'url',
    });
    expect(sourceFromText('Judul\nJAKARTA (ANTARA) - Presiden bertemu')).toEqual({
      value: 'ANTARA',
      kind: 'agency',
    });
    expect(sourceFromText('Hanoi, (Xinhua) – Presiden bertemu')).toEqual({ value: 'Xinhua', kind: 'agency' });
  });

  it('does not take photo credits, bare Sumber lines or brackets mid-sentence', () => {
    expect(sourceFromText('Judul\nFOTO: VNA\nIsi.\nSumber\nKomentar (0)')).toBeNull();
    expect(sourceFromText('Ilustrasi (Foto: qdnd.vn)')).toBeNull();
    expect(sourceFromText('Perdana Menteri (PM) - Vietnam')).toBeNull();
  });
});

describe('detectLanguage', () => {
  it('returns ISO 639-3 codes', () => {
    expect(
      detectLanguage(
        'The two sides agreed to deepen cooperation in railway connectivity and trade between the two countries.',
      ),
    ).toBe('eng');
    expect(
      detectLanguage(
        'Tổng Bí thư Tô Lâm gặp Thủ tướng Trung Quốc Lý Cường và hai bên nhất trí tăng cường hợp tác đường sắt.',
      ),
    ).toBe('vie');
  });

  it('says Indonesian, not Malay, for Indonesian text', () => {
    expect(detectLanguage(sample('2025-02-20-quang-ninh-guangxi.txt').text)).toBe('ind');
    expect(
      detectLanguage(
        'Kerajaan Malaysia berkata bahawa rundingan akan diteruskan selepas mesyuarat kerana ramai pihak boleh hadir pada bulan Ogos.',
      ),
    ).toBe('zlm');
  });

  it('returns null for text too short to tell', () => {
    expect(detectLanguage('Komentar (0)')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});
