import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Annotation, AttributeValues } from '../src/shared/annotation/annotation-types';
import type { AgreementSpan } from '../src/shared/agreement/agreement';
import { codePointIndex, describeSpan, type CodePointIndex } from '../src/shared/text/text-quote';

/*
 * Seeded, deterministic data for the benchmark: the same seed gives the same
 * bytes on every machine, so two results files measure the same work.
 * Nothing here is timed.
 */

// ---------------------------------------------------------------- PRNG

/** A float in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough to pick words and offsets. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** A version 4 UUID drawn from the PRNG (AnnotationSchema wants a real UUID). */
export function randomUuid(rng: Rng): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(rng() * 256);
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    hex.push(byte.toString(16).padStart(2, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------- words

const COMMON = [
  'yang',
  'dan',
  'di',
  'ke',
  'dari',
  'untuk',
  'dengan',
  'pada',
  'dalam',
  'ini',
  'itu',
  'akan',
  'telah',
  'juga',
  'tidak',
  'adalah',
  'sebagai',
  'oleh',
  'bahwa',
  'para',
  'kedua',
  'antara',
  'serta',
  'lebih',
  'sangat',
  'tersebut',
  'menurut',
  'kata',
  'hari',
  'tahun',
  'bulan',
  'sejak',
  'masih',
  'sudah',
  'dapat',
  'harus',
  'bagi',
  'atas',
];
const TOPIC = [
  'kerja',
  'sama',
  'negara',
  'pemerintah',
  'menteri',
  'presiden',
  'hubungan',
  'ekonomi',
  'kawasan',
  'laut',
  'perdagangan',
  'investasi',
  'keamanan',
  'pertahanan',
  'kereta',
  'api',
  'pelabuhan',
  'listrik',
  'ekspor',
  'impor',
  'kesepakatan',
  'perjanjian',
  'pertemuan',
  'kunjungan',
  'delegasi',
  'mitra',
  'strategis',
  'komprehensif',
  'rakyat',
  'pembangunan',
  'infrastruktur',
  'perbatasan',
  'sengketa',
  'nelayan',
  'pariwisata',
  'pendidikan',
  'teknologi',
  'digital',
  'energi',
  'konektivitas',
  'perusahaan',
  'pasar',
  'komoditas',
  'pertanian',
  'beras',
  'kopi',
  'baja',
  'logistik',
  'maritim',
  'diplomasi',
  'kedaulatan',
  'perundingan',
  'komitmen',
  'jalur',
  'tarif',
  'pabrik',
];
const PROPER = [
  'Vietnam',
  'Tiongkok',
  'Indonesia',
  'ASEAN',
  'Beijing',
  'Hanoi',
  'Jakarta',
  'Kunming',
  'Guangxi',
  'Yunnan',
];
/** Vietnamese names as Indonesian news spells them: precomposed (NFC) diacritics. */
const DIACRITIC = [
  'Tô Lâm',
  'Phạm Minh Chính',
  'Nguyễn Phú Trọng',
  'Hà Nội',
  'Đà Nẵng',
  'Hải Phòng',
  'Quảng Ninh',
  'Lạng Sơn',
  'Việt Nam',
  'Lý Cường',
  'Trường Sa',
  'Hoàng Sa',
  'Bùi Thanh Sơn',
  'Lào Cai',
];
/** Words Windows-1252 can encode (its files cannot hold Vietnamese diacritics). */
const LATIN1 = ['café', 'Réunion', 'Zürich', 'São Paulo', 'déjà vu', 'naïf', 'Curaçao', 'Ségolène'];
/** Characters UTF-16 spells with two units: flags, emoji, a rare CJK ideograph, a math letter. */
const ASTRAL = ['🇻🇳', '🇨🇳', '🙏', '👍', '𠀋', '𝔸'];
const PREFIXES = ['me', 'ber', 'di', 'ter', 'pe', 'ke', 'se', 'mem', 'men', 'meng', 'per', ''];
const SYLLABLES = [
  'ba',
  'da',
  'ka',
  'la',
  'ma',
  'na',
  'pa',
  'ra',
  'sa',
  'ta',
  'ga',
  'ja',
  'nga',
  'nya',
  'bu',
  'du',
  'ku',
  'lu',
  'mu',
  'pu',
  'ru',
  'tu',
  'bi',
  'di',
  'ki',
  'li',
  'ri',
  'ti',
  'ban',
  'dang',
  'kan',
  'lam',
  'tan',
  'rin',
  'gun',
  'pung',
];
const SUFFIXES = ['kan', 'an', 'i', 'nya', 'lah', '', '', ''];

export interface TextStyle {
  /** Only characters Windows-1252 can encode. */
  latin1?: boolean;
  /** Chance per word of an astral character (emoji, flag, rare CJK). */
  astral?: number;
}

function word(rng: Rng, style: TextStyle): string {
  const r = rng();
  if (!style.latin1 && style.astral && r < style.astral) return pick(rng, ASTRAL);
  if (r < 0.35) return pick(rng, COMMON);
  if (r < 0.65) return pick(rng, TOPIC);
  if (r < 0.71) return pick(rng, PROPER);
  if (r < 0.74) return style.latin1 ? pick(rng, LATIN1) : pick(rng, DIACRITIC);
  let w = pick(rng, PREFIXES);
  const n = randomInt(rng, 1, 3);
  for (let i = 0; i < n; i++) w += pick(rng, SYLLABLES);
  return w + pick(rng, SUFFIXES);
}

function sentence(rng: Rng, style: TextStyle): string {
  const n = randomInt(rng, 5, 16);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = word(rng, style);
    if (i === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
    if (i > 2 && i < n - 2 && rng() < 0.06) w += ',';
    words.push(w);
  }
  const text = `${words.join(' ')}.`;
  // Now and then a quotation, with typographic quotes (Windows-1252 has them too).
  return rng() < 0.08 ? `“${text}”` : text;
}

function paragraph(rng: Rng, style: TextStyle): string {
  const n = rng() < 0.45 ? 1 : rng() < 0.8 ? 2 : 3;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(sentence(rng, style));
  return parts.join(' ');
}

function title(rng: Rng, style: TextStyle): string {
  const n = randomInt(rng, 6, 12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(word(rng, { ...style, astral: 0 }));
  const t = words.join(' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------- the scan corpus

export type CorpusEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

export interface WrittenCorpus {
  documents: number;
  bytes: number;
  encodings: Record<CorpusEncoding, number>;
}

/**
 * `count` news articles of about 3 KB in 100 sub-folders, in mixed encodings
 * (55 % UTF-8, 15 % UTF-8 with BOM, 15 % UTF-16 LE with BOM, 15 %
 * Windows-1252) and mixed line endings (a third CRLF), as an archive gathered
 * from several newsrooms would be.
 */
export async function writeScanCorpus(dir: string, count: number, seed: number): Promise<WrittenCorpus> {
  const rng = createRng(seed);
  const encodings: Record<CorpusEncoding, number> = {
    'utf-8': 0,
    'utf-8-bom': 0,
    'utf-16le': 0,
    'windows-1252': 0,
  };
  let bytes = 0;
  const folders = Math.max(1, Math.ceil(count / 100));
  for (let f = 0; f < folders; f++)
    await mkdir(join(dir, `arsip-${String(f).padStart(3, '0')}`), { recursive: true });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng();
    const encoding: CorpusEncoding =
      r < 0.55 ? 'utf-8' : r < 0.7 ? 'utf-8-bom' : r < 0.85 ? 'utf-16le' : 'windows-1252';
    encodings[encoding] += 1;
    const style: TextStyle = { latin1: encoding === 'windows-1252', astral: rng() < 0.2 ? 0.004 : 0 };
    const target = randomInt(rng, 2400, 3600);
    const parts = [title(rng, style), '', `JAKARTA — ${paragraph(rng, style)}`];
    let length = parts.reduce((n, p) => n + p.length + 2, 0);
    while (length < target) {
      const p = paragraph(rng, style);
      parts.push('', p);
      length += p.length + 2;
    }
    const eol = rng() < 0.33 ? '\r\n' : '\n';
    const text = `${parts.join(eol)}${eol}`;
    const buffer = encodeAs(text, encoding);
    bytes += buffer.length;
    const file = join(
      dir,
      `arsip-${String(i % folders).padStart(3, '0')}`,
      `berita-${String(i).padStart(5, '0')}.txt`,
    );
    pending.push(writeFile(file, buffer));
    if (pending.length >= 200) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return { documents: count, bytes, encodings };
}

function encodeAs(text: string, encoding: CorpusEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
  }
}

// ---------------------------------------------------------------- articles

/** A generated article: its normalized text and, per line, where the words are. */
export interface Article {
  text: string;
  sha256: string;
  /** Code points. */
  chars: number;
  lines: ArticleLine[];
}

export interface ArticleLine {
  /** Code point offset of the line in the text. */
  start: number;
  /** Words as code point offsets into the text, trailing punctuation left out. */
  words: [number, number][];
}

/**
 * An article of about `chars` code points: a title line, then one paragraph
 * per line (Tanda shows one paragraph per line), 1 to 3 sentences each, so a
 * million code points make about 7,000 paragraphs. No trailing newline.
 */
export function generateArticle(rng: Rng, chars: number, style: TextStyle = { astral: 0.0015 }): Article {
  const lines = [title(rng, style)];
  let total = cpLength(lines[0]!);
  while (total < chars) {
    const p = paragraph(rng, style);
    lines.push(p);
    total += 1 + cpLength(p);
  }
  const text = lines.join('\n').normalize('NFC');
  return { text, sha256: sha256Hex(text), chars: cpLength(text), lines: indexLines(text) };
}

const TRAILING_PUNCTUATION = /^[.,;:!?”“"()]$/u;

function indexLines(text: string): ArticleLine[] {
  const lines: ArticleLine[] = [{ start: 0, words: [] }];
  let cp = 0;
  let wordStart = -1;
  let lastLetter = -1;
  const closeWord = (): void => {
    if (wordStart >= 0 && lastLetter >= wordStart)
      lines[lines.length - 1]!.words.push([wordStart, lastLetter + 1]);
    wordStart = -1;
  };
  for (const ch of text) {
    if (ch === '\n') {
      closeWord();
      lines.push({ start: cp + 1, words: [] });
    } else if (ch === ' ') {
      closeWord();
    } else {
      const punctuation = TRAILING_PUNCTUATION.test(ch);
      if (wordStart < 0 && !punctuation) wordStart = cp;
      if (wordStart >= 0 && !punctuation) lastLetter = cp;
    }
    cp++;
  }
  closeWord();
  return lines;
}

// ---------------------------------------------------------------- spans and annotations

export const TAGS = ['commitment', 'dispute', 'cooperation_area'] as const;

export interface GeneratedSpan {
  tag: string;
  start: number;
  end: number;
  /** True for the spans made to start inside another one. */
  overlapping: boolean;
}

/**
 * `count` word-aligned spans in the article's paragraphs (never the title,
 * never across a line break), in the three tags; `overlapShare` of them start
 * inside another span (nested or crossing its end). No two spans have the
 * same offsets. Sorted by start, then end.
 */
export function generateSpans(
  rng: Rng,
  article: Article,
  count: number,
  overlapShare = 0.2,
): GeneratedSpan[] {
  const paragraphs = article.lines.slice(1).filter((l) => l.words.length >= 2);
  if (paragraphs.length === 0) throw new Error('the article has no paragraphs to annotate');
  const taken = new Set<string>();
  const baseCount = Math.round(count * (1 - overlapShare));
  const base: { line: ArticleLine; first: number; last: number }[] = [];
  const used = new Map<ArticleLine, [number, number][]>(); // word ranges taken by base spans, per paragraph
  const spans: GeneratedSpan[] = [];
  const tag = (): string => {
    const r = rng();
    return r < 0.4 ? TAGS[0] : r < 0.7 ? TAGS[1] : TAGS[2];
  };
  const add = (line: ArticleLine, first: number, last: number, overlapping: boolean): boolean => {
    const start = line.words[first]![0];
    const end = line.words[last]![1];
    const key = `${start}:${end}`;
    if (taken.has(key)) return false;
    taken.add(key);
    spans.push({ tag: tag(), start, end, overlapping });
    return true;
  };

  for (let attempts = 0; base.length < baseCount; attempts++) {
    if (attempts > baseCount * 50)
      throw new Error(`cannot place ${baseCount} spans in ${paragraphs.length} paragraphs`);
    const line = pick(rng, paragraphs);
    const length = randomInt(rng, 1, Math.min(6, line.words.length));
    const first = randomInt(rng, 0, line.words.length - length);
    const last = first + length - 1;
    const ranges = used.get(line) ?? [];
    if (ranges.some(([a, b]) => first <= b && last >= a)) continue;
    if (!add(line, first, last, false)) continue;
    ranges.push([first, last]);
    used.set(line, ranges);
    base.push({ line, first, last });
  }
  for (let attempts = 0; spans.length < count; attempts++) {
    if (attempts > count * 50) throw new Error(`cannot place ${count - baseCount} overlapping spans`);
    const b = pick(rng, base);
    // Start inside b (on a later word of it when it has several), end inside or after it.
    const first = b.last > b.first ? randomInt(rng, b.first + 1, b.last) : b.first;
    const last = randomInt(rng, first, Math.min(b.line.words.length - 1, b.last + 4));
    if (first === b.first && last === b.last) continue;
    add(b.line, first, last, true);
  }
  return spans.sort((x, y) => x.start - y.start || x.end - y.end);
}

const BASE_TIME = Date.parse('2025-10-09T08:00:00.000Z');

export interface AnnotationOptions {
  documentPath: string;
  annotators: readonly string[];
  /** Fill attributes and notes as analysts do (for the exchange files). */
  details?: boolean;
}

/** Stored annotation records for spans of one article, as Tanda keeps them. */
export function annotationsFor(
  rng: Rng,
  article: Article,
  spans: readonly GeneratedSpan[],
  options: AnnotationOptions,
  index: CodePointIndex = codePointIndex(article.text),
): Annotation[] {
  return spans.map((span, i) => {
    const created = new Date(BASE_TIME + Math.floor(rng() * 86_400_000) + i).toISOString();
    return {
      id: randomUuid(rng),
      documentPath: options.documentPath,
      contentSha256: article.sha256,
      annotator: pick(rng, options.annotators),
      tag: span.tag,
      start: span.start,
      end: span.end,
      ...describeSpan(index, span.start, span.end),
      attributes: options.details ? attributesFor(rng, span.tag) : {},
      note: options.details ? noteFor(rng) : '',
      createdAt: created,
      updatedAt: created,
    };
  });
}

function attributesFor(rng: Rng, tag: string): AttributeValues {
  if (rng() < 0.3) return {};
  switch (tag) {
    case 'commitment':
      return {
        actor: pick(rng, ['vietnam', 'china', 'both', 'other']),
        strength: pick(rng, ['firm', 'conditional', 'aspirational']),
      };
    case 'dispute':
      return { issue: pick(rng, ['maritime_scs', 'border', 'trade', 'other']) };
    default: {
      const sectors = ['trade', 'investment', 'rail', 'energy', 'tourism', 'security_defence', 'maritime'];
      const first = pick(rng, sectors);
      const second = pick(rng, sectors);
      return { sector: first === second ? [first] : [first, second] };
    }
  }
}

function noteFor(rng: Rng): string {
  const r = rng();
  if (r < 0.85) return '';
  if (r < 0.95) return 'Dikutip dari pernyataan bersama, lihat paragraf berikut';
  // Commas, quotes, a line break and a leading "=": what CSV quoting and the formula guard are for.
  return r < 0.98 ? 'Catatan: "kutipan" menteri, baris\nkedua' : '=perlu dicek ulang';
}

// ---------------------------------------------------------------- the exchange corpus

export interface ExchangeData {
  documents: { path: string; title: string; sha256: string; text: string }[];
  annotations: Annotation[];
}

/** `documents` articles of `chars` code points with `perDocument` annotations each, by three annotators. */
export function generateExchangeData(
  seed: number,
  documents: number,
  chars: number,
  perDocument: number,
): ExchangeData {
  const rng = createRng(seed);
  const docs: ExchangeData['documents'] = [];
  const annotations: Annotation[] = [];
  for (let d = 0; d < documents; d++) {
    const article = generateArticle(rng, chars);
    const path = `arsip-${String(Math.floor(d / 100)).padStart(2, '0')}/berita-${String(d).padStart(4, '0')}.txt`;
    docs.push({
      path,
      title: article.text.slice(0, article.text.indexOf('\n')),
      sha256: article.sha256,
      text: article.text,
    });
    const spans = generateSpans(rng, article, perDocument);
    annotations.push(
      ...annotationsFor(rng, article, spans, {
        documentPath: path,
        annotators: ['Ana', 'Budi', 'Citra'],
        details: true,
      }),
    );
  }
  return { documents: docs, annotations };
}

// ---------------------------------------------------------------- agreement

export interface AgreementData {
  documents: { path: string; chars: number }[];
  spans: AgreementSpan[];
}

/**
 * Two annotators' spans over `documents` × `chars` code points (only lengths
 * are needed: agreement counts units, it never reads text). Of b's spans,
 * half copy one of a's, a fifth copy one with moved boundaries, a tenth copy
 * one with another tag, and a fifth are b's own.
 */
export function generateAgreementData(
  seed: number,
  documents: number,
  chars: number,
  perAnnotator: number,
): AgreementData {
  const rng = createRng(seed);
  const docs = Array.from({ length: documents }, (_, d) => ({
    path: `dok-${String(d).padStart(5, '0')}.txt`,
    chars,
  }));
  const spans: AgreementSpan[] = [];
  const perDocument = Math.ceil(perAnnotator / documents);
  let made = 0;
  for (const doc of docs) {
    for (let i = 0; i < perDocument && made < perAnnotator; i++, made++) {
      const length = randomInt(rng, 5, 120);
      const start = randomInt(rng, 0, doc.chars - length);
      const tag = pick(rng, TAGS);
      spans.push({ annotator: 'ana', documentPath: doc.path, tag, start, end: start + length });
      const r = rng();
      if (r < 0.5) {
        spans.push({ annotator: 'budi', documentPath: doc.path, tag, start, end: start + length });
      } else if (r < 0.7) {
        const s = Math.max(0, start + randomInt(rng, -10, 10));
        const e = Math.min(doc.chars, Math.max(s + 1, start + length + randomInt(rng, -10, 10)));
        spans.push({ annotator: 'budi', documentPath: doc.path, tag, start: s, end: e });
      } else if (r < 0.8) {
        spans.push({
          annotator: 'budi',
          documentPath: doc.path,
          tag: pick(
            rng,
            TAGS.filter((t) => t !== tag),
          ),
          start,
          end: start + length,
        });
      } else {
        const l = randomInt(rng, 5, 120);
        const s = randomInt(rng, 0, doc.chars - l);
        spans.push({ annotator: 'budi', documentPath: doc.path, tag: pick(rng, TAGS), start: s, end: s + l });
      }
    }
  }
  return { documents: docs, spans };
}
