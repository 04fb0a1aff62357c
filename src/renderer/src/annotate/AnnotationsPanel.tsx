import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { AnnotationPatch } from '../db/annotation-repo';
import { describeAttributes, tagLabel } from './annotation-labels';
import { AnnotationForm } from './AnnotationForm';
import { AnnotationList } from './AnnotationList';

interface Props {
  codebook: Codebook;
  /** Annotations of this document by every annotator shown, in text order. */
  annotations: Annotation[];
  orphans: Annotation[];
  annotator: string;
  /** Other annotators who have annotations in this document. */
  otherAnnotators: string[];
  shownAnnotators: ReadonlySet<string>;
  onToggleAnnotator(name: string, shown: boolean): void;
  tagFilter: string | null;
  onTagFilter(tag: string | null): void;
  selectedId: string | null;
  onSelect(id: string): void;
  onUpdate(id: string, patch: AnnotationPatch): void;
  onDelete(id: string): void;
  /** The *Suggestions (N)* section, drawn below the annotations. */
  suggestions?: React.ReactNode;
}

/** The document's annotations in text order, with counts, filters and the selected one's form. */
export function AnnotationsPanel(props: Props): React.JSX.Element {
  const { codebook, annotations, tagFilter } = props;
  const counts = new Map<string, number>();
  for (const a of annotations) counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1);
  const listed = tagFilter ? annotations.filter((a) => a.tag === tagFilter) : annotations;
  const selected = [...annotations, ...props.orphans].find((a) => a.id === props.selectedId) ?? null;
  const items = (list: Annotation[]): React.JSX.Element[] =>
    list.map((a) => (
      <AnnotationItem
        key={a.id}
        annotation={a}
        codebook={codebook}
        mine={a.annotator === props.annotator}
        selected={a.id === props.selectedId}
        onSelect={() => props.onSelect(a.id)}
      />
    ));
  const tagIds = [
    ...codebook.tags.filter((t) => !t.retired || counts.has(t.id)).map((t) => t.id),
    ...[...counts.keys()].filter((id) => !codebook.tags.some((t) => t.id === id)),
  ];

  return (
    <section aria-label="Annotations" className="annotations-panel">
      <h2 className="pane-heading">
        Annotations <span className="count">{annotations.length}</span>
      </h2>
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
          </button>
        ))}
      </div>
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
        <AnnotationForm
          key={selected.id}
          annotation={selected}
          codebook={codebook}
          readOnly={selected.annotator !== props.annotator}
          onUpdate={(patch) => props.onUpdate(selected.id, patch)}
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
          renderItem={(a) => (
            <AnnotationItem
              annotation={a}
              codebook={codebook}
              mine={a.annotator === props.annotator}
              selected={a.id === props.selectedId}
              onSelect={() => props.onSelect(a.id)}
            />
          )}
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
              <li key={a.id}>{items([a])}</li>
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
}: {
  annotation: Annotation;
  codebook: Codebook;
  mine: boolean;
  selected: boolean;
  onSelect(): void;
}): React.JSX.Element {
  const attrs = describeAttributes(codebook, a.tag, a.attributes);
  return (
    <button
      type="button"
      className={`annotation-item tag-${a.tag}`}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
    >
      <span className="item-tag">
        <span className="tag-swatch" aria-hidden="true" />
        {tagLabel(codebook, a.tag)}
        {!mine && <span className="item-annotator"> · {a.annotator}</span>}
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
