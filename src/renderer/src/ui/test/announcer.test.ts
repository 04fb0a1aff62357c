import { describe, expect, it } from 'vitest';
import { Announcer } from '../announcer';

describe('Announcer', () => {
  it('tells its readers what is said, once per change', () => {
    const announcer = new Announcer();
    const heard: string[] = [];
    const stop = announcer.subscribe(() => heard.push(announcer.get()));
    announcer.say('Suggestion 1 of 3: Dispute, Laut Timur');
    announcer.say('Suggestion 1 of 3: Dispute, Laut Timur');
    announcer.say('Suggestion 2 of 3: Commitment, akan membangun');
    announcer.clear();
    stop();
    announcer.say('after the reader left');
    expect(heard).toEqual([
      'Suggestion 1 of 3: Dispute, Laut Timur',
      'Suggestion 2 of 3: Commitment, akan membangun',
      '',
    ]);
    expect(announcer.get()).toBe('after the reader left');
  });

  it('says through a bound function, as sessions and hooks are handed it', () => {
    const announcer = new Announcer();
    const { say } = announcer;
    say('Rejected suggestion: kereta api');
    expect(announcer.get()).toBe('Rejected suggestion: kereta api');
  });
});
