import { useState } from 'react';
import type { TFunction } from 'i18next';
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
import { useUiLanguage } from '../i18n/i18n';
import { loadCodebook } from '../db/settings-repo';
import { errorMessage } from '../../../shared/validation/error-message';
import type { QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import { Trans } from 'react-i18next';
import { describeMergeReport, describeQdpxPlan } from './describe-exchange';
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
  const { t } = useUiLanguage('exchange');
  // #15's CSV updates say what they did in the team namespace.
  const team = useUiLanguage('team');
  const [pending, setPending] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (file: File): Promise<void> => {
    setPending(null);
    setProblems([]);
    setError(null);
    setBusy(t('import.checking', { file: file.name }));
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
          summary: describeMergeReport(t, await previewBundleImport(db, bundle)),
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
          updatedAt: new Map(existing.map((a) => [a.id, a.updatedAt])),
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
    setBusy(t('import.importing'));
    setError(null);
    try {
      if (pending.kind === 'csv') {
        // Planned updates replace only a record still older than the row (it may have been edited meanwhile).
        const result = await bulkUpsert(db, pending.plan.annotations, { mode: 'newer-wins' });
        const { rekeyed, duplicates } = pending.plan;
        const counts = {
          file: pending.file,
          added: formatCount(result.added),
          rekeyed: formatCount(rekeyed),
          duplicates: formatCount(duplicates),
          updated: result.updated ? team.t('team:import.csvUpdated', { count: result.updated }) : '',
        };
        props.onImported(
          t(`import.done.csv${rekeyed ? 'Rekeyed' : ''}${duplicates ? 'Duplicates' : ''}`, counts),
        );
      } else if (pending.kind === 'qdpx') {
        // The folder may have been changed in the preview: plan again for it (same project, checked already).
        const plan = await planQdpxProject(pending.project, props.documents, props.codebook, pending.folder);
        const result = await commitQdpxPlan(plan);
        props.onImported(
          t('import.done.qdpx', {
            file: pending.file,
            annotations: formatCount(result.annotations),
            files: formatCount(result.files),
            tags: formatCount(result.tags),
          }),
        );
      } else if (pending.kind === 'qdc') {
        const added = await commitQdcTags(pending.added);
        props.onImported(t('import.done.qdc', { file: pending.file, n: formatCount(added) }));
      } else {
        const report = await importBundle(db, pending.bundle);
        props.onImported(
          t('import.done.bundle', { file: pending.file, report: describeMergeReport(t, report) }),
        );
      }
    } catch (e) {
      setError(t('import.nothingImported', { detail: errorMessage(e) }));
    } finally {
      setBusy(null);
    }
  };

  const strong = { strong: <strong /> };
  return (
    <ModalDialog title={t('import.title')} onClose={props.onClose} className="wide">
      <p className="hint">
        <Trans t={t} i18nKey="import.hint" components={{ code: <code /> }} />
      </p>
      <label className="field">
        <span>{t('import.file')}</span>
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
          <p>{t('import.problemsLead')}</p>
          <ul aria-label={t('import.problems')}>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {pending?.kind === 'csv' && (
        <section aria-label={t('import.preview.label')} className="preview">
          <p>
            <Trans
              t={t}
              i18nKey="import.preview.csv"
              values={{ file: pending.file, counts: csvCounts(t, pending.plan) }}
              components={strong}
            />
          </p>
          <p>{t('import.preview.annotators', { names: pending.plan.preview.annotators.join(', ') })}</p>
          <p>{t('import.preview.documents', { n: formatCount(pending.plan.preview.documents.length) })}</p>
          <p>
            {t('import.preview.tags', {
              list: Object.entries(pending.plan.preview.tags)
                .map(([tag, n]) => `${shownTag(props.codebook, tag)} ${n}`)
                .join(', '),
            })}
          </p>
        </section>
      )}
      {pending?.kind === 'bundle' && (
        <section aria-label={t('import.preview.label')} className="preview">
          <p>
            <Trans
              t={t}
              i18nKey="import.preview.bundle"
              values={{ file: pending.file, n: formatCount(pending.bundle.annotations.length) }}
              components={strong}
            />
          </p>
          <p>{pending.summary}</p>
        </section>
      )}
      {pending?.kind === 'qdpx' && (
        <section aria-label={t('import.preview.label')} className="preview">
          <p>
            <Trans
              t={t}
              i18nKey="import.preview.qdpx"
              values={{ file: pending.file, plan: describeQdpxPlan(t, pending.plan) }}
              components={strong}
            />
          </p>
          {pending.plan.addedTags.length > 0 && (
            <p>
              {t('import.preview.newTags', {
                names: pending.plan.addedTags.map(localLabel).join(', '),
              })}
            </p>
          )}
          {pending.plan.files.length > 0 && (
            <label className="field">
              <span>{t('import.preview.folder', { n: formatCount(pending.plan.files.length) })}</span>
              <input
                type="text"
                value={pending.folder}
                onChange={(e) => setPending({ ...pending, folder: e.target.value })}
              />
            </label>
          )}
          {pending.plan.preview.adaptations.length > 0 && (
            <>
              <p>{t('import.preview.adaptedLead')}</p>
              <ul aria-label={t('import.preview.adaptations')}>
                {pending.plan.preview.adaptations.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {pending?.kind === 'qdc' && (
        <section aria-label={t('import.preview.label')} className="preview">
          <p>
            <Trans
              t={t}
              i18nKey={pending.added.length ? 'import.preview.qdcNamed' : 'import.preview.qdc'}
              values={{
                file: pending.file,
                matched: formatCount(pending.matched),
                n: formatCount(pending.added.length),
                names: pending.added.map(localLabel).join(', '),
              }}
              components={strong}
            />
          </p>
        </section>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          {t('common:close')}
        </button>
        {pending && (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void commit()}>
            {pending.kind === 'csv' || pending.kind === 'qdpx'
              ? t('import.commit.annotations', { n: formatCount(pending.plan.annotations.length) })
              : pending.kind === 'qdc'
                ? t('import.commit.tags', { n: formatCount(pending.added.length) })
                : t('import.commit.bundle')}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}

// i18n-keys: exchange:import.preview.qdcNamed exchange:import.preview.qdc

/** What a CSV would add, e.g. "3 rows, 2 new annotations, 1 already in the database": counts listed, with those that are 0 left out. */
function csvCounts(t: TFunction, plan: CsvImportPlan): string {
  const parts = [
    t('exchange:import.preview.rows', { n: formatCount(plan.preview.rows) }),
    t('exchange:import.preview.newAnnotations', { n: formatCount(plan.annotations.length - plan.updates) }),
  ];
  if (plan.updates) parts.push(t('exchange:import.preview.updates', { count: plan.updates }));
  if (plan.duplicates)
    parts.push(t('exchange:import.preview.duplicates', { n: formatCount(plan.duplicates) }));
  if (plan.reanchored)
    parts.push(t('exchange:import.preview.reanchored', { n: formatCount(plan.reanchored) }));
  if (plan.rekeyed) parts.push(t('exchange:import.preview.rekeyed', { n: formatCount(plan.rekeyed) }));
  return parts.join(', ');
}

function shownTag(codebook: Codebook, id: string): string {
  const tag = codebook.tags.find((t) => t.id === id);
  return tag ? localLabel(tag) : id;
}
