import { AnnotationSchema, type Annotation, type AttributeValues } from '../annotation/annotation-types';
import type { Codebook, Tag } from '../codebook/codebook';
import { describeSpan } from '../text/text-quote';
import { TANDA_UUID_NAMESPACE, uuidV5 } from './csv-format';
import { WorkStatusSchema } from './bundle-schema';
import { codesToTags, type CodeMeaning } from './qda-codes';
import type { QdaProject } from './qdpx-read';
import { compareStrings } from './record-order';

/*
 * A read project (`qdpx-read.ts`) → what importing it adds to Tanda, all
 * decided before anything is written: the text files to create in the
 * corpus, the tags to add to the codebook, the annotations and statuses.
 * A source whose text is already a corpus document (same SHA-256) is
 * linked to it instead of being written again, so a project Tanda exported
 * comes back onto the documents it came from.
 */

export interface QdpxImportContext {
  /** The corpus's documents (a corpus snapshot's `documents` will do). */
  documents: readonly { path: string; sha256: string | null }[];
  codebook: Codebook;
  /** Where new documents go, relative to the corpus folder, e.g. `imported/Trial`. */
  folder: string;
  /** Hex SHA-256 of a normalized text as UTF-8, as the corpus computes it. */
  sha256(text: string): Promise<string>;
  /** Annotation ids already stored: not added again (counted as duplicates). */
  existingIds?: ReadonlySet<string>;
  /** ISO timestamp for selections without dates. */
  now: string;
}

export interface QdpxNewFile {
  path: string;
  text: string;
  source: string;
}

export interface QdpxImportStatus {
  annotator: string;
  documentPath: string;
  status: 'not_started' | 'in_progress' | 'done';
  updatedAt: string;
}

export interface QdpxImportPlan {
  files: QdpxNewFile[];
  /** Sources that are already corpus documents. */
  linked: { source: string; path: string }[];
  /** The codebook with the new tags appended. */
  codebook: Codebook;
  addedTags: Tag[];
  annotations: Annotation[];
  statuses: QdpxImportStatus[];
  duplicates: number;
  preview: {
    project: string;
    sources: number;
    codes: number;
    users: string[];
    selections: number;
    adaptations: string[];
  };
}

/** Annotator of selections and codings that name no user of the project. */
export const UNKNOWN_QDA_USER = 'qda-import';
const STATUS_VARIABLE = /^Tanda status \((.+)\)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function planQdpxImport(project: QdaProject, ctx: QdpxImportContext): Promise<QdpxImportPlan> {
  const folder = safeFolder(ctx.folder);
  const taken = new Set(ctx.documents.map((d) => d.path.toLowerCase()));
  const bySha = new Map<string, string[]>();
  for (const d of ctx.documents) if (d.sha256) bySha.set(d.sha256, [...(bySha.get(d.sha256) ?? []), d.path]);

  const mapped = codesToTags(project.codes, ctx.codebook);
  const adaptations = [...project.adaptations];
  const files: QdpxNewFile[] = [];
  const linked: QdpxImportPlan['linked'] = [];
  const annotations: Annotation[] = [];
  const statuses: QdpxImportStatus[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let unknownUsers = 0;
  let selections = 0;
  let uncoded = 0;
  const userName = (guid: string | undefined): string => {
    const name = guid === undefined ? undefined : project.users.get(guid);
    if (name === undefined) unknownUsers++;
    return (name ?? UNKNOWN_QDA_USER).slice(0, 200);
  };

  for (const source of project.sources) {
    const sha = await ctx.sha256(source.text);
    const same = bySha.get(sha);
    let path: string;
    if (same) {
      path = same.includes(source.name) ? source.name : same[0]!;
      linked.push({ source: source.name, path });
    } else {
      path = uniquePath(`${folder}/${safeFileName(source.name)}`, taken);
      files.push({ path, text: source.text, source: source.name });
    }
    for (const sel of source.selections) {
      selections++;
      const groups = new Map<
        string,
        { annotator: string; tag: string; attributes: AttributeValues; createdAt?: string }
      >();
      for (const coding of sel.codings) {
        const meaning: CodeMeaning | undefined = mapped.meaning.get(coding.code);
        if (!meaning) continue;
        const annotator = userName(coding.user ?? sel.user);
        const key = `${annotator}\u001f${meaning.tag}`;
        let group = groups.get(key);
        if (!group)
          groups.set(
            key,
            (group = { annotator, tag: meaning.tag, attributes: {}, createdAt: coding.createdAt }),
          );
        if (meaning.kind === 'text') group.attributes[meaning.attribute] = meaning.text;
        else if (meaning.kind === 'value') addValue(group.attributes, meaning, mapped.codebook);
      }
      if (groups.size === 0) {
        uncoded++;
        continue;
      }
      const quote = describeSpan(source.text, sel.start, sel.end);
      for (const group of groups.values()) {
        const id =
          groups.size === 1 && UUID.test(sel.guid)
            ? sel.guid
            : uuidV5(TANDA_UUID_NAMESPACE, `qdpx:${sel.guid}\u001f${group.annotator}\u001f${group.tag}`);
        if (seen.has(id) || ctx.existingIds?.has(id)) {
          duplicates++;
          continue;
        }
        seen.add(id);
        const createdAt = isoOr(group.createdAt ?? sel.createdAt, ctx.now);
        const annotation = AnnotationSchema.parse({
          id,
          documentPath: path,
          contentSha256: sha,
          annotator: group.annotator,
          tag: group.tag,
          start: sel.start,
          end: sel.end,
          ...quote,
          attributes: group.attributes,
          note: sel.notes.join('\n\n'),
          createdAt,
          updatedAt: isoOr(sel.modifiedAt, createdAt),
        });
        annotations.push(annotation);
      }
    }
    for (const [variable, value] of source.variables) {
      const m = STATUS_VARIABLE.exec(variable);
      const status = WorkStatusSchema.safeParse(value.trim());
      if (m && status.success)
        statuses.push({
          annotator: m[1]!.slice(0, 200),
          documentPath: path,
          status: status.data,
          updatedAt: ctx.now,
        });
    }
  }
  if (unknownUsers > 0)
    adaptations.push(
      `${unknownUsers} coding(s) named no user of the project: imported as "${UNKNOWN_QDA_USER}"`,
    );
  if (uncoded > 0) adaptations.push(`${uncoded} selection(s) without a code skipped`);
  const users = [...new Set(annotations.map((a) => a.annotator))].sort(compareStrings);
  let codes = 0;
  const count = (list: QdaProject['codes']): void => {
    for (const c of list) {
      codes++;
      count(c.children);
    }
  };
  count(project.codes);
  return {
    files,
    linked,
    codebook: mapped.codebook,
    addedTags: mapped.added,
    annotations,
    statuses,
    duplicates,
    preview: {
      project: project.name,
      sources: project.sources.length,
      codes,
      users,
      selections,
      adaptations,
    },
  };
}

/** One line for the import dialog and the CLI. */
export function describeQdpxPlan(plan: QdpxImportPlan): string {
  const p = plan.preview;
  return (
    `${p.project}: ${p.sources} text source(s) (${plan.linked.length} already in the corpus, ${plan.files.length} new), ` +
    `${p.codes} code(s) (${plan.addedTags.length} new tag(s)), ${p.users.length} user(s) (${p.users.join(', ')}), ` +
    `${p.selections} selection(s) → ${plan.annotations.length} annotation(s)` +
    (plan.duplicates > 0 ? `, ${plan.duplicates} already here` : '')
  );
}

function addValue(
  attributes: AttributeValues,
  meaning: Extract<CodeMeaning, { kind: 'value' }>,
  codebook: Codebook,
): void {
  const attribute = codebook.tags
    .find((t) => t.id === meaning.tag)
    ?.attributes.find((a) => a.id === meaning.attribute);
  if (attribute?.kind === 'multiple') {
    const list = attributes[meaning.attribute];
    attributes[meaning.attribute] = [...(Array.isArray(list) ? list : []), meaning.value];
  } else attributes[meaning.attribute] = meaning.value;
}

function isoOr(value: string | undefined, fallback: string): string {
  const t = value === undefined ? NaN : Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : fallback;
}

/** The import folder, as a corpus-relative path of safe segments (`imported/Trial`). */
export function safeFolder(folder: string): string {
  const parts = folder
    .split(/[\\/]+/)
    .map(safeSegment)
    .filter((s) => s !== '');
  return parts.length ? parts.join('/') : 'imported';
}

/** A source's name as a file name that the corpus scan reads: safe characters, not hidden, `.txt` unless `.txt`/`.md`. */
export function safeFileName(name: string): string {
  const base =
    name
      .split(/[\\/]+/)
      .map(safeSegment)
      .filter((s) => s !== '')
      .join('/') || 'source';
  return /\.(txt|md)$/i.test(base) ? base : `${base}.txt`;
}

function safeSegment(segment: string): string {
  // Characters Windows refuses in file names, control characters, and % (the corpus refuses percent-encoded paths).
  const cleaned = segment
    .normalize('NFC')
    .replace(/[\p{Cc}<>:"|?*%]+/gu, '_')
    .trim();
  return cleaned.replace(/^\.+/, '').slice(0, 120);
}

/** `path`, or `name (2).txt`, … : never a path the corpus has or the import already planned (case-insensitively). */
function uniquePath(path: string, taken: Set<string>): string {
  const dot = path.lastIndexOf('.');
  let candidate = path;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${path.slice(0, dot)} (${n})${path.slice(dot)}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
