import { type Codebook, codebookToJson, validateCodebook } from '../../../shared/codebook/codebook';
import { CodebookError } from '../../../shared/codebook/codebook-error';
import { errorMessage } from '../../../shared/validation/error-message';
import { formatNumber } from '../../../shared/i18n/intl-format';
import { currentLanguage, i18n } from '../i18n/i18n';

/**
 * Import and export of the codebook as a JSON file: the pure part. The
 * editor reads the file and shows the summary; this module decides whether
 * the import may replace the current codebook.
 *
 * The rule it holds: an import may add, rename, reorder or retire anything,
 * but may not drop a tag that annotations use (nor, when the caller can say
 * which values are used, an attribute or value they chose). Such tags must
 * stay in the file, retired, so old annotations keep their meaning.
 *
 * Its own sentences are in the interface language (read when the check
 * runs); what `validateCodebook` says about the file stays English, as the
 * CLI prints it, inside the editor's translated "was not imported" lead.
 */

const CODEBOOK_FILE_NAME = 'codebook.json';
const CODEBOOK_MIME_TYPE = 'application/json';
/** A codebook is a few kilobytes; anything this large is the wrong file. */
export const MAX_CODEBOOK_BYTES = 2_000_000;

/** Annotation count per tag id. */
export type TagUsage = ReadonlyMap<string, number>;
/** Value ids (or free texts) that annotations of a tag chose for an attribute. */
export type UsedValues = (tagId: string, attributeId: string) => ReadonlySet<string>;

export interface ImportSummary {
  /** Tags in the imported codebook, active and retired. */
  tagCount: number;
  activeCount: number;
  /** Retired tags in the import: kept so their annotations stay readable. */
  retiredIds: string[];
  /** Tag ids the current codebook doesn't have. */
  addedIds: string[];
  /** Current tag ids the import leaves out; none of them has annotations. */
  removedIds: string[];
  /** The import is the current codebook, byte for byte once exported. */
  unchanged: boolean;
}

export type ImportCheck =
  { ok: true; codebook: Codebook; summary: ImportSummary } | { ok: false; message: string };

export function exportCodebook(codebook: Codebook): { fileName: string; mimeType: string; text: string } {
  return { fileName: CODEBOOK_FILE_NAME, mimeType: CODEBOOK_MIME_TYPE, text: codebookToJson(codebook) };
}

/** Decide whether `text` (an imported file) may replace `current`, given which tags annotations use. */
export function checkImport(
  current: Codebook,
  text: string,
  usage: TagUsage,
  usedValues?: UsedValues,
): ImportCheck {
  let incoming: Codebook;
  try {
    incoming = validateCodebook(parseJson(text));
  } catch (error) {
    if (error instanceof CodebookError) return { ok: false, message: error.message };
    throw error;
  }

  const problems = [
    ...droppedUsedTags(current, incoming, usage),
    ...droppedUsedValues(current, incoming, usedValues),
  ];
  if (problems.length > 0) return { ok: false, message: problems.join(' ') };

  const currentIds = new Set(current.tags.map((t) => t.id));
  const incomingIds = new Set(incoming.tags.map((t) => t.id));
  return {
    ok: true,
    codebook: incoming,
    summary: {
      tagCount: incoming.tags.length,
      activeCount: incoming.tags.filter((t) => !t.retired).length,
      retiredIds: incoming.tags.filter((t) => t.retired).map((t) => t.id),
      addedIds: incoming.tags.filter((t) => !currentIds.has(t.id)).map((t) => t.id),
      removedIds: current.tags.filter((t) => !incomingIds.has(t.id)).map((t) => t.id),
      unchanged: codebookToJson(incoming) === codebookToJson(current),
    },
  };
}

/** The confirmation text, one sentence per line. */
export function describeImport(summary: ImportSummary): string[] {
  const t = i18n.t;
  const lines = [
    t('codebook:importSummary.tags', {
      count: summary.tagCount,
      n: count(summary.tagCount),
      active: count(summary.activeCount),
      retired: count(summary.retiredIds.length),
    }),
  ];
  if (summary.unchanged) lines.push(t('codebook:importSummary.unchanged'));
  if (summary.retiredIds.length > 0) {
    lines.push(t('codebook:importSummary.retired', { ids: summary.retiredIds.join(', ') }));
  }
  if (summary.addedIds.length > 0)
    lines.push(t('codebook:importSummary.added', { ids: summary.addedIds.join(', ') }));
  if (summary.removedIds.length > 0) {
    lines.push(t('codebook:importSummary.removed', { ids: summary.removedIds.join(', ') }));
  }
  return lines;
}

// ---------------------------------------------------------------- rules

function droppedUsedTags(current: Codebook, incoming: Codebook, usage: TagUsage): string[] {
  const kept = new Set(incoming.tags.map((t) => t.id));
  const dropped = current.tags.filter((t) => !kept.has(t.id) && (usage.get(t.id) ?? 0) > 0);
  if (dropped.length === 0) return [];
  const list = dropped
    .map((tag) => {
      const used = usage.get(tag.id) ?? 0;
      return i18n.t('codebook:importProblem.tagUse', { id: tag.id, count: used, n: count(used) });
    })
    .join(', ');
  return [i18n.t('codebook:importProblem.droppedTags', { count: dropped.length, list })];
}

/** Only checkable when the caller says which values annotations chose. */
function droppedUsedValues(
  current: Codebook,
  incoming: Codebook,
  usedValues: UsedValues | undefined,
): string[] {
  if (!usedValues) return [];
  const problems: string[] = [];
  for (const tag of current.tags) {
    const next = incoming.tags.find((t) => t.id === tag.id);
    if (!next) continue; // a dropped tag is either unused or already refused above
    for (const attribute of tag.attributes) {
      const used = usedValues(tag.id, attribute.id);
      if (used.size === 0) continue;
      const where = i18n.t('codebook:importProblem.where', { attribute: attribute.id, tag: tag.id });
      const nextAttribute = next.attributes.find((a) => a.id === attribute.id);
      if (!nextAttribute) {
        problems.push(i18n.t('codebook:importProblem.droppedAttribute', { where }));
      } else if (nextAttribute.kind !== attribute.kind) {
        problems.push(
          i18n.t('codebook:importProblem.changedKind', {
            where,
            from: attribute.kind,
            to: nextAttribute.kind,
          }),
        );
      } else if (attribute.kind !== 'text') {
        const keptValues = new Set(nextAttribute.values.map((v) => v.id));
        const dropped = attribute.values
          .filter((v) => used.has(v.id) && !keptValues.has(v.id))
          .map((v) => `"${v.id}"`);
        if (dropped.length > 0) {
          problems.push(
            i18n.t('codebook:importProblem.droppedValues', {
              count: dropped.length,
              values: dropped.join(', '),
              where,
            }),
          );
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- JSON

/**
 * `JSON.parse` with an error that says where: V8 names the position for
 * some mistakes only ("Unexpected token '}', ... is not valid JSON" has none),
 * so a small scanner finds the offset, reported as line and column.
 */
function parseJson(text: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors on Windows add a BOM
  if (body.trim() === '') throw new CodebookError('codebook file is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    const offset = jsonErrorOffset(body);
    const where = offset === null ? '' : ` at ${lineAndColumn(body, offset)}`;
    throw new CodebookError(`codebook is not valid JSON${where}: ${errorMessage(error)}`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Offset of the first JSON syntax error in `text`, or null if there is none (or it nests too deep to scan). */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  function stop(): never {
    throw new SyntaxAt(i);
  }
  function space(): void {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  }
  function expect(char: string): void {
    space();
    if (text[i] !== char) stop();
    i++;
  }
  function string(): void {
    if (text[i] !== '"') stop();
    i++;
    for (;;) {
      if (i >= text.length) stop();
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
        else stop();
      } else if (c.charCodeAt(0) < 0x20) stop();
      else i++;
    }
  }
  function value(): void {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        string();
        expect(':');
        value();
        space();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) stop();
    i += match[0].length;
  }
  try {
    value();
    space();
    if (i < text.length) stop();
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    if (error instanceof RangeError) return null; // nested deeper than the stack
    throw error;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

function count(n: number): string {
  return formatNumber(n, currentLanguage());
}
