import { useState } from 'react';
import { describeMergeReport } from '../../../shared/exchange/bundle-merge';
import { checkBundleRecords, parseBundleJson } from '../../../shared/exchange/bundle';
import { type Bundle } from '../../../shared/exchange/bundle-schema';
import { type Codebook, validateCodebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { naturalKey } from '../../../shared/exchange/csv-format';
import { checkCsvImport, formatCsvProblem, type CsvImportPlan } from '../../../shared/exchange/csv-import';
import { checkCsvSize, decodeCsvBytes } from '../../../shared/exchange/csv-read';
import { api } from '../api/tanda-api';
import { FormError, ModalDialog } from '../ui/ModalDialog';
import { formatCount } from '../ui/format';
import { allAnnotations, bulkUpsert } from '../db/annotation-repo';
import { importBundle, previewBundleImport } from '../db/bundle-io';
import { textsForCheck } from './texts-for-check';
import { db } from '../db/db';
import { loadCodebook } from '../db/settings-repo';
import { errorMessage } from '../../../shared/validation/error-message';
import { describeQdpxPlan, type QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import type { QdaProject } from '../../../shared/exchange/qdpx-read';
import type { Tag } from '../../../shared/codebook/codebook';
import { QdaError } from '../../../shared/exchange/qda-xml';
import {
  commitQdcTags,
  commitQdpxPlan,
  defaultImportFolder,
  planQdcText,
  planQdpxFile,
  planQdpxProject,
} from './qda-import';
import { localLabel } from '../i18n/codebook-text';

type Pending =
  | { kind: 'csv'; file: string; plan: CsvImportPlan }
  | { kind: 'bundle'; file: string; bundle: Bundle; summary: string }
  | { kind: 'qdpx'; file: string; project: QdaProject; plan: QdpxImportPlan; folder: string }
  | { kind: 'qdc'; file: string; added: Tag[]; matched: number };

interface Props {
  documents: readonly DocumentMeta[];
  codebook: Codebook;
  onClose(): void;
  onImported(message: string): void;
}

/**
 * Imports a CSV in the export format (another analyst's work, or ours) or a
 * JSON bundle: check everything first, show what would change, then write it
 * all in one transaction, or nothing.
 */
export function ImportDialog(props: Props): React.JSX.Element {
  const [pending, setPending] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (file: File): Promise<void> => {
    setPending(null);
    setProblems([]);
    setError(null);
    setBusy(`Checking ${file.name}…`);
    try {
      if (/\.qdpx$/i.test(file.name)) {
        const { project, plan } = await planQdpxFile(
          new Uint8Array(await file.arrayBuffer()),
          props.documents,
          props.codebook,
        );
        setPending({ kind: 'qdpx', file: file.name, project, plan, folder: defaultImportFolder(project) });
        return;
      }
      if (/\.qdc$/i.test(file.name)) {
        const merged = planQdcText(await file.text(), props.codebook, file.name);
        setPending({ kind: 'qdc', file: file.name, added: merged.added, matched: merged.matched });
        return;
      }
      checkCsvSize(file.size);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = decodeCsvBytes(bytes);
      if (/\.json$/i.test(file.name) || /^\s*\{/.test(text)) {
        const stored = await loadCodebook(db);
        // The records must fit the corpus and the codebook they will live under: the stored one, else the bundle's.
        const parsed = parseBundleJson(text);
        const listed = new Set(props.documents.map((d) => d.path));
        const bundle = await checkBundleRecords(parsed, {
          documents: props.documents,
          getText: await textsForCheck(api, parsed.annotations, listed),
          ...(stored === null ? {} : { codebook: validateCodebook(stored) }),
          absentDocuments: 'refuse',
        });
        setPending({
          kind: 'bundle',
          file: file.name,
          bundle,
          summary: describeMergeReport(await previewBundleImport(db, bundle)),
        });
        return;
      }
      const existing = await allAnnotations(db);
      const result = await checkCsvImport(text, {
        documents: props.documents,
        getText: async (path) => (await api.readDocument({ path })).text,
        codebook: props.codebook,
        now: new Date().toISOString(),
        existing: {
          ids: new Set(existing.map((a) => a.id)),
          naturalKeys: new Set(existing.map(naturalKey)),
          annotators: new Map(existing.map((a) => [a.id, a.annotator])),
        },
      });
      if (result.ok) setPending({ kind: 'csv', file: file.name, plan: result.plan });
      else setProblems(result.problems.map(formatCsvProblem));
    } catch (e) {
      if (e instanceof QdaError && e.problems.length > 1) setProblems([...e.problems]);
      else setError(`${file.name}: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const commit = async (): Promise<void> => {
    if (!pending) return;
    setBusy('Importing…');
    setError(null);
    try {
      if (pending.kind === 'csv') {
        const result = await bulkUpsert(db, pending.plan.annotations, { mode: 'insert-new' });
        props.onImported(
          `Imported ${pending.file}: ${formatCount(result.added)} annotations added` +
            (pending.plan.rekeyed ? ` (${formatCount(pending.plan.rekeyed)} with new ids)` : '') +
            (pending.plan.duplicates
              ? `, ${formatCount(pending.plan.duplicates)} unchanged (already there)`
              : '') +
            '.',
        );
      } else if (pending.kind === 'qdpx') {
        // The folder may have been changed in the preview: plan again for it (same project, checked already).
        const plan = await planQdpxProject(pending.project, props.documents, props.codebook, pending.folder);
        const result = await commitQdpxPlan(plan);
        props.onImported(
          `Imported ${pending.file}: ${formatCount(result.annotations)} annotations, ` +
            `${formatCount(result.files)} new documents, ${formatCount(result.tags)} new tags.`,
        );
      } else if (pending.kind === 'qdc') {
        const added = await commitQdcTags(pending.added);
        props.onImported(`Imported ${pending.file}: ${formatCount(added)} new tags.`);
      } else {
        const report = await importBundle(db, pending.bundle);
        props.onImported(`Imported ${pending.file}. ${describeMergeReport(report)}`);
      }
    } catch (e) {
      setError(`Nothing was imported: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <ModalDialog title="Import annotations" onClose={props.onClose} className="wide">
      <p className="hint">
        A CSV in Tanda&apos;s export format (yours or another analyst&apos;s; annotators come from its{' '}
        <code>annotator</code> column), a Tanda JSON bundle, a REFI-QDA project (<code>.qdpx</code>, from
        MAXQDA, NVivo, ATLAS.ti, QualCoder…) or a REFI-QDA codebook (<code>.qdc</code>). Nothing is written
        until you confirm, and a file with any problem is not imported at all.
      </p>
      <label className="field">
        <span>File to import</span>
        <input
          type="file"
          accept=".csv,.json,.qdpx,.qdc,text/csv,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
            e.target.value = '';
          }}
        />
      </label>
      {busy && <progress aria-label={busy} />}
      {problems.length > 0 && (
        <div role="alert" className="problems">
          <p>
            This file cannot be imported; nothing was changed. Problems by place (for a CSV, by row: the
            header is row 1):
          </p>
          <ul aria-label="Import problems">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {pending?.kind === 'csv' && (
        <section aria-label="Import preview" className="preview">
          <p>
            <strong>{pending.file}</strong>: {formatCount(pending.plan.preview.rows)} rows,{' '}
            {formatCount(pending.plan.annotations.length)} new annotations
            {pending.plan.duplicates
              ? `, ${formatCount(pending.plan.duplicates)} already in the database`
              : ''}
            {pending.plan.reanchored
              ? `, ${formatCount(pending.plan.reanchored)} re-anchored to changed texts`
              : ''}
            {pending.plan.rekeyed
              ? `, ${formatCount(pending.plan.rekeyed)} re-keyed (their id was another annotator's, or not a UUID)`
              : ''}
            .
          </p>
          <p>Annotators: {pending.plan.preview.annotators.join(', ')}</p>
          <p>Documents: {formatCount(pending.plan.preview.documents.length)}</p>
          <p>
            Tags:{' '}
            {Object.entries(pending.plan.preview.tags)
              .map(([tag, n]) => `${shownTag(props.codebook, tag)} ${n}`)
              .join(', ')}
          </p>
        </section>
      )}
      {pending?.kind === 'bundle' && (
        <section aria-label="Import preview" className="preview">
          <p>
            <strong>{pending.file}</strong>: bundle of {formatCount(pending.bundle.annotations.length)}{' '}
            annotations.
          </p>
          <p>{pending.summary}</p>
        </section>
      )}
      {pending?.kind === 'qdpx' && (
        <section aria-label="Import preview" className="preview">
          <p>
            <strong>{pending.file}</strong>: {describeQdpxPlan(pending.plan)}.
          </p>
          {pending.plan.addedTags.length > 0 && (
            <p>New tags: {pending.plan.addedTags.map(localLabel).join(', ')}</p>
          )}
          {pending.plan.files.length > 0 && (
            <label className="field">
              <span>
                Folder for the {formatCount(pending.plan.files.length)} new documents (inside the corpus)
              </span>
              <input
                type="text"
                value={pending.folder}
                onChange={(e) => setPending({ ...pending, folder: e.target.value })}
              />
            </label>
          )}
          {pending.plan.preview.adaptations.length > 0 && (
            <>
              <p>Adapted on reading:</p>
              <ul aria-label="Adaptations">
                {pending.plan.preview.adaptations.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {pending?.kind === 'qdc' && (
        <section aria-label="Import preview" className="preview">
          <p>
            <strong>{pending.file}</strong>: {formatCount(pending.matched)} codes already in the codebook,{' '}
            {formatCount(pending.added.length)} new tags
            {pending.added.length ? `: ${pending.added.map(localLabel).join(', ')}` : ''}.
          </p>
        </section>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        {pending && (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void commit()}>
            {pending.kind === 'csv' || pending.kind === 'qdpx'
              ? `Import ${formatCount(pending.plan.annotations.length)} annotations`
              : pending.kind === 'qdc'
                ? `Add ${formatCount(pending.added.length)} tags`
                : 'Merge bundle'}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}

function shownTag(codebook: Codebook, id: string): string {
  const tag = codebook.tags.find((t) => t.id === id);
  return tag ? localLabel(tag) : id;
}
