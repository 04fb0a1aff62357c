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
import { spanPagesOf } from './span-pages';
import { exportQdc } from '../../../shared/exchange/qdc';
import { exportQdpx, type QdpxDocument } from '../../../shared/exchange/qdpx-export';
import { api } from '../api/tanda-api';
import { statusesOf } from '../db/qda-io';
import { useUiLanguage } from '../i18n/i18n';
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
  const { t } = useUiLanguage('exchange');
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
    setStatus(t('export.busy', { label }));
    // Let the busy state paint before a long synchronous export starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      setStatus((await work()) ?? t('export.cancelled'));
    } catch (e) {
      setError(t('export.failed', { label, detail: errorMessage(e) }));
      setStatus('');
    } finally {
      setBusy(null);
    }
  };

  const chosen = async () => filterAnnotations(await allAnnotations(db), scopeFilter());

  const exportCsv = run(t('export.running.csv'), async () => {
    const annotations = await chosen();
    const csv = exportAnnotationsCsv({ annotations, documents: titles, codebook: props.codebook, bom });
    const done = await deliverFile(exportFileName(props.corpusName, 'annotations', 'csv'), csv, 'csv');
    return done && t('export.done.annotations', { done, n: formatCount(annotations.length) });
  });
  const exportMatrix = run(t('export.running.matrix'), async () => {
    const annotations = await chosen();
    const inScope = documentsInScope(annotations);
    const csv = exportTagMatrixCsv({ annotations, documents: inScope, codebook: props.codebook, bom });
    const done = await deliverFile(
      exportFileName(props.corpusName, 'document-tag-matrix', 'csv'),
      csv,
      'csv',
    );
    return done && t('export.done.documents', { done, n: formatCount(inScope.length) });
  });
  const exportJsonBundle = run(t('export.running.bundle'), async () => {
    const bundle = await exportBundle(db, {
      annotators: [...selectedAnnotators],
      documents: props.documents
        .filter((d) => d.status === 'ok')
        .map((d) => ({ path: d.path, title: d.title, sha256: d.sha256 })),
      pageOf: await spanPagesOf(props.documents, (paths) =>
        api.readDocuments({ paths }).then((r) => r.documents),
      ),
      now: new Date(),
    });
    const done = await deliverFile(
      exportFileName(props.corpusName, 'bundle', 'json'),
      bundleToJson(bundle),
      'json',
    );
    return done && t('export.done.annotations', { done, n: formatCount(bundle.annotations.length) });
  });
  const exportW3c = run(t('export.running.w3c'), async () => {
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
    return done && t('export.done.annotations', { done, n: formatCount(annotations.length) });
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

  const exportProject = run(t('export.running.project'), async () => {
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
    const counts = {
      done,
      documents: formatCount(documents.length),
      selections: formatCount(result.selections),
      skipped: formatCount(result.skipped),
    };
    return (
      done && (result.skipped ? t('export.done.projectSkipped', counts) : t('export.done.project', counts))
    );
  });
  const exportCodebookQdc = run(t('export.running.qdc'), async () => {
    const done = await deliverFile(
      exportFileName(props.corpusName, 'codebook', 'qdc'),
      exportQdc(props.codebook),
      'qdc',
    );
    return done && t('export.done.tags', { done, n: formatCount(props.codebook.tags.length) });
  });
  const exportXlsx = run(t('export.running.xlsx'), async () => {
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
    return done && t('export.done.annotations', { done, n: formatCount(annotations.length) });
  });

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  return (
    <ModalDialog title={t('export.title')} onClose={props.onClose} className="wide">
      <form onSubmit={(e) => e.preventDefault()} aria-busy={busy !== null}>
        <fieldset className="field-group">
          <legend>{t('export.which')}</legend>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'document'}
              disabled={!props.currentDocument}
              onChange={() => setScope('document')}
            />
            {t('export.scope.document')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'corpus'}
              onChange={() => setScope('corpus')}
            />
            {t('export.scope.corpus')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'filter'}
              onChange={() => setScope('filter')}
            />
            {t('export.scope.filter')}
          </label>
          {scope === 'filter' && (
            <div className="filter-columns">
              <fieldset>
                <legend>{t('export.tags')}</legend>
                {props.codebook.tags.map((tag) => (
                  <label key={tag.id} className="check">
                    <input
                      type="checkbox"
                      checked={tags.has(tag.id)}
                      onChange={(e) => setTags(toggle(tags, tag.id, e.target.checked))}
                    />
                    {localLabel(tag)}
                  </label>
                ))}
              </fieldset>
              <fieldset className="doc-choices">
                <legend>{t('export.documents')}</legend>
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
          <legend>{t('export.annotators')}</legend>
          {annotators.length === 0 && <p className="hint">{t('export.noAnnotations')}</p>}
          {annotators.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={selectedAnnotators.has(name)}
                onChange={(e) => setChosenAnnotators(toggle(selectedAnnotators, name, e.target.checked))}
              />
              {name === props.annotator ? t('export.you', { name }) : name}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
          {t('export.bom')}
        </label>
        <div className="form-actions wrap">
          <button type="button" className="primary" disabled={busy !== null} onClick={exportCsv}>
            {t('export.button.csv')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportMatrix}>
            {t('export.button.matrix')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportJsonBundle}>
            {t('export.button.bundle')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportW3c}>
            {t('export.button.w3c')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportXlsx}>
            {t('export.button.xlsx')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportProject}>
            {t('export.button.project')}
          </button>
          <button type="button" disabled={busy !== null} onClick={exportCodebookQdc}>
            {t('export.button.qdc')}
          </button>
        </div>
        {busy && <progress aria-label={busy} />}
        <DialogFooter status={status} error={error} onClose={props.onClose} />
      </form>
    </ModalDialog>
  );
}
