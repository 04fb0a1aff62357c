import { mkdir, rm, symlink, writeFile, mkdtemp, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocumentPath, isInsideFolder, resolveInsideRoot } from '../corpus-paths';
import { CorpusError } from '../corpus-service-api';

function rejection(requested: string): CorpusError {
  try {
    checkDocumentPath(requested);
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(requested)} was accepted`);
}

describe('checkDocumentPath', () => {
  it.each([
    ['', 'empty'],
    ['a\0b.txt', 'NUL'],
    ['a\\b.txt', 'backslash'],
    ['C:\\x', 'backslash'],
    ['\\\\server\\share\\x.txt', 'backslash'],
    ['/etc/passwd', 'absolute'],
    ['//server/share/x.txt', 'absolute'],
    ['C:/x.txt', 'drive letter'],
    ['c:x.txt', 'drive letter'],
    ['../secret.txt', '".."'],
    ['a/../../x', '".."'],
    ['a/..', '".."'],
    ['./a.txt', '"."'],
    ['a/./b.txt', '"."'],
    ['a//b.txt', 'empty segment'],
    ['a/', 'empty segment'],
    ['%2e%2e%2fsecret.txt', 'percent-decoded'],
    ['%2e%2e/x', 'percent-decoded'],
    ['..%2fx', 'percent-decoded'],
    ['%2Fetc%2Fpasswd', 'percent-decoded'],
    ['a%5c..%5cb', 'percent-decoded'],
    ['%252e%252e/x', 'percent-decoded'],
    ['C%3A%2Fx', 'percent-decoded'],
  ])('rejects %j (%s)', (requested, why) => {
    const error = rejection(requested);
    expect(error.code).toBe('invalid-path');
    expect(error.message).toContain(JSON.stringify(requested));
    expect(error.message).toContain(why);
  });

  it.each([
    'a.txt',
    'news/2024/a b.txt',
    'Hà Nội notes.txt',
    '100% sure.txt',
    'a..b.txt',
    '.hidden-looking/x.txt',
    'x%2e.txt',
  ])('accepts %j', (requested) => {
    expect(checkDocumentPath(requested)).toBe(requested.normalize('NFC'));
  });

  it('returns the NFC form, the form documents are listed under', () => {
    expect(checkDocumentPath('Vie\u0323\u0302t.txt')).toBe('Việt.txt');
  });
});

describe('isInsideFolder', () => {
  it('compares whole path segments', () => {
    expect(isInsideFolder('/data/corpus', '/data/corpus/a.txt')).toBe(true);
    expect(isInsideFolder('/data/corpus', '/data/corpus')).toBe(true);
    expect(isInsideFolder('/data/corpus', '/data/corpus-2/a.txt')).toBe(false);
    expect(isInsideFolder('/data/corpus', '/data/a.txt')).toBe(false);
    expect(isInsideFolder('/', '/etc/passwd')).toBe(true);
  });
});

describe('resolveInsideRoot', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'tanda-paths-')));
    root = path.join(base, 'corpus');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(root, 'sub', 'a.txt'), 'a');
    await writeFile(path.join(base, 'secret.txt'), 'secret');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
    await symlink(path.join(root, 'sub', 'a.txt'), path.join(root, 'alias.txt'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('returns the real path of a file inside the root', async () => {
    expect(await resolveInsideRoot(root, 'sub/a.txt')).toBe(path.join(root, 'sub', 'a.txt'));
    expect(await resolveInsideRoot(root, 'alias.txt')).toBe(path.join(root, 'sub', 'a.txt'));
  });

  it('rejects a symlink that leads outside the root', async () => {
    await expect(resolveInsideRoot(root, 'leak.txt')).rejects.toMatchObject({
      code: 'invalid-path',
      message: expect.stringContaining('outside the corpus folder'),
    });
  });

  it('lets filesystem errors through for the caller to word', async () => {
    await expect(resolveInsideRoot(root, 'missing.txt')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
