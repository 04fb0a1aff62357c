import { useState } from 'react';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { bundleToJson } from '../../../shared/exchange/bundle';
import {
  exportAnnotationsCsv,
  exportTagMatrixCsv,
  filterAnnotations,
  type AnnotationScope,
} from '../../../shared/exchange/csv-export';
import { toWebAnnotations } from '../../../shared/exchange/web-annotation';
import { corpusLibrary } from '../analysis/corpus-data';
import { articleLang } from '../annotate/article-lang';
import { DialogFooter, ModalDialog } from '../ui/ModalDialog';
import { formatCount } from '../ui/format';
import { allAnnotations } from '../db/annotation-repo';
import { exportBundle } from '../db/bundle-io';
import { useAnnotatorNames } from '../db/live-queries';
import { db } from '../db/db';
import { errorMessage } from '../../../shared/validation/error-message';
import { deliverBytes, deliverFile, exportFileName } from './deliver-file';
import { exportQdc } from '../../../shared/exchange/qdc';
import { exportQdpx, type QdpxDocument } from '../../../shared/exchange/qdpx-export';
import { api } from '../api/tanda-api';
import { statusesOf } from '../db/qda-io';
import { localLabel } from '../i18n/codebook-text';

type Scope = 'document' | 'corpus' | 'filter';

interface Props {
  corpusName: string;
  documents: readonly DocumentMeta[];
  currentDocument: string | null;
  codebook: Codebook;
  annotator: string;
  onClose(): void;
}

/** CSV (annotations or the document × tag matrix), JSON bundle and W3C Web Annotation exports. */
export function ExportDialog(props: Props): React.JSX.Element {
  const annotators = useAnnotatorNames() ?? [];
  const [scope, setScope] = useState<Scope>(props.currentDocument ? 'document' : 'corpus');
  const [chosenAnnotators, setChosenAnnotators] = useState<ReadonlySet<string> | null>(null);
  const [tags, setTags] = useState<ReadonlySet<string>>(new Set(props.codebook.tags.map((t) => t.id)));
  const [docs, setDocs] = useState<ReadonlySet<string>>(
    new Set(props.currentDocument ? [props.currentDocument] : []),
  );
  const [bom, setBom] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectedAnnotators = chosenAnnotators ?? new Set(annotators);
  const titles = new Map(props.documents.map((d) => [d.path, { title: d.title }]));

  const scopeFilter = (): AnnotationScope => ({
    annotators: selectedAnnotators,
    ...(scope === 'document' && props.currentDocument ? { documents: [props.currentDocument] } : {}),
    ...(scope === 'filter' ? { tags, documents: docs } : {}),
  });

  const run = (label: string, work: () => Promise<string | null>) => async () => {
    setError(null);
    setBusy(label);
    setStatus(`${label}…`);
    // Let the busy state paint before a long synchronous export starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      setStatus((await work()) ?? 'Cancelled.');
    } catch (e) {
      setError(`${label} failed: ${errorMessage(e)}`);
      setStatus('');
    } finally {
      setBusy(null);
    }
  };

  const chosen = async () => filterAnnotations(await allAnnotations(db), scopeFilter());

  const exportCsv = run('Exporting annotations', async () => {
    const annotations = await chosen();
    const csv = exportAnnotationsCsv({ annotations, documents: titles, codebook: props.codebook, bom });
    const done = await deliverFile(exportFileName(props.corpusName, 'annotations', 'csv'), csv, 'csv');
    return done && `${done}: ${formatCount(annotations.length)} annotations.`;
  });
  const exportMatrix = run('Exporting the document × tag matrix', async () => {
    const annotations = await chosen();
    const inScope = documentsInScope(annotations);
    const csv = exportTagMatrixCsv({ annotations, documents: inScope, codebook: props.codebook, bom });
    const done = await deliverFile(
      exportFileName(props.corpusName, 'document-tag-matrix', 'csv'),
      csv,
      'csv',
    );
    return done && `${done}: ${formatCount(inScope.length)} documents.`;
  });
  const exportJsonBundle = run('Exporting the bundle', async () => {
    const bundle = await exportBundle(db, {
      annotators: [...selectedAnnotators],
      documents: props.documents
        .filter((d) => d.status === 'ok')
        .map((d) => ({ path: d.path, title: d.title, sha256: d.sha256 })),
      now: new Date(),
    });
    const done = await deliverFile(
      exportFileName(props.corpusName, 'bundle', 'json'),
      bundleToJson(bundle),
      'json',
    );
    return done && `${done}: ${formatCount(bundle.annotations.length)} annotations.`;
  });
  const exportW3c = run('Exporting W3C Web Annotations', async () => {
    const annotations = await chosen();
    // The language detected in the text (BCP 47), so a reader of the export knows what the quotes are in.
    const documents = new Map(
      props.documents.map((d) => [
        d.path,
        {
          title: d.title,
          sha256: d.sha256,
          language: articleLang(corpusLibrary.metadata(d.path)?.language) ?? null,
        },
      ]),
    );
    const collection = toWebAnnotations({
      annotations,
      documents,
      codebook: props.codebook,
      corpusName: props.corpusName,
    });
    const done = await deliverFile(
      exportFileName(props.corpusName, 'web-annotations', 'jsonld'),
      JSON.stringify(collection, null, 2),
      'json',
    );
    return done && `${done}: ${formatCount(annotations.length)} annotations.`;
  });

  /** The ok documents of the scope (the matrix's rows, the project's sources). */
  const documentsInScope = (annotations: readonly { documentPath: string }[]): DocumentMeta[] =>
    (scope === 'corpus'
      ? props.documents
      : props.documents.filter(
          (d) =>
            annotations.some((a) => a.documentPath === d.path) ||
            (scope === 'document' ? d.path === props.currentDocument : docs.has(d.path)),
        )
    ).filter((d) => d.status === 'ok');

  const exportProject = run('Exporting the REFI-QDA project', async () => {
    const annotations = await chosen();
    const metas = documentsInScope(annotations);
    const documents: QdpxDocument[] = [];
    // readDocuments answers a prefix of what it is asked: ask again from where it stopped.
    for (let at = 0; at < metas.length;) {
      const { documents: items } = await api.readDocuments({
        paths: metas.slice(at, at + 200).map((d) => d.path),
      });
      for (const item of items) {
        if (!item.ok) throw new Error(`${item.path}: ${item.error.message}`);
        documents.push({
          path: item.document.meta.path,
          title: item.document.meta.title,
          text: item.document.text,
        });
      }
      at += items.length;
    }
    const result = exportQdpx({
      projectName: props.corpusName,
      codebook: props.codebook,
      documents,
      annotations,
      statuses: await statusesOf(db, selectedAnnotators),
      now: new Date(),
    });
    const done = await deliverBytes(
      exportFileName(props.corpusName, 'project', 'qdpx'),
      result.bytes,
      'qdpx',
    );
    return (
      done &&
      `${done}: ${formatCount(documents.length)} documents, ${formatCount(result.selections)} annotations` +
        (result.skipped ? ` (${formatCount(result.skipped)} orphaned or stale left out)` : '') +
        '.'
    );
  });
  const exportCodebookQdc = run('Exporting the REFI-QDA codebook', async () => {
    const done = await deliverFile(
      exportFileName(props.corpusName, 'codebook', 'qdc'),
      exportQdc(props.codebook),
      'qdc',
    );
    return done && `${done}: ${formatCount(props.codebook.tags.length)} tags.`;
  });
  const exportXlsx = run('Exporting the Excel workbook', async () => {
    const annotations = await chosen();
    // exceljs is large: loaded only when a workbook is asked for.
    const { exportWorkbook } = await import('../../../shared/exchange/xlsx-export');
    const bytes = await exportWorkbook({
      annotations,
      documents: titles,
      codebook: props.codebook,
      matrixDocuments: documentsInScope(annotations),
    });
    const done = await deliverBytes(exportFileName(props.corpusName, 'annotations', 'xlsx'), bytes, 'xlsx');
    return done && `${done}: ${formatCount(annotations.length)} annotations.`;
  });

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  return (
    <ModalDialog title="Export" onClose={props.onClose} className="wide">
      <form onSubmit={(e) => e.preventDefault()} aria-busy={busy !== null}>
        <fieldset className="field-group">
          <legend>Which annotations</legend>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'document'}
              disabled={!props.currentDocument}
              onChange={() => setScope('document')}
            />
            Current document
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'corpus'}
              onChange={() => setScope('corpus')}
            />
            Whole corpus
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'filter'}
              onChange={() => setScope('filter')}
            />
            A selection of tags and documents
          </label>
          {scope === 'filter' && (
            <div className="filter-columns">
              <fieldset>
                <legend>Tags</legend>
                {props.codebook.tags.map((t) => (
                  <label key={t.id} className="check">
                    <input
                      type="checkbox"
                      checked={tags.has(t.id)}
                      onChange={(e) => setTags(toggle(tags, t.id, e.target.checked))}
                    />
                    {localLabel(t)}
                  </label>
                ))}
              </fieldset>
              <fieldset className="doc-choices">
                <legend>Documents</legend>
                {props.documents
                  .filter((d) => d.status === 'ok')
                  .map((d) => (
                    <label key={d.path} className="check" title={d.title}>
                      <input
                        type="checkbox"
                        checked={docs.has(d.path)}
                        onChange={(e) => setDocs(toggle(docs, d.path, e.target.checked))}
                      />
                      {d.path}
                    </label>
                  ))}
              </fieldset>
            </div>
          )}
        </fieldset>
        <fieldset className="field-group">
          <legend>Annotators</legend>
          {annotators.length === 0 && <p className="hint">No annotations yet.</p>}
          {annotators.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={selectedAnnotators.has(name)}
                onChange={(e) => setChosenAnnotators(toggle(selectedAnnotators, name, e.target.checked))}
              />
              {name}
              {name === props.annotator ? ' (you)' : ''}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
          Start CSV files with a byte order mark (Excel then reads UTF-8 correctly)
        </label>
        <div className="form-actions wrap">
          <button type="button" className="primary" disabled={busy !== null} onClick={exportCsv}>
            Export annotations (CSV)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportMatrix}>
            Export document × tag matrix (CSV)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportJsonBundle}>
            Export bundle (JSON)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportW3c}>
            Export W3C Web Annotations (JSON-LD)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportXlsx}>
            Export Excel workbook (XLSX)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportProject}>
            Export REFI-QDA project (QDPX)
          </button>
          <button type="button" disabled={busy !== null} onClick={exportCodebookQdc}>
            Export REFI-QDA codebook (QDC)
          </button>
        </div>
        {busy && <progress aria-label={busy} />}
        <DialogFooter status={status} error={error} onClose={props.onClose} />
      </form>
    </ModalDialog>
  );
}
