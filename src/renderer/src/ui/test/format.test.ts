import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { formatCount } from '../format';

describe('formatCount', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('writes a count as the interface language does', async () => {
    await i18n.changeLanguage('en');
    expect(formatCount(1234567)).toBe('1,234,567');
    await i18n.changeLanguage('id');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(0)).toBe('0');
  });
});
