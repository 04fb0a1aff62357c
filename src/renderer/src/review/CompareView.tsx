import { useCallback, useMemo, useState } from 'react';
import { Trans } from 'react-i18next';
import {
  DEFAULT_ADJUDICATION_TARGET,
  decisionOf,
  unitPartIds,
  type Decision,
} from '../../../shared/agreement/adjudication';
import type { AgreementReport } from '../../../shared/agreement/agreement';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import {
  compareSpans,
  disagreementsPerDocument,
  isDisagreement,
  type ComparisonUnit,
} from '../../../shared/agreement/disagreements';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { ANNOTATOR_NAME_MAX } from '../db/settings-repo';
import { AgreementDashboard } from './AgreementDashboard';
import { agreementOf, placedOnCurrentText, rejectedIn } from './compare-data';
import { useAnnotationsBy, useAnnotatorNames, useRejectedUnits } from '../db/live-queries';
import { DocumentReview } from './DocumentReview';
import { errorMessage } from '../../../shared/validation/error-message';

interface Props {
  documents: DocumentMeta[];
  codebook: Codebook;
  /** The person at the keyboard (their own annotations can be compared like anyone's). */
  annotator: string;
  readText(path: string): Promise<string>;
}

type Units = ComparisonUnit<Annotation>[];

/**
 * Compare annotators: pick two or more and a scope, read the agreement
 * figures (`computeAgreement`, as `tanda agreement` prints them), open a
 * document to see every unit classed, step through disagreements with n / p,
 * and adjudicate them into a target annotator's annotations.
 */
export function CompareView({ documents, codebook, annotator, readText }: Props): React.JSX.Element {
  const { t } = useUiLanguage('review');
  const format = useFormat();
  const names = useAnnotatorNames();
  const [targetInput, setTargetInput] = useState(DEFAULT_ADJUDICATION_TARGET);
  const target = targetInput.trim();
  const [picked, setPicked] = useState<string[] | null>(null);
  const [scope, setScope] = useState<'corpus' | 'documents'>('corpus');
  const [scopeDocs, setScopeDocs] = useState<ReadonlySet<string>>(new Set());
  const [openPath, setOpenPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const available = useMemo(() => names ?? [], [names]);
  // Until the reviewer picks, the first two annotators other than the target.
  const chosen = useMemo(
    () =>
      picked
        ? picked.filter((n) => available.includes(n))
        : available.filter((n) => n !== target && n !== DEFAULT_ADJUDICATION_TARGET).slice(0, 2),
    [available, picked, target],
  );
  const [aName, bName] = chosen as [string | undefined, string | undefined];

  const annotations = useAnnotationsBy([...new Set([...chosen, target])]);
  const rejectedRows = useRejectedUnits();
  const docsByPath = useMemo(() => new Map(documents.map((d) => [d.path, d])), [documents]);

  const model = useMemo(() => {
    if (!annotations) return null;
    const compared = annotations.filter(
      (a) => chosen.includes(a.annotator) && (scope === 'corpus' || scopeDocs.has(a.documentPath)),
    );
    const { placed, leftOut } = placedOnCurrentText(compared, docsByPath);
    const targetIds = new Set(annotations.filter((a) => a.annotator === target).map((a) => a.id));
    let report: AgreementReport | null = null;
    let problem: string | null = null;
    if (chosen.length >= 2) {
      try {
        report = agreementOf(placed, chosen, docsByPath);
      } catch (e) {
        problem = errorMessage(e);
      }
    }
    // Both sides' spans per document, for the units.
    const byDoc = new Map<string, { a: Annotation[]; b: Annotation[] }>();
    for (const s of placed) {
      const side = s.annotator === aName ? 'a' : s.annotator === bName ? 'b' : null;
      if (!side) continue;
      let entry = byDoc.get(s.documentPath);
      if (!entry) byDoc.set(s.documentPath, (entry = { a: [], b: [] }));
      entry[side].push(s);
    }
    return { placed, leftOut, targetIds, report, problem, byDoc };
  }, [annotations, chosen, scope, scopeDocs, docsByPath, target, aName, bName]);

  const rows = useMemo(
    () => (model?.report ? disagreementsPerDocument(model.placed, model.report) : []),
    [model],
  );

  const decisionsFor = useCallback(
    (path: string, units: Units): Map<string, Decision | null> => {
      const rejected = rejectedIn(rejectedRows, target, path);
      const existing = model?.targetIds ?? new Set<string>();
      return new Map(
        units.map((u) => [u.key, decisionOf(u.key, unitPartIds(target, path, u), existing, rejected)]),
      );
    },
    [rejectedRows, target, model],
  );

  const decidedByDoc = useMemo(() => {
    const counts = new Map<string, number>();
    if (!model) return counts;
    for (const row of rows) {
      const sides = model.byDoc.get(row.documentPath);
      if (!sides) continue;
      const units = compareSpans(sides.a, sides.b).filter(isDisagreement);
      const decisions = decisionsFor(row.documentPath, units);
      counts.set(row.documentPath, units.filter((u) => decisions.get(u.key)).length);
    }
    return counts;
  }, [rows, model, decisionsFor]);

  const targetProblem =
    target === ''
      ? t('target.empty')
      : target.length > ANNOTATOR_NAME_MAX
        ? t('target.tooLong', { max: ANNOTATOR_NAME_MAX })
        : chosen.slice(0, 2).includes(target)
          ? t('target.compared', { name: target })
          : null;

  const toggleAnnotator = (name: string, on: boolean): void => {
    const now = chosen.filter((n) => n !== name);
    setPicked(on ? [...now, name] : now);
  };

  return (
    <section aria-label={t('label')} className="compare">
      <div className="compare-setup">
        <fieldset className="compare-annotators">
          <legend>{t('annotators')}</legend>
          {names && names.length === 0 && <p className="hint">{t('noAnnotations')}</p>}
          {available.map((name) => {
            const at = chosen.indexOf(name);
            return (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={at >= 0}
                  onChange={(e) => toggleAnnotator(name, e.target.checked)}
                />
                {name === annotator ? t('you', { name }) : name}
                {at === 0 && (
                  <span className="ab-badge" title={t('aTitle')}>
                    {t('aBadge')}
                  </span>
                )}
                {at === 1 && (
                  <span className="ab-badge" title={t('bTitle')}>
                    {t('bBadge')}
                  </span>
                )}
              </label>
            );
          })}
        </fieldset>
        <fieldset className="compare-scope">
          <legend>{t('scope.legend')}</legend>
          <label className="check">
            <input
              type="radio"
              name="compare-scope"
              checked={scope === 'corpus'}
              onChange={() => setScope('corpus')}
            />
            {t('scope.corpus')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="compare-scope"
              checked={scope === 'documents'}
              onChange={() => setScope('documents')}
            />
            {t('scope.documents')}
          </label>
          {scope === 'documents' && (
            <div className="compare-doc-choices" role="group" aria-label={t('scope.choices')}>
              {documents
                .filter((d) => d.status === 'ok')
                .map((d) => (
                  <label key={d.path} className="check" title={d.title}>
                    <input
                      type="checkbox"
                      checked={scopeDocs.has(d.path)}
                      onChange={(e) => {
                        const next = new Set(scopeDocs);
                        if (e.target.checked) next.add(d.path);
                        else next.delete(d.path);
                        setScopeDocs(next);
                      }}
                    />
                    {d.path}
                  </label>
                ))}
            </div>
          )}
        </fieldset>
        <p className="hint compare-scope-note">
          <Trans t={t} i18nKey="scope.note" components={{ code: <code /> }} />
          {model && model.leftOut > 0 && (
            <> {t('scope.leftOut', { count: model.leftOut, n: format.number(model.leftOut) })}</>
          )}
        </p>
      </div>
      {(error || model?.problem) && (
        <p role="alert" className="error-banner">
          {error ?? model?.problem}
        </p>
      )}
      {chosen.length < 2 || !aName || !bName ? (
        <p className="empty-note">{t('chooseTwo')}</p>
      ) : !model?.report ? (
        <p className="empty-note">{t('loading')}</p>
      ) : openPath && docsByPath.get(openPath)?.status === 'ok' ? (
        <DocumentReview
          key={`${openPath}\u001f${aName}\u001f${bName}`}
          meta={docsByPath.get(openPath)!}
          sides={model.byDoc.get(openPath) ?? { a: [], b: [] }}
          aName={aName}
          bName={bName}
          codebook={codebook}
          readText={readText}
          decisionsFor={decisionsFor}
          target={targetInput}
          targetName={target}
          onTargetChange={setTargetInput}
          targetProblem={targetProblem}
          onBack={() => setOpenPath(null)}
          onError={setError}
        />
      ) : (
        <div className="compare-scroll-page">
          <AgreementDashboard
            report={model.report}
            codebook={codebook}
            rows={rows}
            decided={decidedByDoc}
            documents={docsByPath}
            onOpen={(path) => {
              setError(null);
              setOpenPath(path);
            }}
          />
        </div>
      )}
    </section>
  );
}
