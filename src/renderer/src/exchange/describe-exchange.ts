import type { TFunction } from 'i18next';
import type { BundleContents, BundleMergeReport, MergeCounts } from '../../../shared/exchange/bundle-merge';
import type { QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import type { UiLanguage } from '../../../shared/i18n/languages';

// i18n-namespace: exchange

/*
 * The interface's sentences about a bundle, a merge and a REFI-QDA plan, in
 * the interface language. The shared `describe…` functions stay English
 * (tests and scripts read them); these say the same from the same numbers,
 * and in English word for word the same.
 */

/** "Ana, Budi and Citra": the locale's list, without the serial comma in English (as the shared text writes it). */
function joinNames(names: readonly string[], language: UiLanguage): string {
  const locale = language === 'en' ? 'en-GB' : language;
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}

/** What a bundle holds, e.g. "12 annotations by Ana and Budi in 3 documents, 2 document statuses, a codebook of 3 tags." */
export function describeBundleContents(t: TFunction, language: UiLanguage, c: BundleContents): string {
  const names =
    c.annotators.length <= 3
      ? joinNames(c.annotators, language)
      : t('exchange:contents.annotatorsMore', {
          names: c.annotators.slice(0, 3).join(', '),
          count: c.annotators.length - 3,
        });
  const annotations =
    c.annotations === 0
      ? t('exchange:contents.noAnnotations')
      : t('exchange:contents.annotations', {
          count: c.annotations,
          names,
          documents: t('exchange:contents.documents', { count: c.documents }),
        });
  const parts = {
    annotations,
    statuses: t('exchange:contents.statuses', { count: c.documentStatuses }),
    codebook: t('exchange:contents.codebook', { count: c.tags }),
  };
  return c.documentDates > 0
    ? t('exchange:contents.withDates', {
        ...parts,
        dates: t('exchange:contents.dates', { count: c.documentDates }),
      })
    : t('exchange:contents.withoutDates', parts);
}

function describeCounts(t: TFunction, c: MergeCounts): string {
  return c.olderIgnored > 0
    ? t('exchange:merge.countsWithOlder', { ...c, count: c.olderIgnored })
    : t('exchange:merge.counts', { ...c });
}

/** What a bundle import did (or would do), one line per kind of record. */
export function describeMergeReport(t: TFunction, report: BundleMergeReport): string {
  const annotations = describeCounts(t, report.annotations);
  const lines = [
    report.rekeyed
      ? t('exchange:merge.annotationsRekeyed', { counts: annotations, rekeyed: report.rekeyed })
      : t('exchange:merge.annotations', { counts: annotations }),
    t('exchange:merge.statuses', { counts: describeCounts(t, report.statuses) }),
  ];
  const dates = report.documentDates;
  if (dates.added + dates.unchanged + dates.keptYours > 0)
    lines.push(
      dates.keptYours > 0
        ? t('exchange:merge.datesKept', { ...dates })
        : t('exchange:merge.dates', { ...dates }),
    );
  if (report.rejectedUnits.added > 0)
    lines.push(t('exchange:merge.rejectedUnits', { count: report.rejectedUnits.added }));
  lines.push(t(`exchange:merge.codebook.${report.codebook}`));
  return lines.join('\n');
}

/** A REFI-QDA project's import plan: sources, codes, users, selections. */
export function describeQdpxPlan(t: TFunction, plan: QdpxImportPlan): string {
  const p = plan.preview;
  const values = {
    project: p.project,
    sources: p.sources,
    linked: plan.linked.length,
    files: plan.files.length,
    codes: p.codes,
    addedTags: plan.addedTags.length,
    users: p.users.length,
    userNames: p.users.join(', '),
    selections: p.selections,
    annotations: plan.annotations.length,
  };
  return plan.duplicates > 0
    ? t('exchange:qdpx.planWithDuplicates', { ...values, duplicates: plan.duplicates })
    : t('exchange:qdpx.plan', values);
}
