import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue, describeIssues, dottedPath, jsonPath } from '../zod-issues';

const issue = (path: PropertyKey[], message = 'wrong') => ({ path, message });

describe('paths', () => {
  it('json style indexes arrays, dotted style joins every key', () => {
    expect(jsonPath(['annotations', 3, 'end'])).toBe('annotations[3].end');
    expect(jsonPath([0, 'tag'])).toBe('[0].tag');
    expect(jsonPath([])).toBe('(root)');
    expect(dottedPath(['annotations', 3, 'end'], '(payload)')).toBe('annotations.3.end');
    expect(dottedPath([], '(payload)')).toBe('(payload)');
  });
});

describe('describeIssue and describeIssues', () => {
  it('name the field, then the problem, in the style the caller asks for', () => {
    expect(describeIssue(issue(['tags', 1, 'id']))).toBe('tags[1].id: wrong');
    expect(describeIssue(issue([]))).toBe('(root): wrong');
    expect(describeIssue(issue(['a', 2]), { path: 'dotted' })).toBe('a.2: wrong');
    expect(describeIssue(issue([]), { path: 'dotted', root: '' })).toBe(': wrong');
  });

  it('join issues with "; " and count those past the limit', () => {
    const issues = [1, 2, 3, 4].map((n) => issue(['rows', n], `bad ${n}`));
    expect(describeIssues(issues)).toBe('rows[1]: bad 1; rows[2]: bad 2; rows[3]: bad 3; rows[4]: bad 4');
    expect(describeIssues(issues, { limit: 2 })).toBe('rows[1]: bad 1; rows[2]: bad 2 (and 2 more)');
    expect(describeIssues(issues, { limit: 4 })).toBe(describeIssues(issues));
  });

  it("take zod's own issues", () => {
    const result = z.object({ end: z.number().positive() }).safeParse({ end: -1 });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!.issues, { path: 'dotted', root: '(payload)' })).toMatch(/^end: /);
  });
});
