import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { planDecision, type Decision, type EditedSpan } from '../../../shared/agreement/adjudication';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import {
  compareSpans,
  isDisagreement,
  nextUndecided,
  stepDisagreement,
  type ComparisonUnit,
} from '../../../shared/agreement/disagreements';
import { history } from '../annotate/document-history';
import { writeDecisions } from '../db/adjudication-repo';
import { db } from '../db/db';
import { redoInDocument, undoInDocument } from '../db/history-apply';
import { describeStorageError } from '../ui/storage-error';
import { AdjudicationPanel, type FocusRequest } from './AdjudicationPanel';
import { ComparisonLegend, DocumentComparison, kindLabel, type ComparisonLayout } from './DocumentComparison';
import { errorMessage } from '../../../shared/validation/error-message';
import { Trans } from 'react-i18next';
import { useUiLanguage } from '../i18n/i18n';

type Units = ComparisonUnit<Annotation>[];

export interface ReviewProps {
  meta: DocumentMeta;
  sides: { a: Annotation[]; b: Annotation[] };
  aName: string;
  bName: string;
  codebook: Codebook;
  readText(path: string): Promise<string>;
  decisionsFor(path: string, units: Units): Map<string, Decision | null>;
  /** The target field as typed, and trimmed. */
  target: string;
  targetName: string;
  onTargetChange(value: string): void;
  targetProblem: string | null;
  onBack(): void;
  onError(message: string | null): void;
}

/** One document: the classed article and the adjudication of its units. */
export function DocumentReview(props: ReviewProps): React.JSX.Element {
  const { meta, aName, bName, codebook, targetName: target, onError } = props;
  const { t } = useUiLanguage('review');
  const path = meta.path;
  const [text, setText] = useState<string | null>(null);
  const [layout, setLayout] = useState<ComparisonLayout>('merged');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [reveal, setReveal] = useState(0);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // Where the focus goes after a decision: its buttons are disabled while it is written, which drops the focus.
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const focusCount = useRef(0);
  const requestFocus = (target: FocusRequest['target']): void =>
    setFocusRequest({ target, nonce: ++focusCount.current });
  const comparisonRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  useSyncExternalStore(
    (listener) => history.subscribe(listener),
    () => history.revision,
  );

  useEffect(() => {
    let cancelled = false;
    setText(null);
    props.readText(path).then(
      (loaded) => {
        if (!cancelled) setText(loaded);
      },
      (e: unknown) => onError(t('document.unreadable', { path, reason: errorMessage(e) })),
    );
    return () => {
      cancelled = true;
    };
  }, [path, meta.sha256]); // eslint-disable-line react-hooks/exhaustive-deps -- read again only for another document or another version of it, not for the parent's new callbacks

  const textLoaded = text !== null;
  useEffect(() => {
    if (textLoaded) comparisonRef.current?.focus({ preventScroll: true });
  }, [textLoaded]);

  const units = useMemo(() => compareSpans(props.sides.a, props.sides.b), [props.sides]);
  const { decisionsFor } = props;
  const decisions = useMemo(() => decisionsFor(path, units), [decisionsFor, path, units]);
  const disagreements = units.filter(isDisagreement);
  const decided = disagreements.filter((u) => decisions.get(u.key)).length;
  const pendingAgreements = units.filter((u) => u.kind === 'agree' && !decisions.get(u.key));
  const selected = units.find((u) => u.key === selectedKey) ?? null;
  const place = selected && isDisagreement(selected) ? disagreements.indexOf(selected) + 1 : null;

  const top = history.peekUndo(path);
  const next = history.peekRedo(path);
  const undoLabel = top?.kind === 'group' ? top.label : null;
  const redoLabel = next?.kind === 'group' ? next.label : null;

  const run = async (work: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    try {
      const said = await work();
      if (said) setAnnouncement(said);
      onError(null);
    } catch (e) {
      onError(describeStorageError(e));
    } finally {
      setBusy(false);
    }
  };

  /**
   * After a decision on one unit, the next undecided disagreement (wrapping
   * round) is selected and focused, and said; with none left, the progress
   * line is.
   */
  const moveOn = (decidedKey: string, said: string): string => {
    const from = units.findIndex((u) => u.key === decidedKey);
    const index = nextUndecided(units, from, (key) => key === decidedKey || !!decisions.get(key));
    if (index === null) {
      requestFocus('progress');
      return t('moveOn.allDecided', { said });
    }
    const unit = units[index]!;
    setSelectedKey(unit.key);
    setReveal((n) => n + 1);
    requestFocus('unit');
    return t('moveOn.next', {
      said,
      kind: kindLabel(unit.kind, aName, bName),
      place: disagreements.indexOf(unit) + 1,
      total: disagreements.length,
    });
  };

  const decide = (units: Units, decision: Decision, label: string, edited?: EditedSpan): void =>
    void run(async () => {
      if (props.targetProblem) return null;
      const now = new Date().toISOString();
      const plans = units.map((u) =>
        planDecision(u, decision, {
          target,
          documentPath: path,
          now,
          edited,
          contentSha256: meta.sha256 ?? undefined,
        }),
      );
      const group = await writeDecisions(db, { target, documentPath: path, label, plans });
      if (group) history.record(group);
      const said = group
        ? t('document.written', { decision: label, target })
        : t('document.alreadyDecided', { decision: label });
      if (units.length === 1) return moveOn(units[0]!.key, said);
      requestFocus('progress'); // "Accept all agreements" is disabled once they are
      return said;
    });

  const undoRedo = (direction: 'undo' | 'redo'): void =>
    void run(async () => {
      const label = direction === 'undo' ? undoLabel : redoLabel;
      if (!label) return null;
      const apply = direction === 'undo' ? undoInDocument : redoInDocument;
      const change = await apply(db, history, path, { annotator: target });
      // Its button may be disabled now (nothing more to undo): the focus stays in the panel.
      requestFocus(direction);
      if (!change) return null;
      return direction === 'undo'
        ? t('document.undid', { step: label })
        : t('document.redid', { step: label });
    });

  const step = (direction: 1 | -1): void => {
    const at = units.findIndex((u) => u.key === selectedKey);
    const from = at >= 0 ? at : direction === 1 ? -1 : units.length;
    const index = stepDisagreement(units, from, direction);
    if (index === null) {
      setAnnouncement(direction === 1 ? t('document.noFurther') : t('document.noEarlier'));
      return;
    }
    const unit = units[index]!;
    setSelectedKey(unit.key);
    setReveal((n) => n + 1);
    setAnnouncement(
      t('document.stepped', {
        kind: kindLabel(unit.kind, aName, bName),
        place: disagreements.indexOf(unit) + 1,
        total: disagreements.length,
      }),
    );
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey) return;
    const target = event.target as HTMLElement;
    // This document's view, or nowhere (focus left with a removed button), never a text field.
    if (!(hostRef.current?.contains(target) || target === document.body)) return;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const key = event.key.toLowerCase();
    if (event.ctrlKey || event.metaKey) {
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      undoRedo(key === 'y' || event.shiftKey ? 'redo' : 'undo');
      return;
    }
    if (event.key === 'n' || event.key === 'p') {
      event.preventDefault();
      step(event.key === 'n' ? 1 : -1);
    } else if (event.key === 'Escape') {
      props.onBack();
    }
  };

  const keys = useRef(onKeyDown);
  keys.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => keys.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div ref={hostRef} className="compare-document">
      <div className="compare-main">
        <header className="compare-doc-header">
          <div className="compare-doc-title">
            <button type="button" onClick={props.onBack}>
              {t('document.back')}
            </button>
            <h2 title={meta.title}>{meta.title}</h2>
          </div>
          <div className="compare-doc-tools">
            <span className="hint">{meta.path}</span>
            <fieldset className="layout-choice">
              <legend className="visually-hidden">{t('document.layout')}</legend>
              <label className="check">
                <input
                  type="radio"
                  name="compare-layout"
                  checked={layout === 'merged'}
                  onChange={() => setLayout('merged')}
                />
                {t('document.merged')}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="compare-layout"
                  checked={layout === 'side-by-side'}
                  onChange={() => setLayout('side-by-side')}
                />
                {t('document.sideBySide')}
              </label>
            </fieldset>
            <span className="hint">
              <Trans t={t} i18nKey="document.keys" components={{ kbd: <kbd /> }} />
            </span>
          </div>
          <ComparisonLegend aName={aName} bName={bName} />
        </header>
        <section
          ref={comparisonRef}
          aria-label={t('document.comparison')}
          tabIndex={0}
          className="compare-comparison"
        >
          {text === null ? (
            <p className="empty-note">{t('loading')}</p>
          ) : (
            <DocumentComparison
              text={text}
              units={units}
              decisions={decisions}
              selectedKey={selectedKey}
              reveal={reveal}
              aName={aName}
              bName={bName}
              codebook={codebook}
              layout={layout}
              onSelect={setSelectedKey}
            />
          )}
        </section>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
      <AdjudicationPanel
        unit={selected}
        place={place}
        decision={selected ? (decisions.get(selected.key) ?? null) : null}
        aName={aName}
        bName={bName}
        codebook={codebook}
        text={text ?? ''}
        target={props.target}
        onTargetChange={props.onTargetChange}
        targetProblem={props.targetProblem}
        progress={{ decided, total: disagreements.length }}
        pendingAgreements={pendingAgreements.length}
        busy={busy || text === null}
        undoLabel={undoLabel}
        redoLabel={redoLabel}
        onDecide={(decision, edited) =>
          selected && decide([selected], decision, t(`decision.${decision}`), edited)
        }
        onAcceptAgreements={() => decide(pendingAgreements, 'a', t('panel.acceptAgreements'))}
        onUndo={() => undoRedo('undo')}
        onRedo={() => undoRedo('redo')}
        focusRequest={focusRequest}
      />
    </div>
  );
}
