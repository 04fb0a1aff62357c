import { describe, expect, it } from 'vitest';
import { shortTitle } from '../short-title';

const TO_LAM =
  'Pada malam tanggal 9 Oktober, Sekretaris Jenderal To Lam bertemu dengan Perdana Menteri Tiongkok Li Qiang. ' +
  'Dalam suasana persahabatan, ketulusan, kepercayaan, dan keterbukaan, kedua belah pihak menyatakan kegembiraan.';

describe('shortTitle', () => {
  it('keeps a short title whole', () => {
    expect(shortTitle('Arsip nomor 12')).toEqual({ shown: 'Arsip nomor 12', rest: '' });
    const ninety = 'a'.repeat(90);
    expect(shortTitle(ninety)).toEqual({ shown: ninety, rest: '' });
  });

  it('cuts a first paragraph at its first sentence end', () => {
    const title = 'Wang Yi bertemu Pham Binh Minh di Nanning. ' + 'Kedua pihak sepakat '.repeat(6);
    const { shown, rest } = shortTitle(title);
    expect(shown).toBe('Wang Yi bertemu Pham Binh Minh di Nanning.');
    expect(shown + rest).toBe(title);
  });

  it('ignores a sentence end too early to be one (an abbreviation)', () => {
    const title = 'PM. Vietnam Pham Minh Chinh menerima Duta Besar Tiongkok. ' + 'lanjutan '.repeat(10);
    expect(shortTitle(title).shown).toBe('PM. Vietnam Pham Minh Chinh menerima Duta Besar Tiongkok.');
  });

  it('without a sentence end within the limit, cuts at the last word boundary before it', () => {
    const { shown, rest } = shortTitle(TO_LAM);
    expect(shown).toBe(
      'Pada malam tanggal 9 Oktober, Sekretaris Jenderal To Lam bertemu dengan Perdana Menteri',
    );
    expect([...shown].length).toBeLessThanOrEqual(90);
    expect(shown + rest).toBe(TO_LAM);
  });

  it('cuts one endless word at the limit, counting code points', () => {
    const title = '𝔸'.repeat(100);
    const { shown, rest } = shortTitle(title);
    expect([...shown]).toHaveLength(90);
    expect(shown + rest).toBe(title);
  });
});
