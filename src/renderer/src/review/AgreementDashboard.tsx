import type { AgreementReport, TagAgreement } from '../../../shared/agreement/agreement';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import type { DocumentDisagreement } from '../../../shared/agreement/disagreements';
import { Trans } from 'react-i18next';
import { tagLabel } from '../annotate/annotation-labels';
import { localLabel } from '../i18n/codebook-text';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';

interface Props {
  report: AgreementReport;
  codebook: Codebook;
  rows: DocumentDisagreement[];
  /** Decided disagreements per document path (of the adjudication target). */
  decided: ReadonlyMap<string, number>;
  documents: ReadonlyMap<string, DocumentMeta>;
  onOpen(path: string): void;
}

/**
 * The figures `tanda agreement` prints, per tag and macro, then the
 * documents with the most disagreement first. Every number shows three
 * decimals and carries its full value in its title; an undefined measure
 * shows "—" and says why.
 */
export function AgreementDashboard({
  report,
  codebook,
  rows,
  decided,
  documents,
  onOpen,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('review');
  const format = useFormat();
  const count = (n: number) => format.number(n);
  const [a, b] = report.annotators as [string, string];
  const tags = Object.entries(report.tags);
  const m = report.macro;
  const why = (tag: TagAgreement) => ({
    units:
      tag.a_spans + tag.b_spans === 0 ? t('dashboard.undefined.unused') : t('dashboard.undefined.chance'),
    f1:
      tag.a_spans + tag.b_spans === 0
        ? t('dashboard.undefined.unused')
        : tag.a_spans === 0
          ? t('dashboard.undefined.noRecall', { name: a })
          : t('dashboard.undefined.noPrecision', { name: b }),
  });
  const macroWhy = t('dashboard.undefined.macro');

  return (
    <div className="compare-dashboard">
      <p className="compare-summary">
        <Trans
          t={t}
          i18nKey="dashboard.summary"
          count={report.documents}
          values={{ a, b, n: count(report.documents) }}
          components={{ strong: <strong /> }}
        />
      </p>
      <table className="compare-table" aria-label={t('dashboard.byTag')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.tag')}</th>
            <th scope="col">{t('dashboard.kappa')}</th>
            <th scope="col">{t('dashboard.alpha')}</th>
            <th scope="col">{t('dashboard.exactF1')}</th>
            <th scope="col">{t('dashboard.overlapF1')}</th>
            <th scope="col">{t('dashboard.presence')}</th>
            <th scope="col" title={t('dashboard.spansBy', { name: a })}>
              {t('dashboard.spansA')}
            </th>
            <th scope="col" title={t('dashboard.spansBy', { name: b })}>
              {t('dashboard.spansB')}
            </th>
          </tr>
        </thead>
        <tbody>
          {tags.map(([id, tag]) => (
            <tr key={id}>
              <th scope="row">
                <span className={`tag-swatch tag-${id}`} data-tag={id} aria-hidden="true" />{' '}
                {tagLabel(codebook, id)}
              </th>
              <Measure value={tag.kappa} why={why(tag).units} />
              <Measure value={tag.alpha} why={why(tag).units} />
              <Measure value={tag.exact.f1} why={why(tag).f1} />
              <Measure value={tag.overlap.f1} why={why(tag).f1} />
              <Measure value={tag.presence} why={t('dashboard.undefined.noDocuments')} />
              <td className="num">{count(tag.a_spans)}</td>
              <td className="num">{count(tag.b_spans)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" title={t('dashboard.macroTitle')}>
              {t('dashboard.macro')}
            </th>
            <Measure value={m.kappa} why={macroWhy} />
            <Measure value={m.alpha} why={macroWhy} />
            <Measure value={m.exact_f1} why={macroWhy} />
            <Measure value={m.overlap_f1} why={macroWhy} />
            <td />
            <td />
            <td />
          </tr>
        </tfoot>
      </table>
      {tags.length === 0 && <p className="hint">{t('dashboard.noneInScope')}</p>}

      {report.annotators_all && m.pairwise && (
        <>
          <h3 className="compare-heading">
            {t('dashboard.allHeading', { n: count(report.annotators_all.length) })}
          </h3>
          <table className="compare-table" aria-label={t('dashboard.all')}>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.tag')}</th>
                <th scope="col">{t('dashboard.alphaAll')}</th>
                <th scope="col">{t('dashboard.fleiss')}</th>
                {m.pairwise.map((p) => (
                  <th scope="col" key={`${p.a}\u001f${p.b}`}>
                    {t('dashboard.pairKappa', { a: p.a, b: p.b })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tags.map(([id, tag]) => (
                <tr key={id}>
                  <th scope="row">{tagLabel(codebook, id)}</th>
                  <Measure value={tag.alpha_all ?? null} why={why(tag).units} />
                  <Measure value={tag.fleiss_kappa ?? null} why={why(tag).units} />
                  {(tag.pairwise ?? []).map((p) => (
                    <Measure key={`${p.a}\u001f${p.b}`} value={p.kappa} why={t('dashboard.undefined.pair')} />
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('dashboard.macro')}</th>
                <Measure value={m.alpha_all ?? null} why={macroWhy} />
                <Measure value={m.fleiss_kappa ?? null} why={macroWhy} />
                {m.pairwise.map((p) => (
                  <Measure key={`${p.a}\u001f${p.b}`} value={p.kappa} why={macroWhy} />
                ))}
              </tr>
            </tfoot>
          </table>
        </>
      )}

      <AttributeAgreementTable report={report} codebook={codebook} />

      <h3 className="compare-heading">{t('dashboard.documents')}</h3>
      <table className="compare-table documents-table" aria-label={t('dashboard.documents')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.document')}</th>
            <th scope="col">{t('dashboard.disagreements')}</th>
            <th scope="col">{t('dashboard.decided')}</th>
            <th scope="col" className="low-priority" title={t('dashboard.agreeTitle')}>
              {t('dashboard.agree')}
            </th>
            <th scope="col" title={t('dashboard.tagConflictsTitle')}>
              {t('dashboard.tagConflicts')}
            </th>
            <th scope="col" title={t('dashboard.boundaryConflictsTitle')}>
              {t('dashboard.boundaryConflicts')}
            </th>
            <th scope="col" title={t('dashboard.attributeConflictsTitle')}>
              {t('dashboard.attributeConflicts')}
            </th>
            <th scope="col">{t('dashboard.onlyName', { name: a })}</th>
            <th scope="col">{t('dashboard.onlyName', { name: b })}</th>
            <th scope="col" title={t('dashboard.documentKappaTitle')}>
              {t('dashboard.kappa')}
            </th>
            <th scope="col" className="low-priority" title={t('dashboard.documentAlphaTitle')}>
              {t('dashboard.alpha')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const doc = documents.get(row.documentPath);
            return (
              <tr key={row.documentPath} className="clickable" onClick={() => onOpen(row.documentPath)}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    title={row.documentPath}
                    onClick={(e) => (e.stopPropagation(), onOpen(row.documentPath))}
                  >
                    {doc?.title ?? row.documentPath}
                  </button>
                </th>
                <td className="num">{count(row.disagreements)}</td>
                <td className="num">
                  {t('dashboard.decidedOf', {
                    decided: count(decided.get(row.documentPath) ?? 0),
                    total: count(row.disagreements - row.attributeConflicts),
                  })}
                </td>
                <td className="num low-priority">{count(row.counts.agree)}</td>
                <td className="num">{count(row.counts['tag-conflict'])}</td>
                <td className="num">{count(row.counts['boundary-conflict'])}</td>
                <td className="num">{count(row.attributeConflicts)}</td>
                <td className="num">{count(row.counts['only-a'])}</td>
                <td className="num">{count(row.counts['only-b'])}</td>
                <Measure value={row.kappa} why={t('dashboard.undefined.document')} />
                <Measure value={row.alpha} why={t('dashboard.undefined.document')} className="low-priority" />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A measure: three decimals shown, the full value in the title, both with the
 * interface language's decimal mark (0,823 in Indonesian); "—" with the
 * reason when undefined.
 */
function Measure({
  value,
  why,
  className = '',
}: {
  value: number | null;
  why: string;
  className?: string;
}): React.JSX.Element {
  const format = useFormat();
  if (value === null) {
    return (
      <td className={`num undefined${className && ` ${className}`}`} title={why}>
        —
      </td>
    );
  }
  return (
    <td className={`num${className && ` ${className}`}`} title={format.number(value, FULL_VALUE)}>
      {format.number(value, THREE_DECIMALS)}
    </td>
  );
}

const THREE_DECIMALS: Intl.NumberFormatOptions = {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
  useGrouping: false,
};
// Intl writes the shortest digits that read back as the same number, as String() does.
const FULL_VALUE: Intl.NumberFormatOptions = { maximumFractionDigits: 20, useGrouping: false };

/** Per tag and attribute: agreement over the spans both annotators marked. */
function AttributeAgreementTable({
  report,
  codebook,
}: {
  report: AgreementReport;
  codebook: Codebook;
}): React.JSX.Element | null {
  const rows = Object.entries(report.attributes).flatMap(([tag, attrs]) =>
    Object.entries(attrs).map(([attribute, m]) => ({ tag, attribute, m })),
  );
  const { t } = useUiLanguage('review');
  const format = useFormat();
  if (rows.length === 0) return null;
  const label = (tag: string, attribute: string): string => {
    const found = codebook.tags.find((x) => x.id === tag)?.attributes.find((x) => x.id === attribute);
    return found ? localLabel(found) : attribute;
  };
  return (
    <>
      <h3 className="compare-heading">{t('dashboard.attributes')}</h3>
      <table className="compare-table" aria-label={t('dashboard.attributes')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.tag')}</th>
            <th scope="col">{t('dashboard.attribute')}</th>
            <th scope="col" title={t('dashboard.matchedTitle')}>
              {t('dashboard.matched')}
            </th>
            <th scope="col">{t('dashboard.observed')}</th>
            <th scope="col">{t('dashboard.kappa')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ tag, attribute, m }) => (
            <tr key={`${tag}\u001f${attribute}`}>
              <th scope="row">{tagLabel(codebook, tag)}</th>
              <td>{label(tag, attribute)}</td>
              <td className="num">{format.number(m.pairs)}</td>
              <Measure value={m.observed} why={t('dashboard.undefined.noMatched')} />
              <Measure value={m.kappa} why={t('dashboard.undefined.oneValue')} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
