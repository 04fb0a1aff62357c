import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isTrustedRendererUrl, resolveRendererFile } from '../app-protocol';

const root = resolve('/srv/tanda/out/renderer');

describe('resolveRendererFile', () => {
  it('maps app://tanda/ paths into the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://tanda/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveRendererFile(root, 'app://tanda/assets/index-1a2b.js?v=1#x')).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-1a2b.js'),
    });
    expect(resolveRendererFile(root, 'app://tanda/assets/a%20b.css')).toEqual({
      ok: true,
      file: join(root, 'assets', 'a b.css'),
    });
  });

  it('refuses to leave the folder, however it is spelt', () => {
    for (const url of [
      'app://tanda/../main/index.js',
      'app://tanda/%2e%2e/main/index.js',
      'app://tanda/assets/..%2f..%2fmain/index.js',
      'app://tanda/..%5cmain%5cindex.js',
      'app://tanda/a%00.js',
      'app://tanda/%E0%A4%A',
    ]) {
      expect(resolveRendererFile(root, url)).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('serves no other host or scheme', () => {
    expect(resolveRendererFile(root, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveRendererFile(root, 'app://tanda.evil/index.html')).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(resolveRendererFile(root, 'file:///srv/tanda/out/renderer/index.html')).toMatchObject({
      ok: false,
    });
  });
});

describe('isTrustedRendererUrl', () => {
  it('trusts app://tanda/ and, in development, the dev server origin only', () => {
    expect(isTrustedRendererUrl('app://tanda/index.html')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('https://example.org/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('not a url', 'http://localhost:5173')).toBe(false);
  });
});

it('labels the built assets', () => {
  expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
  expect(contentTypeFor('a.JS')).toMatch(/^text\/javascript/);
  expect(contentTypeFor('blob.bin')).toBe('application/octet-stream');
});
