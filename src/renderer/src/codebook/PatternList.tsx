import { useId, useMemo, useState } from 'react';
import { setTagPatterns, type Tag } from '../../../shared/codebook/codebook';
import { patternProblem, type PatternKind, type TagPattern } from '../../../shared/codebook/tag-patterns';
import { matchableText, type MatchableText } from '../../../shared/suggest/pattern-match';
import { compileScanner } from '../../../shared/suggest/pattern-scan';
import { patternSourceKey } from '../../../shared/suggest/suggest';
import { sourceRecords } from '../../../shared/suggest/suggestion-types';
import { corpusLibrary, useCorpusLibrary } from '../analysis/corpus-data';
import { useAnnotatorName, useSuggestionDecisions } from '../db/live-queries';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { type EditErrors, InlineError, type RunEdit } from './EditFields';
import { localLabel } from '../i18n/codebook-text';

const KINDS: readonly PatternKind[] = ['phrase', 'wildcard', 'regex'];

/**
 * A tag's patterns, from which suggestions come: each with how often it
 * matches in the corpus now and its record (accepted, rejected, precision);
 * a new or edited one shows its match count, or why it is not a pattern,
 * at its field as it is typed. Editing a pattern's text makes it a new
 * source of suggestions, with a fresh record.
 */
export function PatternList({
  tag,
  run,
  errors,
}: {
  tag: Tag;
  run: RunEdit;
  errors: EditErrors;
}): React.JSX.Element {
  const { t } = useUiLanguage('suggest');
  const format = useFormat();
  const headingId = useId();
  const where = `${tag.id}:patterns`;
  const patterns = useMemo(() => tag.patterns ?? [], [tag.patterns]);
  const version = useCorpusLibrary();
  const texts = useMemo(() => corpusTexts(), [version]); // eslint-disable-line react-hooks/exhaustive-deps -- version says the library's texts changed
  // Every pattern of the tag counted in one scan of each text.
  const counts = useMemo(() => countAll(patterns, texts), [patterns, texts]);
  const annotator = useAnnotatorName() ?? '';
  const decisions = useSuggestionDecisions(annotator);
  const records = useMemo(() => sourceRecords(decisions ?? []), [decisions]);
  const [editing, setEditing] = useState<number | null>(null);

  const save = (next: TagPattern[]): Promise<boolean> => run(where, (c) => setTagPatterns(c, tag.id, next));
  const name = (p: TagPattern): string => p.label ?? p.text;

  return (
    <section aria-labelledby={headingId} className="cbe-patterns">
      <h4 id={headingId}>{t('patterns.heading')}</h4>
      {patterns.length === 0 ? (
        <p className="cbe-muted">{t('patterns.none')}</p>
      ) : (
        <ul aria-label={t('patterns.listLabel', { tag: localLabel(tag) })}>
          {patterns.map((p, i) => {
            if (editing === i)
              return (
                <li key={`${p.kind}:${p.text}`}>
                  <PatternForm
                    label={t('patterns.editFormLabel', { pattern: name(p) })}
                    initial={{ kind: p.kind, text: p.text }}
                    texts={texts}
                    submitLabel={t('patterns.save')}
                    hint={t('patterns.editHint')}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (kind, text) => {
                      const { label: _label, ...rest } = p;
                      // A label named the old text; a new text is named by itself unless nothing changed.
                      const edited: TagPattern =
                        kind === p.kind && text === p.text ? p : { ...rest, kind, text };
                      const ok = await save(patterns.map((q, j) => (j === i ? edited : q)));
                      if (ok) setEditing(null);
                      return ok;
                    }}
                  />
                </li>
              );
            const r = records.get(patternSourceKey(tag.id, p));
            return (
              <li key={`${p.kind}:${p.text}`}>
                <code>{name(p)}</code> <span className="cbe-muted">({t(`kinds.${p.kind}`)})</span> ·{' '}
                {t('patterns.record', {
                  matches: t('patterns.matches', { count: counts[i] ?? 0, n: format.number(counts[i] ?? 0) }),
                  accepted: r?.accepted ?? 0,
                  rejected: r?.rejected ?? 0,
                  precision:
                    r?.precision == null
                      ? t('patterns.noPrecision')
                      : t('patterns.percent', { n: Math.round(r.precision * 100) }),
                })}{' '}
                <button
                  type="button"
                  aria-label={t('patterns.editLabel', { pattern: name(p) })}
                  onClick={() => setEditing(i)}
                >
                  {t('patterns.edit')}
                </button>{' '}
                <button
                  type="button"
                  aria-label={t('patterns.removeLabel', { pattern: name(p) })}
                  onClick={() => void save(patterns.filter((_, j) => j !== i))}
                >
                  {t('patterns.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <PatternForm
        label={t('patterns.newFormLabel', { tag: localLabel(tag) })}
        initial={{ kind: 'phrase', text: '' }}
        texts={texts}
        submitLabel={t('patterns.add')}
        clearOnSubmit
        onSubmit={(kind, text) => save([...patterns, { kind, text }])}
      />
      <InlineError message={errors.at(where)} />
    </section>
  );
}

/**
 * Kind and text of a pattern, with its match count in the corpus as it is
 * typed, or, at the text field, why it is not a pattern (and the button
 * stays disabled until it is one).
 */
function PatternForm(props: {
  label: string;
  initial: { kind: PatternKind; text: string };
  texts: readonly MatchableText[];
  submitLabel: string;
  hint?: string;
  clearOnSubmit?: boolean;
  onSubmit(kind: PatternKind, text: string): Promise<boolean>;
  onCancel?(): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('suggest');
  const format = useFormat();
  const id = useId();
  const [kind, setKind] = useState<PatternKind>(props.initial.kind);
  const [text, setText] = useState(props.initial.text);
  const trimmed = text.trim();
  const problem = trimmed === '' ? null : patternProblem(kind, trimmed);
  const count = useMemo(
    () => (trimmed === '' || problem !== null ? null : countAll([{ kind, text: trimmed }], props.texts)[0]!),
    [kind, trimmed, problem, props.texts],
  );
  const statusId = `${id}-status`;
  return (
    <form
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit(kind, trimmed).then((ok) => ok && props.clearOnSubmit && setText(''));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && props.onCancel) {
          // Escape leaves the edit, not the dialog around it.
          event.preventDefault();
          event.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <label className="field">
        <span>{t('patterns.kind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as PatternKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kindOptions.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('patterns.text')}</span>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={500}
          aria-invalid={problem !== null}
          aria-describedby={statusId}
        />
      </label>
      <p id={statusId} role="status" className={problem !== null ? 'cbe-error' : 'cbe-muted'}>
        {problem !== null
          ? t('patterns.problem', { problem })
          : count === null
            ? (props.hint ?? '')
            : t('patterns.inCorpus', {
                matches: t('patterns.matches', { count, n: format.number(count) }),
              })}
      </p>
      <button type="submit" disabled={trimmed === '' || problem !== null}>
        {props.submitLabel}
      </button>
      {props.onCancel && (
        <>
          {' '}
          <button type="button" onClick={props.onCancel}>
            {t('common:cancel')}
          </button>
        </>
      )}
    </form>
  );
}

// Folded texts are kept by hash, so a count as you type folds each text once.
const prepared = new Map<string, MatchableText>();

function corpusTexts(): MatchableText[] {
  const out: MatchableText[] = [];
  const live = new Set<string>();
  for (const entry of corpusLibrary.texts.entries()) {
    live.add(entry.sha256);
    let t = prepared.get(entry.sha256);
    if (!t) prepared.set(entry.sha256, (t = matchableText(entry.text)));
    out.push(t);
  }
  for (const sha of prepared.keys()) if (!live.has(sha)) prepared.delete(sha);
  return out;
}

function countAll(
  patterns: readonly { kind: PatternKind; text: string }[],
  texts: readonly MatchableText[],
): number[] {
  const scanner = compileScanner(patterns);
  const counts = patterns.map(() => 0);
  for (const t of texts) scanner.scan(t).forEach((spans, i) => (counts[i]! += spans.length));
  return counts;
}
