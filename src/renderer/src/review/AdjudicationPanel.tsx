import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Trans } from 'react-i18next';
import { FormError } from '../ui/ModalDialog';
import type { Decision, EditedSpan } from '../../../shared/agreement/adjudication';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { ComparisonUnit } from '../../../shared/agreement/disagreements';
import { codePointIndex, describeSpan } from '../../../shared/text/text-quote';
import { describeAttributes, tagLabel } from '../annotate/annotation-labels';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { KIND_MARKERS, kindLabel } from './DocumentComparison';
import { stepWord, wordBounds, type SpanEnd } from './word-steps';

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
  const { t } = useUiLanguage('review');
  const format = useFormat();
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
    <section aria-label={t('panel.label')} className="adjudication-panel">
      <h2 className="pane-heading">{t('panel.label')}</h2>
      <div className="adjudication-body">
        <label className="field">
          <span>{t('panel.target')}</span>
          <input
            value={props.target}
            onChange={(e) => props.onTargetChange(e.target.value)}
            aria-describedby={props.targetProblem ? `${targetId}-problem` : undefined}
            title={t('panel.targetTitle')}
          />
        </label>
        <FormError id={`${targetId}-problem`} message={props.targetProblem} />
        <p className="adjudication-progress" role="status" ref={progress} tabIndex={-1}>
          {t('panel.progress', {
            count: props.progress.total,
            decided: format.number(props.progress.decided),
            total: format.number(props.progress.total),
          })}
        </p>
        <div className="form-actions wrap">
          <button
            type="button"
            disabled={blocked || props.pendingAgreements === 0}
            onClick={props.onAcceptAgreements}
          >
            {props.pendingAgreements > 0
              ? t('panel.acceptAgreementsN', { n: format.number(props.pendingAgreements) })
              : t('panel.acceptAgreements')}
          </button>
          <button
            ref={undoButton}
            type="button"
            disabled={props.busy || !props.undoLabel}
            title={props.undoLabel ? t('panel.undoTitle', { step: props.undoLabel }) : undefined}
            onClick={props.onUndo}
          >
            {t('panel.undo')}
          </button>
          <button
            ref={redoButton}
            type="button"
            disabled={props.busy || !props.redoLabel}
            title={props.redoLabel ? t('panel.redoTitle', { step: props.redoLabel }) : undefined}
            onClick={props.onRedo}
          >
            {t('panel.redo')}
          </button>
        </div>

        {!unit ? (
          <p className="hint">{t('panel.noUnit')}</p>
        ) : (
          <article
            ref={card}
            tabIndex={-1}
            className={`unit-card cmp-card-${unit.kind}`}
            aria-label={t('panel.unit')}
          >
            <h3 className="unit-kind">
              <span className={`cmp cmp-${unit.kind}`}>
                <span className="cmp-marker" aria-hidden="true">
                  {KIND_MARKERS[unit.kind]}
                </span>
                {kindLabel(unit.kind, aName, bName)}
              </span>
              {props.place !== null && (
                <span className="unit-place">{t('panel.place', { n: format.number(props.place) })}</span>
              )}
            </h3>
            <div className="versions">
              <Version label={t('panel.versionA', { name: aName })} spans={unit.a} codebook={codebook} />
              <Version label={t('panel.versionB', { name: bName })} spans={unit.b} codebook={codebook} />
            </div>
            <p className="unit-decision">
              <Trans
                t={t}
                i18nKey="panel.decision"
                values={{ decision: decision ? t(`decision.${decision}`) : t('panel.noDecision') }}
                components={{ strong: <strong /> }}
              />
            </p>
            <div className="decision-buttons" role="group" aria-label={t('panel.decide')}>
              <button
                type="button"
                aria-pressed={decision === 'a'}
                disabled={blocked || unit.a.length === 0}
                onClick={() => props.onDecide('a')}
              >
                {t('decision.a')}
              </button>
              <button
                type="button"
                aria-pressed={decision === 'b'}
                disabled={blocked || unit.b.length === 0}
                onClick={() => props.onDecide('b')}
              >
                {t('decision.b')}
              </button>
              <button
                type="button"
                aria-pressed={decision === 'both'}
                disabled={blocked || unit.a.length === 0 || unit.b.length === 0 || unit.kind === 'agree'}
                onClick={() => props.onDecide('both')}
              >
                {t('decision.both')}
              </button>
              <button
                type="button"
                aria-pressed={decision === 'reject'}
                disabled={blocked}
                onClick={() => props.onDecide('reject')}
              >
                {t('decision.reject')}
              </button>
              <button
                ref={editButton}
                type="button"
                aria-pressed={decision === 'edit'}
                aria-expanded={editing}
                disabled={blocked}
                onClick={() => setEditing((on) => !on)}
              >
                {t('panel.edit')}
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
  const { t } = useUiLanguage('review');
  return (
    <div className="version">
      <h4>{label}</h4>
      {spans.length === 0 && <p className="hint">{t('panel.noSpan')}</p>}
      {spans.map((s) => {
        const attributes = describeAttributes(codebook, s.tag, s.attributes);
        return (
          <div key={s.id} className="version-span">
            <p className="item-tag">
              <span className={`tag-swatch tag-${s.tag}`} data-tag={s.tag} aria-hidden="true" />
              {tagLabel(codebook, s.tag)}
            </p>
            <blockquote className="form-quote">{s.quote}</blockquote>
            <p className="offsets">{t('panel.characters', { start: s.start, end: s.end })}</p>
            {attributes && <p className="item-attrs">{attributes}</p>}
            {s.note && <p className="item-note">{s.note}</p>}
          </div>
        );
      })}
    </div>
  );
}

const SPAN_ENDS: readonly SpanEnd[] = ['start', 'end'];

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
  const { t } = useUiLanguage('review');
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
  const tags = codebook.tags.filter((x) => !x.retired || x.id === base.tag);
  const step = (which: SpanEnd, direction: -1 | 1) => {
    if (!valid) return;
    const next = stepWord(bounds, span, which, direction);
    if (next) setSpan(next);
  };
  const number = (value: string): number => (value.trim() === '' ? NaN : Number(value));

  return (
    <form
      className="edit-form"
      aria-label={t('edit.label')}
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
        <span>{t('edit.tag')}</span>
        <select value={tag} onChange={(e) => setTag(e.target.value)}>
          {tags.map((x) => (
            <option key={x.id} value={x.id}>
              {tagLabel(codebook, x.id)}
            </option>
          ))}
        </select>
      </label>
      <div className="edit-ends">
        {SPAN_ENDS.map((which) => (
          <div key={which} className="edit-end">
            <label className="field">
              <span>{t(`edit.${which}`)}</span>
              <input
                type="number"
                min={0}
                max={index.length}
                value={Number.isNaN(span[which]) ? '' : span[which]}
                onChange={(e) => setSpan({ ...span, [which]: number(e.target.value) })}
              />
            </label>
            <div className="word-steps">
              <button type="button" aria-label={t(`edit.${which}Earlier`)} onClick={() => step(which, -1)}>
                {t('edit.wordEarlier')}
              </button>
              <button type="button" aria-label={t(`edit.${which}Later`)} onClick={() => step(which, 1)}>
                {t('edit.wordLater')}
              </button>
            </div>
          </div>
        ))}
      </div>
      <blockquote className="form-quote" aria-label={t('edit.quote')}>
        {quote ? quote.quote : t('edit.notASpan', { length: index.length })}
      </blockquote>
      <label className="field">
        <span>{t('edit.note')}</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="submit" className="primary" disabled={!quote}>
          {t('edit.save')}
        </button>
      </div>
    </form>
  );
}
