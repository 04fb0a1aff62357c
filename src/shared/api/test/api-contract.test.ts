import { describe, expect, it } from 'vitest';
import { API_CALL_NAMES } from '../api-channels';
import { apiCalls, type ApiCallArgs } from '../api-contract';

describe('the one table of calls', () => {
  it("names, in the zod-free list the preload builds from, exactly the table's calls", () => {
    // The preload cannot import the table (zod stays out of it), so this list must follow it.
    expect([...API_CALL_NAMES].sort()).toEqual(Object.keys(apiCalls).sort());
    expect(new Set(API_CALL_NAMES).size).toBe(API_CALL_NAMES.length);
  });

  it('lets a call without a request be made without arguments, and no other', () => {
    const none: ApiCallArgs<'getCorpus'> = [];
    const path: ApiCallArgs<'readDocument'> = [{ path: 'a.txt' }];
    // @ts-expect-error readDocument needs its request
    const missing: ApiCallArgs<'readDocument'> = [];
    expect([none, path, missing].map((args) => args.length)).toEqual([0, 1, 0]);
  });
});
