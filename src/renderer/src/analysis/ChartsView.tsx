import { useMemo } from 'react';
import {
  attributeBreakdown,
  countsByDate,
  tagAttributeCooccurrence,
  tagCooccurrence,
  tagCountsPerDocument,
  type DateGranularity,
} from '../../../shared/analysis/cooccurrence';
import { tagLabel } from '../annotate/annotation-labels';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useShownCodebook } from '../i18n/codebook-text';
import { updateCharts, type ChartChoices } from './analysis-state';
import { ChartFigure, useChartTheme } from './ChartFigure';
import {
  breakdownOption,
  chartHeight,
  datesOption,
  documentLabel,
  dropEmpty,
  matrixOption,
  tagCountsOption,
  type CountMatrix,
  type TagStyle,
} from './chart-options';
import { breakdownTable, datesTable, matrixTable, tagCountsTable } from './chart-tables';
import { corpusLibrary } from './corpus-data';
import { segmentCount } from './document-info';
import type { SegmentViewProps } from './segment-query';

interface Props extends SegmentViewProps {
  choices: ChartChoices;
}

/** Four charts of the filtered segments, each with its numbers and PNG/SVG export. */
export function ChartsView(props: Props): React.JSX.Element {
  const { segments, choices } = props;
  const { t } = useUiLanguage('analysis');
  const format = useFormat();
  const formatCount = (n: number): string => format.number(n);
  // Labels in the interface language; ids (what the counts are keyed by) are the same.
  const codebook = useShownCodebook(props.codebook);
  const { theme, dark } = useChartTheme();
  const tagOrder = useMemo(() => codebook.tags.map((t) => t.id), [codebook]);
  const tagStyle = useMemo(() => {
    const byId = new Map(codebook.tags.map((t) => [t.id, t]));
    return (id: string): TagStyle => {
      const tag = byId.get(id);
      return {
        label: tagLabel(codebook, id),
        color: tag ? (dark ? (tag.darkColor ?? tag.color) : tag.color) : '#8a8a8a',
      };
    };
  }, [codebook, dark]);

  // 1. Tag counts per document.
  const perDocument = useMemo(() => tagCountsPerDocument(segments, { tagOrder }), [segments, tagOrder]);

  // 2. Attribute values of one tag's attribute.
  const pairs = useMemo(
    () =>
      codebook.tags.flatMap((t) =>
        t.attributes.map((a) => ({ key: `${t.id} ${a.id}`, tag: t, attribute: a })),
      ),
    [codebook],
  );
  const busiest = useMemo(() => {
    let best = pairs[0]?.key ?? '';
    let most = -1;
    for (const p of pairs) {
      const n = segments.filter((s) => s.tag === p.tag.id && hasValue(s.attributes[p.attribute.id])).length;
      if (n > most) [best, most] = [p.key, n];
    }
    return best;
  }, [pairs, segments]);
  const pairKey = pairs.some((p) => p.key === choices.breakdown) ? choices.breakdown : busiest;
  const pair = pairs.find((p) => p.key === pairKey);
  const breakdown = useMemo(
    () => (pair ? attributeBreakdown(segments, codebook, pair.tag.id, pair.attribute.id) : null),
    [segments, codebook, pair],
  );

  // 3. Co-occurrence within a paragraph: only segments whose offsets fit the text we hold.
  const matrix = useMemo((): CountMatrix => {
    const texts = new Map<string, string>();
    const placed = segments.filter((s) => {
      const entry = corpusLibrary.text(s.documentPath);
      if (entry === undefined || entry.sha256 !== s.contentSha256) return false;
      texts.set(s.documentPath, entry.text);
      return true;
    });
    if (choices.matrix === 'tags') {
      const m = tagCooccurrence(placed, texts, { tagOrder });
      const labels = m.tags.map((t) => tagStyle(t).label);
      return dropEmpty({ rows: labels, columns: labels, counts: m.counts });
    }
    const m = tagAttributeCooccurrence(placed, texts, codebook, { tagOrder });
    // Values down the side (their labels are long), tags across.
    return dropEmpty({
      rows: m.columns.map((c) => c.label),
      columns: m.tags.map((t) => tagStyle(t).label),
      counts: m.columns.map((_, k) => m.tags.map((_, i) => m.counts[i]![k]!)),
    });
  }, [segments, choices.matrix, codebook, tagOrder, tagStyle, props.libraryVersion]); // eslint-disable-line react-hooks/exhaustive-deps -- libraryVersion is not read: it says corpusLibrary's texts changed

  // 4. Counts over document dates.
  const dates = useMemo(
    () => new Map([...props.infos].map(([path, info]) => [path, info.date])),
    [props.infos],
  );
  const byDate = useMemo(
    () => countsByDate(segments, dates, choices.granularity),
    [segments, dates, choices.granularity],
  );

  const accent = dark ? '#8ab4f8' : '#1f5fbf';
  const perDocumentOption = useMemo(
    () => tagCountsOption(perDocument, tagStyle, theme, documentLabel),
    [perDocument, tagStyle, theme],
  );
  const breakdownChart = useMemo(
    () => (breakdown ? breakdownOption(breakdown, pair ? tagStyle(pair.tag.id).color : accent, theme) : {}),
    [breakdown, pair, tagStyle, theme, accent],
  );
  const matrixChart = useMemo(() => matrixOption(matrix, theme, accent), [matrix, theme, accent]);
  const datesChart = useMemo(
    () => datesOption(byDate, tagStyle, tagOrder, theme),
    [byDate, tagStyle, tagOrder, theme],
  );
  const none =
    segments.length === 0 ? (props.total === 0 ? t('charts.noAnnotations') : t('charts.noMatch')) : null;
  const noAttributes = t('charts.noAttributes');
  // i18n-keys: analysis:charts.breakdown.description analysis:charts.breakdown.descriptionMultiple

  return (
    <section aria-label={t('charts.title')} className="analysis-main charts-view">
      <header className="analysis-header">
        <h2>
          {t('charts.title')}{' '}
          <span className="count" role="status">
            {segmentCount(segments.length, props.total, formatCount)}
          </span>
        </h2>
      </header>
      <div className="chart-grid">
        <ChartFigure
          title={t('charts.perDocument.title')}
          slug="tag-counts-per-document"
          description={t('charts.perDocument.description')}
          option={perDocumentOption}
          height={chartHeight(perDocument.documents.length, 70)}
          table={tagCountsTable(perDocument, tagStyle)}
          empty={none}
          theme={theme}
          corpusName={props.corpusName}
        />
        <ChartFigure
          title={t('charts.breakdown.title')}
          slug="attribute-values-per-tag"
          description={
            breakdown
              ? t(
                  pair!.attribute.kind === 'multiple'
                    ? 'charts.breakdown.descriptionMultiple'
                    : 'charts.breakdown.description',
                  {
                    tag: tagLabel(codebook, pair!.tag.id),
                    attribute: breakdown.attribute?.label ?? pair!.attribute.id,
                    total: formatCount(breakdown.total),
                    unset: formatCount(breakdown.unset),
                  },
                )
              : noAttributes
          }
          controls={
            <label className="field inline">
              <span>{t('charts.breakdown.attribute')}</span>
              <select value={pairKey} onChange={(e) => updateCharts({ breakdown: e.target.value })}>
                {pairs.map((p) => (
                  <option key={p.key} value={p.key}>
                    {`${p.tag.label} · ${p.attribute.label}`}
                  </option>
                ))}
              </select>
            </label>
          }
          option={breakdownChart}
          height={chartHeight(breakdown?.rows.length ?? 0, 30)}
          table={breakdown ? breakdownTable(breakdown) : { columns: [], rows: [] }}
          empty={none ?? (breakdown ? null : noAttributes)}
          theme={theme}
          corpusName={props.corpusName}
        />
        <ChartFigure
          title={t('charts.matrix.title')}
          slug="co-occurrence"
          description={t('charts.matrix.description')}
          controls={
            <label className="field inline">
              <span>{t('charts.matrix.label')}</span>
              <select
                value={choices.matrix}
                onChange={(e) => updateCharts({ matrix: e.target.value as ChartChoices['matrix'] })}
              >
                <option value="tags">{t('charts.matrix.tags')}</option>
                <option value="attributes">{t('charts.matrix.attributes')}</option>
              </select>
            </label>
          }
          option={matrixChart}
          height={chartHeight(matrix.rows.length, choices.matrix === 'tags' ? 110 : 130)}
          table={matrixTable(
            matrix,
            choices.matrix === 'tags' ? t('charts.matrix.tagCorner') : t('charts.matrix.valueCorner'),
          )}
          empty={none ?? (matrix.rows.length === 0 ? t('charts.matrix.empty') : null)}
          theme={theme}
          corpusName={props.corpusName}
        />
        <ChartFigure
          title={t('charts.dates.title')}
          slug="counts-over-document-dates"
          description={
            byDate.undated > 0
              ? t('charts.dates.descriptionUndated', { undated: formatCount(byDate.undated) })
              : t('charts.dates.description')
          }
          controls={
            <label className="field inline">
              <span>{t('charts.dates.groupBy')}</span>
              <select
                value={choices.granularity}
                onChange={(e) => updateCharts({ granularity: e.target.value as DateGranularity })}
              >
                <option value="year">{t('charts.dates.year')}</option>
                <option value="month">{t('charts.dates.month')}</option>
                <option value="day">{t('charts.dates.day')}</option>
              </select>
            </label>
          }
          option={datesChart}
          height={300}
          table={datesTable(byDate, tagStyle, tagOrder)}
          empty={none ?? (byDate.buckets.length === 0 ? t('charts.dates.empty') : null)}
          theme={theme}
          corpusName={props.corpusName}
        />
      </div>
    </section>
  );
}

function hasValue(raw: string | string[] | undefined): boolean {
  return raw !== undefined && (typeof raw === 'string' ? raw.trim() !== '' : raw.length > 0);
}
