import { useState } from 'react';
import { describeMergeReport, mergeReport, planBundleMerge } from '../../../shared/exchange/bundle-merge';
import { parseBundleJson } from '../../../shared/exchange/bundle';
import { type Bundle } from '../../../shared/exchange/bundle-schema';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { naturalKey } from '../../../shared/exchange/csv-format';
import { checkCsvImport, formatCsvProblem, type CsvImportPlan } from '../../../shared/exchange/csv-import';
import { checkCsvSize, decodeCsvBytes } from '../../../shared/exchange/csv-read';
import { validateCodebook } from '../../../shared/codebook/codebook';
import { api } from '../api/tanda-api';
import { FormError, ModalDialog } from '../ui/ModalDialog';
import { formatCount } from '../ui/format';
import { bulkUpsert } from '../db/annotation-repo';
import { importBundle } from '../db/bundle-io';
import { db } from '../db/db';
import { loadCodebook } from '../db/settings-repo';

type Pending =
  | { kind: 'csv'; file: string; plan: CsvImportPlan }
  | { kind: 'bundle'; file: string; bundle: Bundle; summary: string };

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
      checkCsvSize(file.size);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = decodeCsvBytes(bytes);
      if (/\.json$/i.test(file.name) || /^\s*\{/.test(text)) {
        const bundle = parseBundleJson(text);
        const stored = await loadCodebook(db);
        const plan = planBundleMerge(bundle, {
          annotations: await db.annotations.toArray(),
          statuses: await db.documentStatus.toArray(),
          codebook: stored === null ? null : validateCodebook(stored),
        });
        setPending({
          kind: 'bundle',
          file: file.name,
          bundle,
          summary: describeMergeReport(mergeReport(plan)),
        });
        return;
      }
      const existing = await db.annotations.toArray();
      const result = await checkCsvImport(text, {
        documents: props.documents,
        getText: async (path) => (await api.readDocument(path)).text,
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
      setError(`${file.name}: ${(e as Error).message}`);
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
      } else {
        const report = await importBundle(db, pending.bundle);
        props.onImported(`Imported ${pending.file}. ${describeMergeReport(report)}`);
      }
    } catch (e) {
      setError(`Nothing was imported: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <ModalDialog title="Import annotations" onClose={props.onClose} className="wide">
      <p className="hint">
        A CSV in Tanda&apos;s export format (yours or another analyst&apos;s; annotators come from its{' '}
        <code>annotator</code> column), or a Tanda JSON bundle. Nothing is written until you confirm, and a
        file with any problem is not imported at all.
      </p>
      <label className="field">
        <span>File to import</span>
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
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
          <p>This file cannot be imported; nothing was changed. Problems by row (the header is row 1):</p>
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
              .map(([tag, n]) => `${props.codebook.tags.find((t) => t.id === tag)?.label ?? tag} ${n}`)
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
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
        {pending && (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void commit()}>
            {pending.kind === 'csv'
              ? `Import ${formatCount(pending.plan.annotations.length)} annotations`
              : 'Merge bundle'}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
