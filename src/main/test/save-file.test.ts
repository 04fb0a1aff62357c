import { describe, expect, it } from 'vitest';
import { apiCalls, type ApiRequest } from '../../shared/api/api-contract';
import { planSave } from '../save-file';

const parse = (payload: unknown) => apiCalls.saveFile.request.safeParse(payload);
const messages = (payload: unknown): string[] => {
  const result = parse(payload);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('saveFile request', () => {
  it('takes text exports and pictures, a PNG only as base64', () => {
    expect(parse({ suggestedName: 'a.csv', content: 'x,y\r\n', kind: 'csv' }).success).toBe(true);
    expect(parse({ suggestedName: 'c.svg', content: '<svg/>', kind: 'svg', encoding: 'utf8' }).success).toBe(
      true,
    );
    expect(
      parse({ suggestedName: 'c.png', content: 'iVBORw0KGgo=', kind: 'png', encoding: 'base64' }).success,
    ).toBe(true);
  });

  it('names what is wrong: a PNG as text, text as base64, bad base64, an unknown kind or field', () => {
    expect(messages({ suggestedName: 'c.png', content: 'abc', kind: 'png' })).toEqual([
      'encoding: a png must be sent as base64',
    ]);
    expect(messages({ suggestedName: 'a.csv', content: 'eA==', kind: 'csv', encoding: 'base64' })).toEqual([
      'encoding: a csv file is text: send it as utf8',
    ]);
    expect(
      messages({ suggestedName: 'c.png', content: 'not base64!', kind: 'png', encoding: 'base64' }),
    ).toEqual(['content: not base64']);
    expect(messages({ suggestedName: 'x.exe', content: '', kind: 'exe' })[0]).toMatch(/^kind: /);
    expect(messages({ suggestedName: 'a.csv', content: '', kind: 'csv', path: '/etc/passwd' })[0]).toMatch(
      /path/,
    );
  });
});

describe('planSave', () => {
  const request = (r: Partial<ApiRequest<'saveFile'>>): ApiRequest<'saveFile'> => ({
    suggestedName: 'a.csv',
    content: '',
    kind: 'csv',
    ...r,
  });

  it('writes text as given and base64 as its bytes', () => {
    expect(planSave(request({ content: 'Hà Nội,1\r\n' })).data).toBe('Hà Nội,1\r\n');
    const png = planSave(
      request({
        suggestedName: 'chart.png',
        kind: 'png',
        encoding: 'base64',
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
      }),
    );
    expect(png.data).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(png.filters).toEqual([{ name: 'PNG image', extensions: ['png'] }]);
  });

  it('suggests a bare file name, whatever path the renderer sent', () => {
    expect(planSave(request({ suggestedName: '../../etc/x.csv' })).fileName).toBe('x.csv');
    expect(planSave(request({ suggestedName: 'C:\\Users\\a\\y.csv' })).fileName).toBe('y.csv');
  });
});
