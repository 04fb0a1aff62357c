import { describe, expect, it } from 'vitest';
import { errorMessage } from '../error-message';

describe('errorMessage', () => {
  it("gives an Error's message, subclasses included", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(new TypeError('not a function'))).toBe('not a function');
  });

  it('gives anything else thrown as text', () => {
    expect(errorMessage('quota exceeded')).toBe('quota exceeded');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
  });
});
