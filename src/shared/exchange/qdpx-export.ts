import { strToU8, zipSync } from 'fflate';
import type { Annotation } from '../annotation/annotation-types';
import type { Codebook } from '../codebook/codebook';
import { codePointIndex } from '../text/text-quote';
import { compareStrings } from './record-order';
import { annotationCodeGuids, codebookToCodes, codesXml, freeTextAttributes } from './qda-codes';
import { ATTR, QDA_PROJECT_NAMESPACE, buildXml, qdaGuid, type XmlNode } from './qda-xml';

/*
 * A REFI-QDA project (`.qdpx`, QDA-XML 1.0) of Tanda's work, for MAXQDA,
 * NVivo, ATLAS.ti, QualCoder and other QDA tools. Pure: the caller gives
 * the texts and the annotations in scope; the result is the zip's bytes.
 *
 * The zip holds exactly `project.qde` and one `sources/<guid>.txt` per
 * document (its normalized text, UTF-8). Each document is a `TextSource`
 * named by its corpus path; each annotation a `PlainTextSelection` (its id
 * is the selection's GUID; positions in code points, end exclusive, as
 * Tanda stores them) with one `Coding` per code (its tag, its attribute
 * values, see `qda-codes.ts`) and its note as a linked `Note`. Annotators
 * are `Users`; each annotator's document status is the Text variable
 * `Tanda status (<annotator>)`.
 */

export interface QdpxDocument {
  path: string;
  title: string;
  /** The normalized text (what offsets count). */
  text: string;
}

export interface QdpxStatus {
  annotator: string;
  documentPath: string;
  status: string;
  updatedAt: string;
}

export interface QdpxExportInput {
  projectName: string;
  codebook: Codebook;
  /** The documents in scope, with their texts; annotations on any other document are left out and counted. */
  documents: readonly QdpxDocument[];
  annotations: readonly Annotation[];
  statuses?: readonly QdpxStatus[];
  now: Date;
  appVersion?: string;
}

export interface QdpxProject {
  /** `project.qde`. */
  xml: string;
  /** `sources/<guid>.txt` → text. */
  sources: Map<string, string>;
  /** Annotations written. */
  selections: number;
  /** Annotations left out: orphaned, or not where their quote is in the text given, or on a document not given. */
  skipped: number;
}

export const QDPX_PROJECT_FILE = 'project.qde';
export const QDPX_SOURCES_FOLDER = 'sources';

export function statusVariableName(annotator: string): string {
  return `Tanda status (${annotator})`;
}

/** The project's XML and source files (the zip's contents before zipping). */
export function buildQdpxProject(input: QdpxExportInput): QdpxProject {
  const now = input.now.toISOString();
  const docs = [...input.documents].sort((a, b) => compareStrings(a.path, b.path));
  const byDocument = new Map<string, Annotation[]>();
  let skipped = 0;
  const texts = new Map(docs.map((d) => [d.path, codePointIndex(d.text)]));
  for (const a of input.annotations) {
    const index = texts.get(a.documentPath);
    // A selection must point at its quote: orphans and stale offsets would mislead the other tool.
    if (
      !index ||
      a.orphaned ||
      a.end > index.length ||
      index.text.slice(index.toUtf16(a.start), index.toUtf16(a.end)) !== a.quote
    ) {
      skipped++;
      continue;
    }
    let list = byDocument.get(a.documentPath);
    if (!list) byDocument.set(a.documentPath, (list = []));
    list.push(a);
  }
  const written = [...byDocument.values()].flat();
  const statuses = (input.statuses ?? []).filter((s) => texts.has(s.documentPath));

  const userNames = new Set([...written.map((a) => a.annotator), ...statuses.map((s) => s.annotator)]);
  const users = [...userNames].sort(compareStrings).map((name) => ({
    [`${ATTR}guid`]: userGuid(name),
    [`${ATTR}name`]: name,
  }));
  const statusAnnotators = [...new Set(statuses.map((s) => s.annotator))].sort(compareStrings);
  const variables = statusAnnotators.map((name) => ({
    [`${ATTR}guid`]: qdaGuid('variable', `status:${name}`),
    [`${ATTR}name`]: statusVariableName(name),
    [`${ATTR}typeOfVariable`]: 'Text',
    Description: `Tanda document status of ${name}: not_started, in_progress or done`,
  }));

  const freeText = freeTextAttributes(input.codebook);
  const notes: XmlNode[] = [];
  const sources = new Map<string, string>();
  const textSources = docs.map((d) => {
    const guid = qdaGuid('source', d.path);
    sources.set(`${QDPX_SOURCES_FOLDER}/${guid}.txt`, d.text);
    const selections = (byDocument.get(d.path) ?? [])
      .sort((a, b) => a.start - b.start || a.end - b.end || compareStrings(a.id, b.id))
      .map((a) => {
        const noteGuid = qdaGuid('note', a.id);
        if (a.note !== '') {
          notes.push({
            [`${ATTR}guid`]: noteGuid,
            [`${ATTR}name`]: `Note on “${clip(a.quote)}”`,
            [`${ATTR}creatingUser`]: userGuid(a.annotator),
            [`${ATTR}creationDateTime`]: a.updatedAt,
            PlainTextContent: a.note,
          });
        }
        return {
          [`${ATTR}guid`]: a.id,
          [`${ATTR}name`]: a.quote,
          [`${ATTR}startPosition`]: String(a.start),
          [`${ATTR}endPosition`]: String(a.end),
          [`${ATTR}creatingUser`]: userGuid(a.annotator),
          [`${ATTR}creationDateTime`]: a.createdAt,
          [`${ATTR}modifyingUser`]: userGuid(a.annotator),
          [`${ATTR}modifiedDateTime`]: a.updatedAt,
          Coding: annotationCodeGuids(a, freeText).map((code) => ({
            [`${ATTR}guid`]: qdaGuid('coding', `${a.id}/${code}`),
            [`${ATTR}creatingUser`]: userGuid(a.annotator),
            [`${ATTR}creationDateTime`]: a.createdAt,
            CodeRef: { [`${ATTR}targetGUID`]: code },
          })),
          ...(a.note !== '' ? { NoteRef: [{ [`${ATTR}targetGUID`]: noteGuid }] } : {}),
        };
      });
    const values = statuses
      .filter((s) => s.documentPath === d.path)
      .sort((a, b) => compareStrings(a.annotator, b.annotator))
      .map((s) => ({
        VariableRef: { [`${ATTR}targetGUID`]: qdaGuid('variable', `status:${s.annotator}`) },
        TextValue: s.status,
      }));
    return {
      [`${ATTR}guid`]: guid,
      [`${ATTR}name`]: d.path,
      [`${ATTR}plainTextPath`]: `internal://${guid}.txt`,
      [`${ATTR}creationDateTime`]: now,
      ...(d.title ? { Description: d.title } : {}),
      ...(selections.length ? { PlainTextSelection: selections } : {}),
      ...(values.length ? { VariableValue: values } : {}),
    };
  });

  const { codes } = codebookToCodes(input.codebook, written);
  const project: XmlNode = {
    Project: {
      [`${ATTR}xmlns`]: QDA_PROJECT_NAMESPACE,
      [`${ATTR}name`]: input.projectName,
      [`${ATTR}origin`]: `Tanda${input.appVersion ? ` ${input.appVersion}` : ''}`,
      [`${ATTR}creationDateTime`]: now,
      ...(users.length ? { Users: { User: users } } : {}),
      CodeBook: { Codes: codesXml(codes) },
      ...(variables.length ? { Variables: { Variable: variables } } : {}),
      ...(textSources.length ? { Sources: { TextSource: textSources } } : {}),
      ...(notes.length ? { Notes: { Note: notes } } : {}),
    },
  };
  return { xml: buildXml(project), sources, selections: written.length, skipped };
}

/** The `.qdpx` file: the project zipped (deflate), entries dated `now` so two exports of the same data are identical. */
export function exportQdpx(input: QdpxExportInput): {
  bytes: Uint8Array;
  selections: number;
  skipped: number;
} {
  const project = buildQdpxProject(input);
  const mtime = input.now;
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    [QDPX_PROJECT_FILE]: [strToU8(project.xml), { mtime }],
  };
  for (const [name, text] of project.sources) files[name] = [strToU8(text), { mtime }];
  return { bytes: zipSync(files, { level: 6 }), selections: project.selections, skipped: project.skipped };
}

export function userGuid(name: string): string {
  return qdaGuid('user', name);
}

function clip(quote: string): string {
  const chars = [...quote];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : quote;
}
