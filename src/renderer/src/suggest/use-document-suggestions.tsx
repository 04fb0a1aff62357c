import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { errorMessage } from '../../../shared/validation/error-message';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { Codebook } from '../../../shared/codebook/codebook';
import {
  learnPhrases,
  learnedMatchers,
  patternMatchers,
  type Matcher,
} from '../../../shared/suggest/suggest';
import {
  answeredKeys,
  answeredSpans,
  sourceRecords,
  type Suggestion,
} from '../../../shared/suggest/suggestion-types';
import { codePointIndex, describeSpan } from '../../../shared/text/text-quote';
import { useAnnotationsBy, useSuggestionDecisions, useSuggestionSources } from '../db/live-queries';
import { db } from '../db/db';
import { acceptSuggestions, rejectSuggestions, type NewDecision } from '../db/suggestion-repo';
import type { AnnotationChange } from '../db/undo-history';
import { history } from '../annotate/document-history';
import { tagLabel } from '../annotate/annotation-labels';
import { afterNextPaint } from '../editor/after-paint';
import type { SuggestionMark } from '../editor/suggestion-plugin';
import { SuggestionsPanel } from './SuggestionsPanel';
import { outlineLabeler } from './suggestion-source-label';
import { currentOf, shownOf, SuggestionView, type SuggestionViewSource } from './suggestion-view';
import {
  acceptCorpusPlan,
  corpusUndoStore,
  planCorpusAccept,
  undoCorpusAccept,
  type CorpusPlan,
} from './corpus-accept';
import { allAnnotations } from '../db/annotation-repo';
import { corpusLibrary } from '../analysis/corpus-data';
import { useUiLanguage } from '../i18n/i18n';
import { fromColumnsInSlices } from './suggest-core';
import { suggestEngine } from './suggest-engine';
import {
  added,
  insertedMatchers,
  matcherIdentity,
  mergeSuggestions,
  relabel,
  shadowsBySpan,
  spanKey,
  withoutDecided,
  type SuggestionList,
} from './suggestion-list';

interface Input {
  path: string;
  sha: string;
  text: string;
  annotator: string;
  codebook: Codebook;
  snap: boolean;
  /** This document's annotations (every annotator's), undefined while loading. */
  stored: Annotation[] | undefined;
  /** The workspace's write queue: writes run in the order the analyst asked for them. */
  run(action: () => Promise<void>): Promise<void>;
  announce(message: string): void;
}

/** The open document's list and what it was found with. */
interface Computed {
  text: string;
  snap: boolean;
  /** The full match it came from (see `rematch`). */
  rematch: number;
  list: readonly Suggestion[];
  shadows: SuggestionList['shadows'];
  /** The matchers it reflects, their identities (`matcherIdentity`) and those joined. */
  matchers: readonly Matcher[];
  identities: readonly string[];
  identityKey: string;
  /** The annotations' spans (`spanKey`) and answered keys (`answeredKeys`: rejected, accepted as another tag) it leaves out. */
  taken: ReadonlySet<string>;
  rejected: ReadonlySet<string>;
}

const NO_SUGGESTIONS: readonly Suggestion[] = [];

const NOTHING_COMPUTED: Computed = {
  text: '',
  snap: true,
  rematch: -1,
  list: [],
  shadows: new Map(),
  matchers: [],
  identities: [],
  identityKey: '',
  taken: new Set(),
  rejected: new Set(),
};

/** `list` without what `decided` leaves out (a few suggestions: those of a phrase just learned). */
function undecided(
  list: readonly Suggestion[],
  decided: { taken: ReadonlySet<string>; rejected: ReadonlySet<string> },
): Suggestion[] {
  return list.filter(
    (s) => !decided.rejected.has(s.key) && !decided.taken.has(spanKey(s.tag, s.start, s.end)),
  );
}

/** Every item of `part` is in `whole`. */
function covers(whole: ReadonlySet<string>, part: ReadonlySet<string>): boolean {
  if (part.size > whole.size) return false;
  for (const x of part) if (!whole.has(x)) return false;
  return true;
}

export interface DocumentSuggestions {
  /** For the article: what to draw (less what `view` hides) and, in `view`, which one is current. */
  marks: SuggestionMark[];
  view: SuggestionViewSource;
  /** A key pressed in the article with no text selected; true when it was a suggestion key. */
  onKey(key: string): boolean;
  /** The *Suggestions (N)* section of the annotations panel. */
  panel: React.ReactNode;
}

/**
 * The open document's suggestions and what the analyst does with them:
 * `]`/`[` move between them, `Enter` or a tag's key accepts (one undo
 * step), `x` rejects (remembered in the database). Computed in the
 * suggestion worker after the text is painted, so matching never holds up
 * the page; only turning the worker's columns into the list runs here.
 */
export function useDocumentSuggestions(input: Input): DocumentSuggestions {
  const { path, sha, text, annotator, codebook, snap, stored, run, announce } = input;
  const { t } = useUiLanguage('suggest');
  const corpusUndo = useSyncExternalStore(corpusUndoStore.subscribe, corpusUndoStore.get);
  const mine = useAnnotationsBy([annotator]);
  const decisions = useSuggestionDecisions(annotator);
  const sources = useSuggestionSources();
  // What is hidden and current lives outside this hook's state: a decision renders only its readers.
  const [view] = useState(() => new SuggestionView());
  useEffect(() => view.clear(), [view, path, sha]);

  const index = useMemo(() => codePointIndex(text), [text]);
  const [computed, setComputed] = useState<Computed>(NOTHING_COMPUTED);
  const records = useMemo(() => sourceRecords(decisions ?? []), [decisions]);
  // Learning the phrases of 10,000 annotations costs a long article's opening 50–90 ms: the text and its
  // highlights are painted first (the article draws both once the annotations are known; matching waits
  // for that paint anyway).
  const [paintedText, setPaintedText] = useState<string | null>(null);
  const drawn = stored !== undefined;
  useEffect(() => {
    if (!drawn) return;
    let live = true;
    void afterNextPaint().then(() => live && setPaintedText(text));
    return () => {
      live = false;
    };
  }, [text, drawn]);
  const painted = paintedText === text;
  const matchers = useMemo(
    () =>
      painted
        ? [
            ...(sources.learned ? learnedMatchers(learnPhrases(mine ?? [], records), codebook) : []),
            ...(sources.patterns ? patternMatchers(codebook) : []),
          ]
        : [],
    [painted, mine, records, codebook, sources.learned, sources.patterns],
  );
  // Labels and presets change with every accept ("you tagged this 4×"); what is matched changes far less.
  const identities = useMemo(() => matchers.map(matcherIdentity), [matchers]);
  const identityKey = identities.join('\u0001');
  // What the document's annotations and rejections leave out now (same tag and span; suggestion keys).
  const decided = useMemo(() => {
    if (stored === undefined || decisions === undefined) return undefined;
    const taken = new Set<string>();
    const placed: { tag: string; start: number; end: number }[] = [];
    for (const a of stored) {
      if (a.orphaned || a.contentSha256 !== sha) continue;
      taken.add(spanKey(a.tag, a.start, a.end));
      placed.push({ tag: a.tag, start: a.start, end: a.end });
    }
    const annotated = (tag: string, start: number, end: number): boolean =>
      taken.has(spanKey(tag, start, end));
    const rejected = answeredKeys(decisions, path, annotated);
    // Accepted as another tag: the proposed tag's span is answered too, whichever source would propose it next.
    for (const span of answeredSpans(decisions, path, annotated)) {
      placed.push(span);
      taken.add(spanKey(span.tag, span.start, span.end));
    }
    return { taken, placed, rejected };
  }, [stored, decisions, path, sha]);
  const latest = useRef({ matchers, identities, decided, computed });
  latest.current = { matchers, identities, decided, computed };
  // Bumped when only matching afresh can tell the list (an annotation or rejection taken back).
  const [rematch, setRematch] = useState(0);
  const loaded = decided !== undefined && painted;

  // Matching waits for the paint, so opening a long article shows its text and highlights first.
  // An accept or reject never brings the document back here: the list follows it (effects below).
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    void afterNextPaint().then(async () => {
      if (cancelled) return;
      const { matchers: now, identities: ids, decided: basis, computed: prev } = latest.current;
      if (!basis) return;
      // Only new matchers (a phrase just tagged for the first time): match just them.
      const inserted =
        prev.text === text && prev.snap === snap && prev.rematch === rematch
          ? insertedMatchers(prev.identities, ids)
          : null;
      const asked = inserted ? inserted.map((i) => now[i]!) : now;
      const fresh = !inserted;
      if (!fresh && asked.length === 0) return;
      // The path tells the bench which document's matching a mark is (the short one opened at start, or the long one).
      if (fresh) performance.mark('tanda:suggestions-requested', { detail: { path } });
      let columns;
      try {
        [columns] = await suggestEngine.suggest(
          asked,
          snap,
          [
            {
              sha,
              text,
              annotations: basis.placed,
              rejected: [...basis.rejected],
            },
          ],
          { shadows: true },
        );
      } catch (error) {
        if (!cancelled) announce(errorMessage(error));
        return;
      }
      if (cancelled || !columns) return;
      const slices = { stop: (): boolean => cancelled };
      const found = await fromColumnsInSlices(columns, asked, index, slices);
      const shadowed = columns.shadowed
        ? await fromColumnsInSlices(columns.shadowed, asked, index, slices)
        : [];
      if (cancelled || !found || !shadowed) return;
      if (fresh) {
        setComputed({
          text,
          snap,
          rematch,
          list: found,
          shadows: shadowsBySpan(shadowed),
          identities: ids,
          identityKey: ids.join('\u0001'),
          matchers: now,
          taken: basis.taken,
          rejected: basis.rejected,
        });
        // A suggestion hidden at its keypress is settled once the new list no longer has it.
        view.settle(found);
        void afterNextPaint().then(() =>
          performance.mark('tanda:suggestions-painted', { detail: { path, count: found.length } }),
        );
        return;
      }
      // The list may have followed decisions meanwhile: what they cover stays out.
      setComputed((c) =>
        c.text !== text || c.identityKey !== prev.identityKey
          ? c
          : {
              ...c,
              ...mergeSuggestions(c, undecided(found, c), undecided(shadowed, c), now),
              identities: ids,
              identityKey: ids.join('\u0001'),
              matchers: now,
            },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [text, index, identityKey, loaded, path, sha, snap, rematch]); // eslint-disable-line react-hooks/exhaustive-deps -- the rest is read when matching starts (latest); announce is a new function each render

  // A decision (here, in another tab, or undone) changes what is left out: take out what it covers.
  useEffect(() => {
    if (!decided || computed.text !== text || computed.list.length === 0) return;
    if (!covers(decided.taken, computed.taken) || !covers(decided.rejected, computed.rejected)) {
      // Something came back (an undone accept, a deleted annotation): only a full match knows where.
      if (computed.rematch === rematch) setRematch((r) => r + 1);
      return;
    }
    if (decided.taken.size === computed.taken.size && decided.rejected.size === computed.rejected.size)
      return;
    const { list, shadows } = withoutDecided(
      computed,
      added(decided.taken, computed.taken),
      added(decided.rejected, computed.rejected),
      decided.rejected,
    );
    setComputed({ ...computed, list, shadows, taken: decided.taken, rejected: decided.rejected });
    if (list !== computed.list) view.settle(list);
  }, [decided, computed, text, rematch, view]);

  // The same sources with new labels or presets: the suggestions they name are renamed, not found again.
  useEffect(() => {
    if (computed.text !== text || computed.matchers === matchers || computed.identityKey !== identityKey)
      return;
    setComputed({
      ...computed,
      ...relabel(computed, computed.matchers, matchers, index),
      matchers,
      identities,
    });
  }, [computed, matchers, identities, identityKey, text, index]);

  // Every suggestion of the list, hidden ones too: the readers of `view` take those away themselves.
  const listed = computed.text === text ? computed.list : NO_SUGGESTIONS;
  /** What the analyst sees now (read at the keypress, not at the last render). */
  const shownCache = useRef({ listed, hidden: view.get().hidden, shown: listed });
  const shown = (): readonly Suggestion[] => {
    // A key reads it two or three times (the current one, the next one): one filter of the list.
    const hidden = view.get().hidden;
    const cached = shownCache.current;
    if (cached.listed === listed && cached.hidden === hidden) return cached.shown;
    shownCache.current = { listed, hidden, shown: shownOf(listed, hidden) };
    return shownCache.current.shown;
  };

  // One mark per suggestion object, so the article redraws only the outlines whose suggestion changed.
  const { language } = useUiLanguage();
  const markCache = useRef<{
    codebook: Codebook;
    language: string;
    of: WeakMap<Suggestion, SuggestionMark>;
    label: (s: Suggestion) => string;
  } | null>(null);
  const marks = useMemo(() => {
    let cached = markCache.current;
    if (cached?.codebook !== codebook || cached.language !== language)
      markCache.current = cached = {
        codebook,
        language,
        of: new WeakMap(),
        label: outlineLabeler(t, (tag) => tagLabel(codebook, tag)),
      };
    const { of: cache, label } = cached;
    return listed.map((s) => {
      let mark = cache.get(s);
      if (!mark)
        cache.set(s, (mark = { key: s.key, tag: s.tag, start: s.start, end: s.end, label: label(s) }));
      return mark;
    });
  }, [listed, codebook, language]); // eslint-disable-line react-hooks/exhaustive-deps -- `t` follows `language`
  // `]` or `[` pressed while this text's suggestions are still being found: taken once they are.
  const [pendingStep, setPendingStep] = useState<{ text: string; direction: 1 | -1 } | null>(null);
  const ready = computed.text === text;

  const decision = (s: Suggestion, tag = s.tag): NewDecision => ({
    annotator,
    documentPath: path,
    start: s.start,
    end: s.end,
    tag,
    sourceKey: s.source.key,
  });

  // The keypress's frame shows the decision; its write (and the renders that follow it) wait for that paint.
  const accept = (chosen: readonly Suggestion[], label: string, tagOverride?: string): void => {
    if (chosen.length === 0) return;
    const keys = chosen.map((s) => s.key);
    view.hide(keys, nextAfter(chosen));
    void run(async () => {
      try {
        await afterNextPaint();
        const changes = await acceptSuggestions(
          db,
          chosen.map((s) => {
            const tag = tagOverride ?? s.tag;
            return {
              annotation: {
                documentPath: path,
                contentSha256: sha,
                annotator,
                tag,
                start: s.start,
                end: s.end,
                ...describeSpan(index, s.start, s.end),
                attributes: tag === s.tag ? s.attributes : {},
                note: '',
              },
              decision: decision(s, tag),
            };
          }),
        );
        recordUndo(changes, path, annotator, label);
        announce(
          changes.length === 1
            ? t('announce.acceptedAs', {
                tag: tagLabel(codebook, changes[0]!.after!.tag),
                quote: changes[0]!.after!.quote.slice(0, 80),
              })
            : t('announce.accepted', { count: changes.length }),
        );
      } catch (error) {
        view.unhide(keys);
        throw error;
      }
    });
  };

  const reject = (s: Suggestion): void => {
    view.hide([s.key], nextAfter([s]));
    void run(async () => {
      try {
        await afterNextPaint();
        await rejectSuggestions(db, [decision(s)]);
        announce(t('announce.rejected', { quote: s.quote.slice(0, 80) }));
      } catch (error) {
        view.unhide([s.key]);
        throw error;
      }
    });
  };

  const step = (direction: 1 | -1): void => {
    if (!ready) {
      setPendingStep({ text, direction });
      announce(t('announce.finding'));
      return;
    }
    const suggestions = shown();
    if (suggestions.length === 0) return;
    const currentKey = currentOf(suggestions, view.get().current);
    const at = suggestions.findIndex((s) => s.key === currentKey);
    const next =
      at === -1
        ? direction === 1
          ? 0
          : suggestions.length - 1
        : (at + direction + suggestions.length) % suggestions.length;
    view.setCurrent(suggestions[next]!.key);
    const s = suggestions[next]!;
    announce(
      t('announce.step', {
        n: next + 1,
        total: suggestions.length,
        tag: tagLabel(codebook, s.tag),
        quote: s.quote.slice(0, 80),
      }),
    );
  };

  useEffect(() => {
    if (pendingStep === null || !ready) return;
    setPendingStep(null);
    if (pendingStep.text === text) step(pendingStep.direction);
  }, [pendingStep, ready, text]); // eslint-disable-line react-hooks/exhaustive-deps -- step reads this render's list, the one just found

  // Which suggestion is current moves on after an accept or reject: to the next one shown, else the one before.
  const nextAfter = (decided: readonly Suggestion[]): string | null => {
    const suggestions = shown();
    const current = currentOf(suggestions, view.get().current);
    const gone = new Set(decided.map((s) => s.key));
    if (current !== null && !gone.has(current)) return current;
    const at = suggestions.findIndex((x) => x.key === (current ?? decided[0]!.key));
    for (let i = at + 1; i < suggestions.length; i++)
      if (!gone.has(suggestions[i]!.key)) return suggestions[i]!.key;
    for (let i = at - 1; i >= 0; i--) if (!gone.has(suggestions[i]!.key)) return suggestions[i]!.key;
    return null;
  };

  const onKey = (key: string): boolean => {
    if (key === ']' || key === '[') {
      step(key === ']' ? 1 : -1);
      return true;
    }
    const currentKey = view.get().current;
    const s = currentKey === null ? undefined : shown().find((x) => x.key === currentKey);
    if (!s) return false;
    if (key === 'Enter') {
      accept([s], t('undo.accept'));
      return true;
    }
    if (key === 'x' || key === 'X') {
      reject(s);
      return true;
    }
    const tag = codebook.tags.find(
      (t) => !t.retired && t.shortcut !== null && t.shortcut.toLowerCase() === key.toLowerCase(),
    );
    if (tag) {
      accept([s], t('undo.accept'), tag.id);
      return true;
    }
    return false;
  };

  const onAcceptAll = (sourceKey: string): void => {
    const chosen = shown().filter((s) => s.source.key === sourceKey);
    accept(chosen, t('undo.acceptAll'));
  };

  const onPlanCorpus = async (sourceKey: string): Promise<CorpusPlan> => {
    const matcher = matchers.find((m) => m.source.key === sourceKey);
    if (!matcher) throw new Error(t('corpus.sourceGone'));
    return planCorpusAccept({
      matcher,
      snap,
      texts: corpusLibrary.texts.entries(),
      annotations: await allAnnotations(db),
      decisions: decisions ?? [],
      engine: suggestEngine,
    });
  };

  const onAcceptCorpus = (plan: CorpusPlan): Promise<void> =>
    run(async () => {
      const group = await acceptCorpusPlan(db, plan, annotator, t('undo.acceptAllCorpus'));
      const shown = { count: group.changes.length, documents: plan.documents.length };
      corpusUndoStore.set({ group, documents: shown.documents });
      announce(
        t('panel.corpusAccepted', {
          count: shown.count,
          n: shown.count,
          documents: t('panel.documents', { count: shown.documents, n: shown.documents }),
        }),
      );
    });

  const onUndoCorpus = (): void => {
    const undo = corpusUndo;
    if (!undo) return;
    void run(async () => {
      await undoCorpusAccept(db, undo.group);
      corpusUndoStore.set(null);
      announce(t('announce.corpusUndone', { count: undo.group.changes.length }));
    });
  };

  const panel = (
    <SuggestionsPanel
      codebook={codebook}
      suggestions={listed}
      view={view}
      onSelect={(key) => view.setCurrent(key)}
      onAccept={(s) => accept([s], t('undo.accept'))}
      onReject={reject}
      onAcceptAll={onAcceptAll}
      onPlanCorpus={onPlanCorpus}
      onAcceptCorpus={onAcceptCorpus}
      corpusAccepted={
        corpusUndo && { count: corpusUndo.group.changes.length, documents: corpusUndo.documents }
      }
      onUndoCorpus={onUndoCorpus}
    />
  );
  return { marks, view, onKey, panel };
}

/** One undo step, however many suggestions were accepted. */
function recordUndo(changes: AnnotationChange[], path: string, annotator: string, label: string): void {
  if (changes.length === 1) history.record(changes[0]!);
  else
    history.record({
      kind: 'group',
      before: null,
      after: null,
      documentPath: path,
      annotator,
      label,
      changes,
      settings: [],
    });
}
