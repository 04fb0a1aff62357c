import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormError } from '../ui/ModalDialog';
import type { Decision, EditedSpan } from '../../../shared/agreement/adjudication';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { ComparisonUnit } from '../../../shared/agreement/disagreements';
import { codePointIndex, describeSpan } from '../../../shared/text/text-quote';
import { describeAttributes, tagLabel } from '../annotate/annotation-labels';
import { formatCount } from '../ui/format';
import { KIND_MARKERS, kindLabel } from './DocumentComparison';
import { stepWord, wordBounds, type SpanEnd } from './word-steps';

export const DECISION_LABELS: Record<Decision, string> = {
  a: 'Accept A',
  b: 'Accept B',
  both: 'Accept both',
  edit: 'Edit',
  reject: 'Reject',
};

/** Where the panel puts the focus once a decision, undo or redo has been written. */
export interface FocusRequest {
  target: 'unit' | 'progress' | 'undo' | 'redo';
  nonce: number;
}

interface Props {
  unit: ComparisonUnit<Annotation> | null;
  /** 1-based place of the unit among the document's disagreements (null for an agreement). */
  place: number | null;
  decision: Decision | null;
  aName: string;
  bName: string;
  codebook: Codebook;
  text: string;
  target: string;
  onTargetChange(value: string): void;
  /** Why the target cannot be used, or null. */
  targetProblem: string | null;
  progress: { decided: number; total: number };
  pendingAgreements: number;
  busy: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  onDecide(decision: Decision, edited?: EditedSpan): void;
  onAcceptAgreements(): void;
  onUndo(): void;
  onRedo(): void;
  focusRequest: FocusRequest | null;
}

/** The selected unit's two versions and what the reviewer makes of it. */
export function AdjudicationPanel(props: Props): React.JSX.Element {
  const { unit, aName, bName, codebook, decision } = props;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLElement>(null);
  const progress = useRef<HTMLParagraphElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const redoButton = useRef<HTMLButtonElement>(null);
  const targetId = useId();
  useEffect(() => setEditing(false), [unit?.key]);
  const blocked = props.busy || props.targetProblem !== null;

  // Once the write is done (not busy: the buttons are enabled again). A disabled undo or redo hands over to the card.
  const request = props.busy ? null : props.focusRequest;
  useEffect(() => {
    if (!request) return;
    const wanted = request.target === 'undo' ? undoButton : request.target === 'redo' ? redoButton : null;
    const button = wanted?.current;
    if (button && !button.disabled) button.focus();
    else if (request.target !== 'progress' && card.current) card.current.focus();
    else progress.current?.focus();
  }, [request?.nonce]); // eslint-disable-line react-hooks/exhaustive-deps -- once per request

  return (
    <section aria-label="Adjudication" className="adjudication-panel">
      <h2 className="pane-heading">Adjudication</h2>
      <div className="adjudication-body">
        <label className="field">
          <span>Target annotator</span>
          <input
            value={props.target}
            onChange={(e) => props.onTargetChange(e.target.value)}
            aria-describedby={props.targetProblem ? `${targetId}-problem` : undefined}
            title="Decisions are written as annotations of this annotator"
          />
        </label>
        <FormError id={`${targetId}-problem`} message={props.targetProblem} />
        <p className="adjudication-progress" role="status" ref={progress} tabIndex={-1}>
          {formatCount(props.progress.decided)} of {formatCount(props.progress.total)} disagreements decided
        </p>
        <div className="form-actions wrap">
          <button
            type="button"
            disabled={blocked || props.pendingAgreements === 0}
            onClick={props.onAcceptAgreements}
          >
            Accept all agreements
            {props.pendingAgreements > 0 ? ` (${formatCount(props.pendingAgreements)})` : ''}
          </button>
          <button
            ref={undoButton}
            type="button"
            disabled={props.busy || !props.undoLabel}
            title={props.undoLabel ? `Undo: ${props.undoLabel}` : undefined}
            onClick={props.onUndo}
          >
            Undo decision
          </button>
          <button
            ref={redoButton}
            type="button"
            disabled={props.busy || !props.redoLabel}
            title={props.redoLabel ? `Redo: ${props.redoLabel}` : undefined}
            onClick={props.onRedo}
          >
            Redo decision
          </button>
        </div>

        {!unit ? (
          <p className="hint">
            Select a marked passage, or press n / p for the next / previous disagreement.
          </p>
        ) : (
          <article
            ref={card}
            tabIndex={-1}
            className={`unit-card cmp-card-${unit.kind}`}
            aria-label="Selected unit"
          >
            <h3 className="unit-kind">
              <span className={`cmp cmp-${unit.kind}`}>
                <span className="cmp-marker" aria-hidden="true">
                  {KIND_MARKERS[unit.kind]}
                </span>
                {kindLabel(unit.kind, aName, bName)}
              </span>
              {props.place !== null && (
                <span className="unit-place">disagreement {formatCount(props.place)}</span>
              )}
            </h3>
            <div className="versions">
              <Version label={`A · ${aName}`} spans={unit.a} codebook={codebook} />
              <Version label={`B · ${bName}`} spans={unit.b} codebook={codebook} />
            </div>
            <p className="unit-decision">
              Decision: <strong>{decision ? DECISION_LABELS[decision] : 'none yet'}</strong>
            </p>
            <div className="decision-buttons" role="group" aria-label="Decide">
              <button
                type="button"
                aria-pressed={decision === 'a'}
                disabled={blocked || unit.a.length === 0}
                onClick={() => props.onDecide('a')}
              >
                Accept A
              </button>
              <button
                type="button"
                aria-pressed={decision === 'b'}
                disabled={blocked || unit.b.length === 0}
                onClick={() => props.onDecide('b')}
              >
                Accept B
              </button>
              <button
                type="button"
                aria-pressed={decision === 'both'}
                disabled={blocked || unit.a.length === 0 || unit.b.length === 0 || unit.kind === 'agree'}
                onClick={() => props.onDecide('both')}
              >
                Accept both
              </button>
              <button
                type="button"
                aria-pressed={decision === 'reject'}
                disabled={blocked}
                onClick={() => props.onDecide('reject')}
              >
                Reject
              </button>
              <button
                ref={editButton}
                type="button"
                aria-pressed={decision === 'edit'}
                aria-expanded={editing}
                disabled={blocked}
                onClick={() => setEditing((on) => !on)}
              >
                Edit…
              </button>
            </div>
            {editing && (
              <EditForm
                unit={unit}
                codebook={codebook}
                text={props.text}
                onCancel={() => {
                  setEditing(false);
                  editButton.current?.focus(); // the form goes away; n / p keep working from here
                }}
                onSave={(edited) => {
                  setEditing(false);
                  editButton.current?.focus();
                  props.onDecide('edit', edited);
                }}
              />
            )}
          </article>
        )}
      </div>
    </section>
  );
}

function Version({
  label,
  spans,
  codebook,
}: {
  label: string;
  spans: Annotation[];
  codebook: Codebook;
}): React.JSX.Element {
  return (
    <div className="version">
      <h4>{label}</h4>
      {spans.length === 0 && <p className="hint">No span here.</p>}
      {spans.map((s) => {
        const attributes = describeAttributes(codebook, s.tag, s.attributes);
        return (
          <div key={s.id} className="version-span">
            <p className="item-tag">
              <span className={`tag-swatch tag-${s.tag}`} data-tag={s.tag} aria-hidden="true" />
              {tagLabel(codebook, s.tag)}
            </p>
            <blockquote className="form-quote">{s.quote}</blockquote>
            <p className="offsets">
              Characters {s.start}–{s.end}
            </p>
            {attributes && <p className="item-attrs">{attributes}</p>}
            {s.note && <p className="item-note">{s.note}</p>}
          </div>
        );
      })}
    </div>
  );
}

/** The reviewer's own version: a tag, and the span moved by words or characters. */
function EditForm({
  unit,
  codebook,
  text,
  onSave,
  onCancel,
}: {
  unit: ComparisonUnit<Annotation>;
  codebook: Codebook;
  text: string;
  onSave(edited: EditedSpan): void;
  onCancel(): void;
}): React.JSX.Element {
  const base = (unit.a[0] ?? unit.b[0])!;
  const index = useMemo(() => codePointIndex(text), [text]);
  const bounds = useMemo(() => wordBounds(index), [index]);
  const [tag, setTag] = useState(base.tag);
  const [span, setSpan] = useState({ start: base.start, end: base.end });
  const [note, setNote] = useState(base.note);
  const valid =
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.end <= index.length &&
    span.end > span.start;
  const quote = valid ? describeSpan(index, span.start, span.end) : null;
  const tags = codebook.tags.filter((t) => !t.retired || t.id === base.tag);
  const step = (which: SpanEnd, direction: -1 | 1) => {
    if (!valid) return;
    const next = stepWord(bounds, span, which, direction);
    if (next) setSpan(next);
  };
  const number = (value: string): number => (value.trim() === '' ? NaN : Number(value));

  return (
    <form
      className="edit-form"
      aria-label="Edit the adjudicated span"
      onSubmit={(e) => {
        e.preventDefault();
        if (!quote) return;
        const attributes = tag === base.tag ? base.attributes : {};
        onSave({ tag, start: span.start, end: span.end, ...quote, attributes, note });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label className="field">
        <span>Tag</span>
        <select value={tag} onChange={(e) => setTag(e.target.value)}>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {tagLabel(codebook, t.id)}
            </option>
          ))}
        </select>
      </label>
      <div className="edit-ends">
        {(['start', 'end'] as const).map((which) => (
          <div key={which} className="edit-end">
            <label className="field">
              <span>{which === 'start' ? 'Start' : 'End'}</span>
              <input
                type="number"
                min={0}
                max={index.length}
                value={Number.isNaN(span[which]) ? '' : span[which]}
                onChange={(e) => setSpan({ ...span, [which]: number(e.target.value) })}
              />
            </label>
            <div className="word-steps">
              <button
                type="button"
                aria-label={`${which === 'start' ? 'Start' : 'End'} one word earlier`}
                onClick={() => step(which, -1)}
              >
                ◀ word
              </button>
              <button
                type="button"
                aria-label={`${which === 'start' ? 'Start' : 'End'} one word later`}
                onClick={() => step(which, 1)}
              >
                word ▶
              </button>
            </div>
          </div>
        ))}
      </div>
      <blockquote className="form-quote" aria-label="Edited quote">
        {quote ? quote.quote : `Not a span of the text (0–${index.length}, start before end).`}
      </blockquote>
      <label className="field">
        <span>Note</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!quote}>
          Save edit
        </button>
      </div>
    </form>
  );
}
