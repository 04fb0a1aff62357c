import { unzipSync } from 'fflate';
import { matchQuote } from '../text/match-quote';
import { normalizeText } from '../text/text-normalize';
import { codePointIndex } from '../text/text-quote';
import { readCodes, type QdaCode } from './qda-codes';
import {
  QDA_GUID,
  QdaError,
  attr,
  child,
  children,
  normalGuid,
  parseXml,
  childText,
  type XmlNode,
} from './qda-xml';
import { errorMessage } from '../validation/error-message';

/*
 * Reading a `.qdpx` into a neutral model, all checked. Refused whole (a
 * QdaError listing each problem with where it is): not a zip, no `.qde`,
 * XML that is not well-formed, no `Project`, a source whose text is not in
 * the file, a selection beyond its text or with positions that are not
 * numbers, a `CodeRef` to no code. Adapted and reported (real tools write
 * these): the project file named after the project (`Trial.qde`),
 * `Sources/` in another case, zero-length selections (skipped), codes
 * without a colour, positions that count the CR of CRLF line ends, source
 * kinds other than text (skipped), text sources given only as a DOCX
 * (`richTextPath`, read by the DOCX extractor that `readQdpxWithRichText`
 * is given).
 */

export interface QdaSelection {
  guid: string;
  /** Code points of the normalized text, end exclusive. */
  start: number;
  end: number;
  /** Code GUIDs, each with the user who coded it. */
  codings: { code: string; user: string | undefined; createdAt: string | undefined }[];
  user: string | undefined;
  createdAt: string | undefined;
  modifiedAt: string | undefined;
  notes: string[];
  /** Placed by its name (the quote) rather than its positions. */
  reanchored: boolean;
  where: string;
}

export interface QdaSource {
  guid: string;
  name: string;
  description: string;
  /** Normalized (BOM off, LF line ends, NFC), as Tanda stores every text. */
  text: string;
  selections: QdaSelection[];
  /** Variable name → text value. */
  variables: Map<string, string>;
  where: string;
}

export interface QdaProject {
  name: string;
  users: Map<string, string>;
  codes: QdaCode[];
  sources: QdaSource[];
  /** What was adapted, one line each, for the preview. */
  adaptations: string[];
}

/** A project larger than this, unpacked, is refused before it is unpacked. */
export const MAX_QDPX_BYTES = 512 * 1024 * 1024;

export function readQdpx(bytes: Uint8Array, options: ReadQdpxOptions = {}): QdaProject {
  const { files, qdeName, adaptations } = unzipQdpx(bytes);
  return readProjectXml(decodeUtf8(files[qdeName]!, qdeName), qdeName, files, adaptations, options);
}

export interface ReadQdpxOptions {
  /**
   * Canonical texts of the sources given only as rich text (`richTextPath`,
   * a DOCX in the zip), by zip entry name, or why one could not be read.
   * `readQdpxWithRichText` fills it; without an entry such a source is refused.
   */
  richTexts?: ReadonlyMap<string, { text: string } | { problem: string }>;
}

/**
 * `readQdpx` for projects whose sources may be DOCX only: each such file is
 * handed to `extract` (the corpus's DOCX extractor, which needs Node: main
 * in the app, directly in the CLI) before the project is read, so its text
 * is exactly the one a `.docx` in the corpus would have.
 */
export async function readQdpxWithRichText(
  bytes: Uint8Array,
  extract: (name: string, bytes: Uint8Array) => Promise<string>,
): Promise<QdaProject> {
  const { files, qdeName, adaptations } = unzipQdpx(bytes);
  const xml = decodeUtf8(files[qdeName]!, qdeName);
  const richTexts = new Map<string, { text: string } | { problem: string }>();
  for (const entry of richTextEntries(parseXml(xml, qdeName), files)) {
    try {
      richTexts.set(entry, { text: await extract(entry, files[entry]!) });
    } catch (error) {
      richTexts.set(entry, { problem: errorMessage(error) });
    }
  }
  return readProjectXml(xml, qdeName, files, adaptations, { richTexts });
}

function unzipQdpx(bytes: Uint8Array): {
  files: Record<string, Uint8Array>;
  qdeName: string;
  adaptations: string[];
} {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_QDPX_BYTES)
          throw new QdaError(`the project unpacks to more than ${MAX_QDPX_BYTES} bytes`);
        return !f.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof QdaError) throw error;
    throw new QdaError(`not a REFI-QDA project: the file is not a zip archive (${errorMessage(error)})`);
  }
  const adaptations: string[] = [];
  const qde = Object.keys(files).filter((n) => !n.includes('/') && n.toLowerCase().endsWith('.qde'));
  if (qde.length === 0)
    throw new QdaError('not a REFI-QDA project: the zip holds no .qde file at its top level');
  if (qde.length > 1)
    throw new QdaError(`the zip holds ${qde.length} .qde files (${qde.join(', ')}); expected one`);
  const qdeName = qde[0]!;
  if (qdeName !== 'project.qde') adaptations.push(`the project file is named ${qdeName}, not project.qde`);
  return { files, qdeName, adaptations };
}

/** The zip entries of the text sources that have only a rich-text (DOCX) version. */
function richTextEntries(root: XmlNode, files: Record<string, Uint8Array>): string[] {
  const sources = children(child(child(root, 'Project'), 'Sources'), 'TextSource');
  const entries = new Set<string>();
  for (const s of sources) {
    if (s['PlainTextContent'] !== undefined || attr(s, 'plainTextPath') !== undefined) continue;
    const path = attr(s, 'richTextPath');
    const entry = path === undefined ? undefined : internalEntry(path, files);
    if (entry !== undefined && /\.docx$/i.test(entry)) entries.add(entry);
  }
  return [...entries];
}

/** The zip entry an `internal://` path names (in `sources/`, of any case), if the zip has it. */
function internalEntry(path: string, files: Record<string, Uint8Array>): string | undefined {
  const m = /^internal:\/\/(.+)$/i.exec(path);
  if (!m) return undefined;
  const wanted = `sources/${m[1]}`;
  if (files[wanted]) return wanted;
  const lower = wanted.toLowerCase();
  return Object.keys(files).find((n) => n.toLowerCase() === lower);
}

/** The project XML, with the zip's other files for `internal://` sources. */
export function readProjectXml(
  xml: string,
  fileName: string,
  files: Record<string, Uint8Array>,
  adaptations: string[] = [],
  options: ReadQdpxOptions = {},
): QdaProject {
  const root = parseXml(xml, fileName);
  const project = child(root, 'Project');
  if (!project) throw new QdaError(`${fileName}: the root element is not Project`);
  const problems: string[] = [];

  const users = new Map<string, string>();
  children(child(project, 'Users'), 'User').forEach((u, i) => {
    const guid = attr(u, 'guid');
    if (guid === undefined || !QDA_GUID.test(guid))
      problems.push(`Users/User[${i + 1}]: guid is missing or not a GUID`);
    else
      users.set(
        normalGuid(guid),
        (attr(u, 'name') ?? '').trim() || (attr(u, 'id') ?? '').trim() || normalGuid(guid),
      );
  });

  const codeResult = readCodes(child(child(project, 'CodeBook'), 'Codes'), 'CodeBook/Codes');
  problems.push(...codeResult.problems);
  if (codeResult.missingColours > 0)
    adaptations.push(`${codeResult.missingColours} code(s) without a colour got one from Tanda's palette`);
  const codeGuids = new Set<string>();
  const collect = (codes: readonly QdaCode[]): void => {
    for (const c of codes) {
      codeGuids.add(c.guid);
      collect(c.children);
    }
  };
  collect(codeResult.codes);

  const notes = new Map<string, string>();
  for (const n of children(child(project, 'Notes'), 'Note')) {
    const guid = attr(n, 'guid');
    if (guid) notes.set(normalGuid(guid), childText(n, 'PlainTextContent'));
  }
  const variableNames = new Map<string, string>();
  for (const v of children(child(project, 'Variables'), 'Variable')) {
    const guid = attr(v, 'guid');
    if (guid) variableNames.set(normalGuid(guid), attr(v, 'name') ?? guid);
  }

  const byLowerName = new Map(Object.keys(files).map((n) => [n.toLowerCase(), n]));
  let otherCase = false;
  let zeroLength = 0;
  let crlf = 0;
  let reanchored = 0;
  let fromRichText = 0;
  const sourcesNode = child(project, 'Sources');
  const skippedKinds = ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'].reduce(
    (n, kind) => n + children(sourcesNode, kind).length,
    0,
  );
  if (skippedKinds > 0)
    adaptations.push(`${skippedKinds} source(s) that are not text (PDF, picture, audio, video) skipped`);

  const sources: QdaSource[] = [];
  children(sourcesNode, 'TextSource').forEach((s, i) => {
    const where = `Sources/TextSource[${i + 1}]`;
    const guid = attr(s, 'guid');
    if (guid === undefined || !QDA_GUID.test(guid)) {
      problems.push(`${where}: guid is missing or not a GUID`);
      return;
    }
    const name = (attr(s, 'name') ?? '').trim() || normalGuid(guid);
    const raw = sourceText(s, where);
    if (raw === null) return;
    const rawText = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const text = normalizeText(rawText);
    const rawLength = [...rawText].length;
    const index = codePointIndex(text);
    // Positions counted on the raw text (with the CR of each CRLF) map onto
    // the normalized text by dropping the CRs before them.
    const crBefore = rawText.includes('\r') ? crPrefixCounts(rawText) : null;
    const selections: QdaSelection[] = [];
    children(s, 'PlainTextSelection').forEach((sel, j) => {
      const at = `${where}/PlainTextSelection[${j + 1}]`;
      const sguid = attr(sel, 'guid');
      const start = integer(attr(sel, 'startPosition'));
      const end = integer(attr(sel, 'endPosition'));
      if (sguid === undefined || !QDA_GUID.test(sguid)) problems.push(`${at}: guid is missing or not a GUID`);
      if (start === null || end === null) {
        problems.push(`${at}: startPosition and endPosition must be whole numbers ≥ 0`);
        return;
      }
      if (end < start) {
        problems.push(`${at}: endPosition ${end} is before startPosition ${start}`);
        return;
      }
      if (end > rawLength) {
        problems.push(`${at}: endPosition ${end} is beyond the end of its text (${rawLength} characters)`);
        return;
      }
      const codings = children(sel, 'Coding').map((c, k) => {
        const ref = attr(child(c, 'CodeRef'), 'targetGUID');
        if (ref === undefined || !codeGuids.has(normalGuid(ref)))
          problems.push(
            `${at}/Coding[${k + 1}]: CodeRef ${ref === undefined ? '(missing)' : ref} names no code of the project`,
          );
        const user = attr(c, 'creatingUser');
        return {
          code: normalGuid(ref ?? ''),
          user: user === undefined ? undefined : normalGuid(user),
          createdAt: attr(c, 'creationDateTime'),
        };
      });
      if (start === end) {
        zeroLength++;
        return;
      }
      let span = { start, end };
      if (crBefore) {
        const mapped = { start: start - crBefore[start]!, end: end - crBefore[end]! };
        if (mapped.start !== start || mapped.end !== end) {
          // Some tools count positions in the text with its CRs, others without: the name (the quote) decides.
          const quote = attr(sel, 'name');
          const slice = (p: { start: number; end: number }) =>
            index.text.slice(index.toUtf16(p.start), index.toUtf16(p.end));
          if (
            quote === undefined ||
            slice(mapped) === normalizeText(quote) ||
            slice(span) !== normalizeText(quote)
          ) {
            span = mapped;
            crlf++;
          }
        }
      }
      let placedByName = false;
      const name = attr(sel, 'name');
      if (name !== undefined && name !== '') {
        const quote = normalizeText(name);
        const here = index.text.slice(index.toUtf16(span.start), index.toUtf16(span.end));
        if (here !== quote && quote.trim() !== '') {
          const found = matchQuote(index.text, quote, {
            prefix: '',
            suffix: '',
            hint: index.toUtf16(span.start),
          });
          if (found && found.errors === 0) {
            span = { start: index.toCodePoint(found.start), end: index.toCodePoint(found.end) };
            placedByName = true;
            reanchored++;
          }
        }
      }
      span = { start: Math.min(span.start, index.length), end: Math.min(span.end, index.length) };
      if (span.end <= span.start) {
        zeroLength++;
        return;
      }
      selections.push({
        guid: normalGuid(sguid ?? ''),
        ...span,
        codings,
        user: attr(sel, 'creatingUser') === undefined ? undefined : normalGuid(attr(sel, 'creatingUser')!),
        createdAt: attr(sel, 'creationDateTime'),
        modifiedAt: attr(sel, 'modifiedDateTime'),
        notes: [
          ...children(sel, 'NoteRef')
            .map((r) => notes.get(normalGuid(attr(r, 'targetGUID') ?? '')))
            .filter((n): n is string => n !== undefined && n !== ''),
          ...(childText(sel, 'Description') ? [childText(sel, 'Description')] : []),
        ],
        reanchored: placedByName,
        where: at,
      });
    });
    const variables = new Map<string, string>();
    for (const v of children(s, 'VariableValue')) {
      const ref = attr(child(v, 'VariableRef'), 'targetGUID');
      const variable = ref === undefined ? undefined : variableNames.get(normalGuid(ref));
      if (variable !== undefined) variables.set(variable, childText(v, 'TextValue'));
    }
    sources.push({
      guid: normalGuid(guid),
      name,
      description: childText(s, 'Description'),
      text,
      selections,
      variables,
      where,
    });
  });

  function sourceText(s: XmlNode, where: string): string | null {
    if (s['PlainTextContent'] !== undefined) return childText(s, 'PlainTextContent');
    const path = attr(s, 'plainTextPath');
    if (path === undefined) {
      const rich = attr(s, 'richTextPath');
      if (rich !== undefined) return richText(rich, where);
      problems.push(`${where}: no text (neither plainTextPath, PlainTextContent nor richTextPath)`);
      return null;
    }
    const m = /^internal:\/\/(.+)$/i.exec(path);
    if (!m) {
      problems.push(
        `${where}: plainTextPath ${path} is outside the project; only internal:// sources can be read`,
      );
      return null;
    }
    const wanted = `sources/${m[1]}`;
    const found = files[wanted] ? wanted : byLowerName.get(wanted.toLowerCase());
    if (found === undefined) {
      problems.push(`${where}: ${path} is not in the zip (expected ${wanted})`);
      return null;
    }
    if (found !== wanted) otherCase = true;
    return decodeUtf8(files[found]!, found, problems);
  }

  // Positions then count in the DOCX extractor's text; where they disagree with the quote, the quote places them.
  function richText(path: string, where: string): string | null {
    if (!/^internal:\/\//i.test(path)) {
      problems.push(
        `${where}: richTextPath ${path} is outside the project; only internal:// sources can be read`,
      );
      return null;
    }
    const entry = internalEntry(path, files);
    if (entry === undefined) {
      problems.push(`${where}: ${path} is not in the zip (expected sources/${path.slice(11)})`);
      return null;
    }
    if (!/\.docx$/i.test(entry)) {
      problems.push(`${where}: richTextPath ${path} is not a .docx; Tanda reads rich text as DOCX only`);
      return null;
    }
    const read = options.richTexts?.get(entry);
    if (read === undefined) {
      problems.push(`${where}: only a rich-text (DOCX) version, and no DOCX reader was given to read it`);
      return null;
    }
    if ('problem' in read) {
      problems.push(`${where}: ${entry} could not be read as DOCX (${read.problem})`);
      return null;
    }
    if (entry !== `sources/${path.slice(11)}`) otherCase = true;
    fromRichText++;
    return read.text;
  }

  if (problems.length > 0) {
    const shown = problems.slice(0, 8).join('; ');
    const more = problems.length > 8 ? ` (and ${problems.length - 8} more)` : '';
    throw new QdaError(`invalid REFI-QDA project: ${shown}${more}`, problems);
  }
  if (fromRichText > 0)
    adaptations.push(`${fromRichText} source(s) given only as DOCX read through the DOCX extractor`);
  if (otherCase) adaptations.push('the sources folder is not named sources/ in lower case');
  if (zeroLength > 0) adaptations.push(`${zeroLength} zero-length selection(s) skipped`);
  if (crlf > 0) adaptations.push(`${crlf} selection(s) counted the CR of CRLF line ends in their positions`);
  if (reanchored > 0)
    adaptations.push(`${reanchored} selection(s) placed by their quote where the positions disagreed`);
  return {
    name: (attr(project, 'name') ?? '').trim() || 'project',
    users,
    codes: codeResult.codes,
    sources,
    adaptations,
  };
}

type Utf8Decoder = new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

function decodeUtf8(bytes: Uint8Array, name: string, problems?: string[]): string {
  // TextDecoder exists in browsers and Node but not in the ES library this folder is typed with.
  const Decoder = (globalThis as unknown as { TextDecoder: Utf8Decoder }).TextDecoder;
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const message = `${name}: not valid UTF-8`;
    if (problems) {
      problems.push(message);
      return '';
    }
    throw new QdaError(message);
  }
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/** For each code point offset of `raw`, how many CRs directly followed by LF come before it. */
function crPrefixCounts(raw: string): Int32Array {
  const cps = [...raw];
  const out = new Int32Array(cps.length + 1);
  let n = 0;
  for (let i = 0; i < cps.length; i++) {
    out[i] = n;
    if (cps[i] === '\r' && cps[i + 1] === '\n') n++;
  }
  out[cps.length] = n;
  return out;
}
