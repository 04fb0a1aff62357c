import { describe, expect, it } from 'vitest';
import { currentOf, shownOf, SuggestionView } from '../suggestion-view';

const list = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];

describe('the suggestion view (what a decision changes on the page)', () => {
  it('takes a decided suggestion away and moves the current one in one change, told once to each reader', () => {
    const view = new SuggestionView();
    let told = 0;
    const stop = view.subscribe(() => told++);
    view.setCurrent('a');
    view.hide(['a'], 'b');
    expect(told).toBe(2);
    expect(shownOf(list, view.get().hidden)).toEqual([{ key: 'b' }, { key: 'c' }]);
    expect(currentOf(shownOf(list, view.get().hidden), view.get().current)).toBe('b');
    stop();
    view.setCurrent('c');
    expect(told).toBe(2);
  });

  it('keeps a hidden key until the list leaves it out, and shows it again when its write fails', () => {
    const view = new SuggestionView();
    view.hide(['a', 'b']);
    const before = view.get();
    view.settle(list);
    expect(view.get()).toBe(before); // the list still has both: nothing to tell
    view.settle([{ key: 'b' }, { key: 'c' }]);
    expect([...view.get().hidden]).toEqual(['b']);
    view.unhide(['b']);
    expect(shownOf(list, view.get().hidden)).toBe(list);
    view.unhide(['x']);
    expect(view.get().hidden.size).toBe(0);
  });

  it('names no current suggestion once it is no longer shown, and forgets everything for another document', () => {
    const view = new SuggestionView();
    view.hide(['a'], 'a');
    expect(currentOf(shownOf(list, view.get().hidden), view.get().current)).toBeNull();
    view.clear();
    expect(view.get()).toEqual({ hidden: new Set(), current: null });
  });
});
