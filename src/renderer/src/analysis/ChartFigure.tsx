import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { deliverPicture, exportFileName } from '../exchange/deliver-file';
import type { ChartTheme } from './chart-options';
import type { DataTable } from './chart-tables';
import { EChart, type EChartHandle } from './EChart';
import { errorMessage } from '../../../shared/validation/error-message';
import { useUiLanguage } from '../i18n/i18n';

interface Props {
  title: string;
  /** The exported file's name part, the same in every interface language (`chart-<slug>.png`). */
  slug: string;
  /** What the chart counts, in a sentence or two. */
  description: React.ReactNode;
  /** The chart's own choices (which attribute, which granularity). */
  controls?: React.ReactNode;
  option: EChartsCoreOption;
  height: number;
  table: DataTable;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string | null;
  theme: ChartTheme;
  corpusName: string;
}

/** A chart in a figure: caption, its own controls, PNG and SVG export, and the numbers as a table. */
export function ChartFigure(props: Props): React.JSX.Element {
  const { t } = useUiLanguage('analysis');
  const id = useId();
  const chartRef = useRef<EChartHandle>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [showData, setShowData] = useState(false);
  const { slug } = props;

  const save = async (kind: 'png' | 'svg'): Promise<void> => {
    const chart = chartRef.current;
    if (!chart) return;
    try {
      const name = exportFileName(props.corpusName, `chart-${slug}`, kind);
      const blob =
        kind === 'png'
          ? await chart.toPng(props.theme.bg)
          : new Blob([chart.toSvg(props.theme.bg)], { type: 'image/svg+xml' });
      setMessage((await deliverPicture(name, blob, kind)) ?? t('figure.notSaved'));
    } catch (e) {
      setMessage(t('figure.saveFailed', { reason: errorMessage(e) }));
    }
  };

  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{props.title}</h3>
        <p className="hint">{props.description}</p>
      </figcaption>
      <div className="chart-toolbar">
        {props.controls}
        <span className="spacer" />
        <span className="save-as" aria-hidden="true">
          {t('figure.saveAs')}
        </span>
        <button
          type="button"
          aria-label={t('figure.savePng', { title: props.title })}
          disabled={props.empty !== null}
          onClick={() => void save('png')}
        >
          {t('figure.png')}
        </button>
        <button
          type="button"
          aria-label={t('figure.saveSvg', { title: props.title })}
          disabled={props.empty !== null}
          onClick={() => void save('svg')}
        >
          {t('figure.svg')}
        </button>
      </div>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
      {props.empty !== null ? (
        <p className="empty-note">{props.empty}</p>
      ) : (
        <EChart
          ref={chartRef}
          option={props.option}
          height={props.height}
          label={t('figure.chart', { title: props.title })}
        />
      )}
      <details className="chart-data" onToggle={(e) => setShowData(e.currentTarget.open)}>
        <summary>{t('figure.data')}</summary>
        {/* Rendered only when open: a corpus of thousands of documents makes a long table. */}
        {showData && (
          <DataTableView table={props.table} label={t('figure.dataTable', { title: props.title })} />
        )}
      </details>
    </figure>
  );
}

function DataTableView({ table, label }: { table: DataTable; label: string }): React.JSX.Element {
  return (
    <div className="table-scroll">
      <table aria-label={label} className="data-table">
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={c}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DARK = '(prefers-color-scheme: dark)';

/** The app's colours as the charts need them, following the light/dark switch. */
export function useChartTheme(): { theme: ChartTheme; dark: boolean } {
  const [dark, setDark] = useState(() => window.matchMedia(DARK).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK);
    const onChange = (): void => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme = useMemo(() => {
    const css = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
    return {
      fg: read('--fg', dark ? '#e7e5e0' : '#1d1d1f'),
      muted: read('--fg-muted', '#5c5a55'),
      border: read('--border', '#dedad2'),
      bg: read('--bg', dark ? '#17181a' : '#fbfaf7'),
      font: read('--font-ui', 'sans-serif'),
    };
  }, [dark]);
  return { dark, theme };
}
