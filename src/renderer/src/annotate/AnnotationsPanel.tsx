import { memo, useCallback, useMemo, useRef, type ReactNode, type Ref } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { AnnotationPatch } from '../db/annotation-repo';
import { useUiLanguage } from '../i18n/i18n';
import { describeAttributes, tagLabel } from './annotation-labels';
import { AnnotationForm } from './AnnotationForm';
import { AnnotationList } from './AnnotationList';
import { MovedBadge, PlacementCheck } from './PlacementCheck';
import { AlsoEditedOn } from '../team/AlsoEditedOn';
import { localDescription, localLabel } from '../i18n/codebook-text';

import type { Misfit } from './misfits';

export type { Misfit } from './misfits';

interface Props {
  codebook: Codebook;
  /** Annotations of this document by every annotator shown, in text order. */
  annotations: Annotation[];
  orphans: Annotation[];
  /** Records that claim this text but do not fit it: listed with their problem, never drawn. */
  misfits?: readonly Misfit[];
  annotator: string;
  /** Other annotators who have annotations in this document. */
  otherAnnotators: string[];
  shownAnnotators: ReadonlySet<string>;
  onToggleAnnotator(name: string, shown: boolean): void;
  tagFilter: string | null;
  onTagFilter(tag: string | null): void;
  selectedId: string | null;
  onSelect(id: string): void;
  onUpdate(id: string, patch: AnnotationPatch, expectedNote?: string): void;
  onDelete(id: string): void;
  /** The page an offset is on, for documents with pages (PDF); undefined otherwise. */
  pageOf?(offset: number): number | undefined;
  onConfirmPlacement(id: string): void;
  /** The Undo and Redo buttons. */
  history: ReactNode;
  /** Escape in the panel: back to the article, where the caret was. */
  onLeave(): void;
  ref?: Ref<HTMLElement>;
  /** The *Suggestions (N)* section, drawn below the annotations. */
  suggestions?: React.ReactNode;
}

const NO_MISFITS: readonly Misfit[] = [];

/** The document's annotations in text order, with counts, filters and the selected one's form. */
export function AnnotationsPanel(props: Props): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const { codebook, annotations, tagFilter, orphans, annotator, selectedId, pageOf } = props;
  const misfits = props.misfits ?? NO_MISFITS;
  // Derived once per list of annotations: a change of selection (Tab, a click) re-renders the panel,
  // and walking ten thousand annotations for it sat between the keypress and its paint.
  const counts = useMemo(() => {
    const byTag = new Map<string, number>();
    for (const a of annotations) byTag.set(a.tag, (byTag.get(a.tag) ?? 0) + 1);
    return byTag;
  }, [annotations]);
  const listed = useMemo(
    () => (tagFilter ? annotations.filter((a) => a.tag === tagFilter) : annotations),
    [annotations, tagFilter],
  );
  const selected = useMemo(
    () =>
      selectedId === null
        ? null
        : (annotations.find((a) => a.id === selectedId) ??
          orphans.find((a) => a.id === selectedId) ??
          misfits.find((m) => m.annotation.id === selectedId)?.annotation ??
          null),
    [annotations, orphans, misfits, selectedId],
  );
  // The entries are memoised: handlers that keep their identity let an entry whose own props did not
  // change skip rendering, so a new selection renders the two entries it touches, not every visible one.
  const latest = useRef(props);
  latest.current = props;
  const onSelect = useCallback((id: string) => latest.current.onSelect(id), []);
  const onDelete = useCallback((id: string) => latest.current.onDelete(id), []);
  const item = (a: Annotation): React.JSX.Element => (
    <AnnotationItem
      annotation={a}
      codebook={codebook}
      mine={a.annotator === annotator}
      selected={a.id === selectedId}
      onSelect={onSelect}
      onDelete={onDelete}
      page={pageOf?.(a.start)}
    />
  );
  const shortcutOf = (id: string): string | null => {
    const tag = codebook.tags.find((x) => x.id === id);
    return tag && !tag.retired ? tag.shortcut : null;
  };
  const tagIds = [
    ...codebook.tags.filter((x) => !x.retired || counts.has(x.id)).map((x) => x.id),
    ...[...counts.keys()].filter((id) => !codebook.tags.some((x) => x.id === id)),
  ];

  return (
    <section
      ref={props.ref}
      aria-label={t('panel.label')}
      className="annotations-panel"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        props.onLeave();
      }}
    >
      <div className="pane-heading panel-heading">
        <h2>
          {t('panel.heading')} <span className="count">{annotations.length}</span>
        </h2>
        {props.history}
      </div>
      <div role="group" aria-label={t('panel.filterByTag')} className="tag-counts">
        {tagIds.map((id) => (
          <button
            key={id}
            type="button"
            className={`tag-chip tag-${id}`}
            aria-pressed={tagFilter === id}
            onClick={() => props.onTagFilter(tagFilter === id ? null : id)}
          >
            <span className="tag-swatch" aria-hidden="true" />
            {tagLabel(codebook, id)} <span className="chip-count">{counts.get(id) ?? 0}</span>
            {shortcutOf(id) && (
              // The key legend: the same key tags a selection in the article.
              <kbd
                className="shortcut"
                title={t('panel.keyTitle', { key: shortcutOf(id), tag: tagLabel(codebook, id) })}
              >
                <span className="visually-hidden">{t('panel.keyHidden')}</span>
                {shortcutOf(id)}
              </kbd>
            )}
          </button>
        ))}
      </div>
      <details className="tag-help">
        <summary>{t('panel.tagHelp')}</summary>
        <dl>
          {codebook.tags
            .filter((x) => !x.retired)
            .map((x) => (
              <div key={x.id}>
                <dt>
                  {localLabel(x)}
                  {x.shortcut && <span className="hint">{t('panel.tagHelpKey', { key: x.shortcut })}</span>}
                </dt>
                <dd>{localDescription(x) || t('panel.noDescription')}</dd>
              </div>
            ))}
        </dl>
      </details>
      {props.otherAnnotators.length > 0 && (
        <fieldset className="annotator-filter">
          <legend>{t('panel.showAnnotators')}</legend>
          <label className="check">
            <input type="checkbox" checked disabled /> {t('panel.you', { name: props.annotator })}
          </label>
          {props.otherAnnotators.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={props.shownAnnotators.has(name)}
                onChange={(e) => props.onToggleAnnotator(name, e.target.checked)}
              />
              {name}
            </label>
          ))}
        </fieldset>
      )}
      {selected && (
        <PlacementCheck
          annotation={selected}
          mine={selected.annotator === props.annotator}
          onConfirm={() => props.onConfirmPlacement(selected.id)}
        />
      )}
      {selected && (
        <AlsoEditedOn
          annotation={selected}
          codebook={codebook}
          mine={selected.annotator === props.annotator}
          onUse={(patch) => props.onUpdate(selected.id, patch)}
        />
      )}
      {selected && (
        <AnnotationForm
          key={selected.id}
          annotation={selected}
          codebook={codebook}
          readOnly={selected.annotator !== props.annotator}
          onUpdate={(patch, expectedNote) => props.onUpdate(selected.id, patch, expectedNote)}
          onDelete={() => props.onDelete(selected.id)}
        />
      )}
      {listed.length === 0 ? (
        <p className="empty-note">{annotations.length === 0 ? t('panel.empty') : t('panel.emptyForTag')}</p>
      ) : (
        <AnnotationList
          annotations={listed}
          selectedId={props.selectedId}
          label={t('panel.listLabel')}
          renderItem={item}
        />
      )}
      {props.orphans.length > 0 && (
        <section aria-label={t('panel.orphans')} className="orphans">
          <h3>{t('panel.orphans')}</h3>
          <p className="hint">{t('panel.orphansHint')}</p>
          <ul className="annotation-list">
            {props.orphans.map((a) => (
              <li key={a.id}>{item(a)}</li>
            ))}
          </ul>
        </section>
      )}
      {misfits.length > 0 && (
        <section aria-label={t('panel.misfits')} className="orphans">
          <h3>{t('panel.misfits')}</h3>
          <p className="hint">{t('panel.misfitsHint')}</p>
          <ul className="annotation-list">
            {misfits.map((m) => (
              <li key={m.annotation.id}>
                {item(m.annotation)}
                <span className="item-problem">{m.problem}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.suggestions}
    </section>
  );
}

/** One entry of the lists; memoised (see AnnotationsPanel), so its handlers take the annotation's id. */
export const AnnotationItem = memo(function AnnotationItem({
  annotation: a,
  codebook,
  mine,
  selected,
  onSelect,
  page,
  onDelete,
}: {
  annotation: Annotation;
  codebook: Codebook;
  mine: boolean;
  selected: boolean;
  onSelect(id: string): void;
  /** The PDF page the span starts on. */
  page?: number | undefined;
  /** The Delete key on the focused entry (the owner refuses another annotator's). */
  onDelete?: ((id: string) => void) | undefined;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  const attrs = describeAttributes(codebook, a.tag, a.attributes);
  return (
    <button
      type="button"
      className={`annotation-item tag-${a.tag}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(a.id)}
      onKeyDown={(event) => {
        if (event.key !== 'Delete' || !onDelete) return;
        event.preventDefault();
        onDelete(a.id);
      }}
    >
      <span className="item-tag">
        <span className="tag-swatch" aria-hidden="true" />
        {tagLabel(codebook, a.tag)}
        {!mine && <span className="item-annotator">{t('item.annotator', { name: a.annotator })}</span>}
        {page !== undefined && <span className="item-page">{t('item.page', { page })}</span>}
        <MovedBadge annotation={a} />
      </span>
      <span className="item-quote">{truncate(a.quote, 160)}</span>
      {attrs && <span className="item-attrs">{attrs}</span>}
      {a.note && <span className="item-note">{truncate(a.note, 160)}</span>}
    </button>
  );
});

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
