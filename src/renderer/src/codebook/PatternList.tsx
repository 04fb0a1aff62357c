import { useId, useMemo, useState } from 'react';
import { setTagPatterns, type Tag } from '../../../shared/codebook/codebook';
import { patternProblem, type PatternKind, type TagPattern } from '../../../shared/codebook/tag-patterns';
import { compilePattern, matchableText, type MatchableText } from '../../../shared/suggest/pattern-match';
import { patternSourceKey } from '../../../shared/suggest/suggest';
import { sourceRecords } from '../../../shared/suggest/suggestion-types';
import { corpusLibrary, useCorpusLibrary } from '../analysis/corpus-data';
import { useAnnotatorName, useSuggestionDecisions } from '../db/live-queries';
import { type EditErrors, InlineError, type RunEdit } from './EditFields';
import { localLabel } from '../i18n/codebook-text';

const KIND_LABELS: Record<PatternKind, string> = {
  phrase: 'phrase',
  wildcard: 'wildcard (* any letters, ? one letter)',
  regex: 'regular expression',
};

/**
 * A tag's patterns, from which suggestions come: each with how often it
 * matches in the corpus now and its record (accepted, rejected, precision);
 * a new one shows its match count as it is typed.
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
  const headingId = useId();
  const where = `${tag.id}:patterns`;
  const patterns = tag.patterns ?? [];
  const version = useCorpusLibrary();
  const texts = useMemo(() => corpusTexts(), [version]); // eslint-disable-line react-hooks/exhaustive-deps
  const annotator = useAnnotatorName() ?? '';
  const decisions = useSuggestionDecisions(annotator);
  const records = useMemo(() => sourceRecords(decisions ?? []), [decisions]);
  const [kind, setKind] = useState<PatternKind>('phrase');
  const [text, setText] = useState('');
  const problem = text.trim() === '' ? null : patternProblem(kind, text.trim());
  const draftCount = useMemo(
    () => (text.trim() === '' || problem !== null ? null : countMatches(kind, text.trim(), texts)),
    [kind, text, problem, texts],
  );

  const save = (next: TagPattern[]): Promise<boolean> => run(where, (c) => setTagPatterns(c, tag.id, next));

  return (
    <section aria-labelledby={headingId} className="cbe-patterns">
      <h4 id={headingId}>Patterns (suggestions)</h4>
      {patterns.length === 0 ? (
        <p className="cbe-muted">No patterns: this tag is suggested only where you tagged the same phrase.</p>
      ) : (
        <ul aria-label={`Patterns of ${localLabel(tag)}`}>
          {patterns.map((p, i) => {
            const r = records.get(patternSourceKey(tag.id, p));
            return (
              <li key={`${p.kind}:${p.text}`}>
                <code>{p.label ?? p.text}</code> <span className="cbe-muted">({p.kind})</span> ·{' '}
                {plural(countMatches(p.kind, p.text, texts), 'match', 'matches')} in the corpus · accepted{' '}
                {r?.accepted ?? 0}, rejected {r?.rejected ?? 0}, precision{' '}
                {r?.precision == null ? '–' : `${Math.round(r.precision * 100)} %`}{' '}
                <button
                  type="button"
                  aria-label={`Remove pattern ${p.label ?? p.text}`}
                  onClick={() => void save(patterns.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        aria-label={`New pattern for ${localLabel(tag)}`}
        onSubmit={(event) => {
          event.preventDefault();
          void save([...patterns, { kind, text: text.trim() }]).then((ok) => ok && setText(''));
        }}
      >
        <label className="field">
          <span>Pattern kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as PatternKind)}>
            {(Object.keys(KIND_LABELS) as PatternKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Pattern</span>
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />
        </label>
        <p role="status" className="cbe-muted">
          {problem !== null
            ? `Not a pattern: it ${problem}.`
            : draftCount === null
              ? ''
              : `${plural(draftCount, 'match', 'matches')} in the corpus`}
        </p>
        <button type="submit" disabled={text.trim() === '' || problem !== null}>
          Add pattern
        </button>
      </form>
      <InlineError message={errors.at(where)} />
    </section>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
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

function countMatches(kind: PatternKind, text: string, texts: readonly MatchableText[]): number {
  const pattern = compilePattern(kind, text);
  return texts.reduce((sum, t) => sum + pattern.spans(t).length, 0);
}
