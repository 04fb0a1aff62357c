import type { AgreementReport, TagAgreement } from '../../../shared/agreement/agreement';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import type { DocumentDisagreement } from '../../../shared/agreement/disagreements';
import { tagLabel } from '../annotate/annotation-labels';
import { formatCount } from '../ui/format';

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
  const [a, b] = report.annotators as [string, string];
  const tags = Object.entries(report.tags);
  const m = report.macro;
  const why = (t: TagAgreement) => ({
    units:
      t.a_spans + t.b_spans === 0
        ? 'Undefined: neither annotator used this tag.'
        : 'Undefined: both annotators gave every code point the same label, so agreement by chance is total.',
    f1:
      t.a_spans + t.b_spans === 0
        ? 'Undefined: neither annotator used this tag.'
        : t.a_spans === 0
          ? `Undefined: ${a} has no spans of this tag, so recall is undefined.`
          : `Undefined: ${b} has no spans of this tag, so precision is undefined.`,
  });
  const macroWhy = 'Undefined for every tag.';

  return (
    <div className="compare-dashboard">
      <p className="compare-summary">
        a = <strong>{a}</strong>, b = <strong>{b}</strong>; {formatCount(report.documents)} document
        {report.documents === 1 ? '' : 's'}. Kappa and alpha over code points; F1 with a&apos;s spans as the
        reference; presence: share of documents where both or neither used the tag.
      </p>
      <table className="compare-table" aria-label="Agreement by tag">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Kappa</th>
            <th scope="col">Alpha</th>
            <th scope="col">Exact F1</th>
            <th scope="col">Overlap F1</th>
            <th scope="col">Presence</th>
            <th scope="col" title={`Spans by ${a}`}>
              Spans a
            </th>
            <th scope="col" title={`Spans by ${b}`}>
              Spans b
            </th>
          </tr>
        </thead>
        <tbody>
          {tags.map(([id, t]) => (
            <tr key={id}>
              <th scope="row">
                <span className={`tag-swatch tag-${id}`} data-tag={id} aria-hidden="true" />{' '}
                {tagLabel(codebook, id)}
              </th>
              <Measure value={t.kappa} why={why(t).units} />
              <Measure value={t.alpha} why={why(t).units} />
              <Measure value={t.exact.f1} why={why(t).f1} />
              <Measure value={t.overlap.f1} why={why(t).f1} />
              <Measure value={t.presence} why="Undefined: no documents in scope." />
              <td className="num">{formatCount(t.a_spans)}</td>
              <td className="num">{formatCount(t.b_spans)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" title="Mean over tags where the measure is defined">
              Macro average
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
      {tags.length === 0 && <p className="hint">No annotations by these annotators in scope.</p>}

      {report.annotators_all && m.pairwise && (
        <>
          <h3 className="compare-heading">All {report.annotators_all.length} annotators</h3>
          <table className="compare-table" aria-label="Agreement of all annotators">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Alpha (all)</th>
                <th scope="col">Fleiss kappa</th>
                {m.pairwise.map((p) => (
                  <th scope="col" key={`${p.a}\u001f${p.b}`}>
                    Kappa {p.a} – {p.b}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tags.map(([id, t]) => (
                <tr key={id}>
                  <th scope="row">{tagLabel(codebook, id)}</th>
                  <Measure value={t.alpha_all ?? null} why={why(t).units} />
                  <Measure value={t.fleiss_kappa ?? null} why={why(t).units} />
                  {(t.pairwise ?? []).map((p) => (
                    <Measure
                      key={`${p.a}\u001f${p.b}`}
                      value={p.kappa}
                      why="Undefined: this pair gave every code point the same label."
                    />
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Macro average</th>
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

      <h3 className="compare-heading">Documents by disagreement</h3>
      <table className="compare-table documents-table" aria-label="Documents by disagreement">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Disagreements</th>
            <th scope="col">Decided</th>
            <th scope="col" className="low-priority" title="Same span, same tag">
              Agree
            </th>
            <th scope="col" title="Same span, different tag">
              Tag conflicts
            </th>
            <th scope="col" title="Overlapping spans of one tag with different extents">
              Boundary conflicts
            </th>
            <th scope="col" title="Same span and tag, different attribute values">
              Attribute conflicts
            </th>
            <th scope="col">Only {a}</th>
            <th scope="col">Only {b}</th>
            <th scope="col" title="Mean of the document's kappa over tags where it is defined">
              Kappa
            </th>
            <th
              scope="col"
              className="low-priority"
              title="Mean of the document's alpha over tags where it is defined"
            >
              Alpha
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
                <td className="num">{formatCount(row.disagreements)}</td>
                <td className="num">
                  {formatCount(decided.get(row.documentPath) ?? 0)} /{' '}
                  {formatCount(row.disagreements - row.attributeConflicts)}
                </td>
                <td className="num low-priority">{formatCount(row.counts.agree)}</td>
                <td className="num">{formatCount(row.counts['tag-conflict'])}</td>
                <td className="num">{formatCount(row.counts['boundary-conflict'])}</td>
                <td className="num">{formatCount(row.attributeConflicts)}</td>
                <td className="num">{formatCount(row.counts['only-a'])}</td>
                <td className="num">{formatCount(row.counts['only-b'])}</td>
                <Measure value={row.kappa} why="Undefined for every tag in this document." />
                <Measure
                  value={row.alpha}
                  why="Undefined for every tag in this document."
                  className="low-priority"
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A measure: three decimals shown, the full value in the title; "—" with the reason when undefined. */
function Measure({
  value,
  why,
  className = '',
}: {
  value: number | null;
  why: string;
  className?: string;
}): React.JSX.Element {
  if (value === null) {
    return (
      <td className={`num undefined${className && ` ${className}`}`} title={why}>
        —
      </td>
    );
  }
  return (
    <td className={`num${className && ` ${className}`}`} title={String(value)}>
      {value.toFixed(3)}
    </td>
  );
}

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
  if (rows.length === 0) return null;
  const label = (tag: string, attribute: string): string =>
    codebook.tags.find((t) => t.id === tag)?.attributes.find((x) => x.id === attribute)?.label ?? attribute;
  return (
    <>
      <h3 className="compare-heading">Attribute agreement</h3>
      <table className="compare-table" aria-label="Attribute agreement">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Attribute</th>
            <th scope="col" title="Spans both annotators marked (same extent, else the largest overlap)">
              Matched spans
            </th>
            <th scope="col">Observed</th>
            <th scope="col">Kappa</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ tag, attribute, m }) => (
            <tr key={`${tag}\u001f${attribute}`}>
              <th scope="row">{tagLabel(codebook, tag)}</th>
              <td>{label(tag, attribute)}</td>
              <td className="num">{formatCount(m.pairs)}</td>
              <Measure value={m.observed} why="No matched spans." />
              <Measure value={m.kappa} why="Undefined: one value throughout, chance agreement is 1." />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
