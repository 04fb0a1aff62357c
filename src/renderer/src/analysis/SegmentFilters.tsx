import { useId } from 'react';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { tagLabel } from '../annotate/annotation-labels';
import { useStatusLabel } from '../ui/work-status';
import { WORK_STATUSES, type WorkStatus } from '../db/tanda-db';
import { EMPTY_FILTER, updateFilter, type SegmentFilterState } from './analysis-state';
import { languageName, type DocumentInfo } from './document-info';
import { attributeChoices } from './segment-query';
import { localLabel } from '../i18n/codebook-text';
import { useUiLanguage } from '../i18n/i18n';
import { parsePageRange } from '../../../shared/analysis/page-range';

interface Props {
  filter: SegmentFilterState;
  codebook: Codebook;
  /** Tags found in the annotations that the codebook does not list. */
  extraTags: readonly string[];
  annotators: readonly string[];
  documents: readonly DocumentMeta[];
  infos: ReadonlyMap<string, DocumentInfo>;
  /** Show the sort choice (the Segments list has an order; the charts do not). */
  sortable: boolean;
}

/**
 * The filters the Segments list and the charts share. Ticking nothing in a
 * group keeps everything, as an empty search keeps every row.
 */
export function SegmentFilters({
  filter,
  codebook,
  extraTags,
  annotators,
  documents,
  infos,
  sortable,
}: Props): React.JSX.Element {
  const { t } = useUiLanguage('segments');
  const statusLabel = useStatusLabel();
  const ids = useId();
  const pagesInvalid = parsePageRange(filter.pages) === 'invalid';
  const attributes = attributeChoices(codebook);
  const languages = [
    ...new Set([...infos.values()].map((i) => i.language).filter((l): l is string => l !== null)),
  ].sort();
  const readable = documents.filter((d) => d.status === 'ok');
  const toggle = <T extends string>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list, item] : list.filter((x) => x !== item);
  const active = JSON.stringify({ ...filter, sort: EMPTY_FILTER.sort }) !== JSON.stringify(EMPTY_FILTER);

  return (
    <form aria-label={t('filters.label')} className="segment-filters" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>{t('filters.text')}</span>
        <input
          type="search"
          value={filter.text}
          onChange={(e) => updateFilter({ text: e.target.value })}
          placeholder={t('filters.textPlaceholder')}
        />
      </label>
      {sortable && (
        <label className="field">
          <span>{t('filters.sortBy')}</span>
          <select
            value={filter.sort}
            onChange={(e) => updateFilter({ sort: e.target.value as SegmentFilterState['sort'] })}
          >
            <option value="document">{t('filters.sort.document')}</option>
            <option value="date">{t('filters.sort.date')}</option>
            <option value="tag">{t('filters.sort.tag')}</option>
          </select>
        </label>
      )}
      <fieldset className="filter-group">
        <legend>{t('filters.tags')}</legend>
        {[...codebook.tags.map((tag) => tag.id), ...extraTags].map((id) => (
          <label key={id} className={`check tag-${id}`}>
            <input
              type="checkbox"
              checked={filter.tags.includes(id)}
              onChange={(e) => updateFilter({ tags: toggle(filter.tags, id, e.target.checked) })}
            />
            <span className="tag-swatch" aria-hidden="true" />
            {tagLabel(codebook, id)}
          </label>
        ))}
      </fieldset>
      {attributes.length > 0 && (
        <fieldset className="filter-group">
          <legend>{t('filters.attributes')}</legend>
          {attributes.map((attribute) => (
            <label key={attribute.id} className="field inline">
              <span>{localLabel(attribute)}</span>
              <select
                value={filter.attributes[attribute.id] ?? ''}
                onChange={(e) =>
                  updateFilter({ attributes: { ...filter.attributes, [attribute.id]: e.target.value } })
                }
              >
                <option value="">{t('filters.any')}</option>
                {attribute.values.map((v) => (
                  <option key={v.id} value={v.id}>
                    {localLabel(v)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      {annotators.length > 0 && (
        <fieldset className="filter-group">
          <legend>{t('filters.annotators')}</legend>
          {annotators.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={filter.annotators.includes(name)}
                onChange={(e) =>
                  updateFilter({ annotators: toggle(filter.annotators, name, e.target.checked) })
                }
              />
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="filter-group">
        <legend>{t('filters.documents')}</legend>
        <label className="field">
          <span>{t('filters.document')}</span>
          <select value={filter.document} onChange={(e) => updateFilter({ document: e.target.value })}>
            <option value="">{t('filters.everyDocument')}</option>
            {readable.map((d) => (
              <option key={d.path} value={d.path}>
                {shortTitle(d.title)}
              </option>
            ))}
          </select>
        </label>
        {languages.length > 0 && (
          <label className="field">
            <span>{t('filters.language')}</span>
            <select value={filter.language} onChange={(e) => updateFilter({ language: e.target.value })}>
              <option value="">{t('filters.any')}</option>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          </label>
        )}
        <div role="group" aria-labelledby={`${ids}-status`} className="checks">
          <span id={`${ids}-status`} className="group-label">
            {t('filters.myStatus')}
          </span>
          {WORK_STATUSES.map((status) => (
            <label key={status} className="check">
              <input
                type="checkbox"
                checked={filter.statuses.includes(status)}
                onChange={(e) =>
                  updateFilter({ statuses: toggle<WorkStatus>(filter.statuses, status, e.target.checked) })
                }
              />
              {statusLabel(status)}
            </label>
          ))}
        </div>
        <div className="date-range">
          <label className="field">
            <span>{t('filters.dateFrom')}</span>
            <input
              value={filter.dateFrom}
              onChange={(e) => updateFilter({ dateFrom: e.target.value })}
              placeholder={t('filters.datePlaceholder')}
              size={10}
            />
          </label>
          <label className="field">
            <span>{t('filters.dateTo')}</span>
            <input
              value={filter.dateTo}
              onChange={(e) => updateFilter({ dateTo: e.target.value })}
              placeholder={t('filters.datePlaceholder')}
              size={10}
            />
          </label>
        </div>
        <label className="field">
          <span>{t('filter.pages')}</span>
          <input
            value={filter.pages}
            onChange={(e) => updateFilter({ pages: e.target.value })}
            placeholder={t('filter.pagesPlaceholder')}
            size={8}
            aria-invalid={pagesInvalid ? true : undefined}
            aria-describedby={`${ids}-pages`}
          />
        </label>
        <span id={`${ids}-pages`} className="hint">
          {pagesInvalid ? t('filter.pagesInvalid') : t('filter.pagesHint')}
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.includeUndated}
            onChange={(e) => updateFilter({ includeUndated: e.target.checked })}
          />
          {t('filters.keepUndated')}
        </label>
      </fieldset>
      <button
        type="button"
        className="plain-button"
        disabled={!active}
        onClick={() => updateFilter({ ...EMPTY_FILTER, sort: filter.sort })}
      >
        {t('filters.clear')}
      </button>
    </form>
  );
}

/** A title short enough for a select (titles are often a whole lead paragraph). */
export function shortTitle(title: string, max = 70): string {
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}
