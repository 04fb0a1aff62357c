import type { ReactNode, Ref } from 'react';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { AnnotationPatch } from '../db/annotation-repo';
import { describeAttributes, tagLabel } from './annotation-labels';
import { AnnotationForm } from './AnnotationForm';
import { AnnotationList } from './AnnotationList';
import { MovedBadge, PlacementCheck } from './PlacementCheck';
import { localDescription, localLabel } from '../i18n/codebook-text';

/** A stored annotation that cannot be drawn on this text, and why. */
export interface Misfit {
  annotation: Annotation;
  problem: string;
}

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

/** The document's annotations in text order, with counts, filters and the selected one's form. */
export function AnnotationsPanel(props: Props): React.JSX.Element {
  const { codebook, annotations, tagFilter } = props;
  const counts = new Map<string, number>();
  for (const a of annotations) counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1);
  const listed = tagFilter ? annotations.filter((a) => a.tag === tagFilter) : annotations;
  const misfits = props.misfits ?? [];
  const selected =
    [...annotations, ...props.orphans, ...misfits.map((m) => m.annotation)].find(
      (a) => a.id === props.selectedId,
    ) ?? null;
  const pageOf = props.pageOf;
  const item = (a: Annotation): React.JSX.Element => (
    <AnnotationItem
      annotation={a}
      codebook={codebook}
      mine={a.annotator === props.annotator}
      selected={a.id === props.selectedId}
      onSelect={() => props.onSelect(a.id)}
      onDelete={() => props.onDelete(a.id)}
      page={pageOf?.(a.start)}
    />
  );
  const shortcutOf = (id: string): string | null => {
    const tag = codebook.tags.find((t) => t.id === id);
    return tag && !tag.retired ? tag.shortcut : null;
  };
  const tagIds = [
    ...codebook.tags.filter((t) => !t.retired || counts.has(t.id)).map((t) => t.id),
    ...[...counts.keys()].filter((id) => !codebook.tags.some((t) => t.id === id)),
  ];

  return (
    <section
      ref={props.ref}
      aria-label="Annotations"
      className="annotations-panel"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        props.onLeave();
      }}
    >
      <div className="pane-heading panel-heading">
        <h2>
          Annotations <span className="count">{annotations.length}</span>
        </h2>
        {props.history}
      </div>
      <div role="group" aria-label="Filter by tag" className="tag-counts">
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
                title={`Key ${shortcutOf(id)} tags a selection as ${tagLabel(codebook, id)}`}
              >
                <span className="visually-hidden">key </span>
                {shortcutOf(id)}
              </kbd>
            )}
          </button>
        ))}
      </div>
      <details className="tag-help">
        <summary>What the tags mean</summary>
        <dl>
          {codebook.tags
            .filter((t) => !t.retired)
            .map((t) => (
              <div key={t.id}>
                <dt>
                  {localLabel(t)}
                  {t.shortcut && <span className="hint"> · key {t.shortcut}</span>}
                </dt>
                <dd>{localDescription(t) || 'No description in the codebook.'}</dd>
              </div>
            ))}
        </dl>
      </details>
      {props.otherAnnotators.length > 0 && (
        <fieldset className="annotator-filter">
          <legend>Show annotators</legend>
          <label className="check">
            <input type="checkbox" checked disabled /> {props.annotator} (you)
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
        <p className="empty-note">
          {annotations.length === 0
            ? 'No annotations yet. Select text in the article and press a tag key (1, 2, 3) or pick a tag.'
            : 'No annotations with this tag.'}
        </p>
      ) : (
        <AnnotationList
          annotations={listed}
          selectedId={props.selectedId}
          label="Annotations in text order"
          renderItem={item}
        />
      )}
      {props.orphans.length > 0 && (
        <section aria-label="Orphaned annotations" className="orphans">
          <h3>Orphaned annotations</h3>
          <p className="hint">
            The text changed and these quotes could not be found again. They are kept: delete them, or restore
            the text.
          </p>
          <ul className="annotation-list">
            {props.orphans.map((a) => (
              <li key={a.id}>{item(a)}</li>
            ))}
          </ul>
        </section>
      )}
      {misfits.length > 0 && (
        <section aria-label="Annotations that do not fit the text" className="orphans">
          <h3>Annotations that do not fit the text</h3>
          <p className="hint">
            These stored annotations cannot be drawn on this text. They are kept: delete them, or restore a
            backup.
          </p>
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

export function AnnotationItem({
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
  onSelect(): void;
  /** The PDF page the span starts on. */
  page?: number | undefined;
  /** The Delete key on the focused entry (the owner refuses another annotator's). */
  onDelete?: () => void;
}): React.JSX.Element {
  const attrs = describeAttributes(codebook, a.tag, a.attributes);
  return (
    <button
      type="button"
      className={`annotation-item tag-${a.tag}`}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key !== 'Delete' || !onDelete) return;
        event.preventDefault();
        onDelete();
      }}
    >
      <span className="item-tag">
        <span className="tag-swatch" aria-hidden="true" />
        {tagLabel(codebook, a.tag)}
        {!mine && <span className="item-annotator"> · {a.annotator}</span>}
        {page !== undefined && <span className="item-page"> · p. {page}</span>}
        <MovedBadge annotation={a} />
      </span>
      <span className="item-quote">{truncate(a.quote, 160)}</span>
      {attrs && <span className="item-attrs">{attrs}</span>}
      {a.note && <span className="item-note">{truncate(a.note, 160)}</span>}
    </button>
  );
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
