import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiCalls, type ApiRequest } from '../../../../shared/api/api-contract';

// The desktop app's side: what reaches main's saveFile (validated by the same schema main uses).
const saved: ApiRequest<'saveFile'>[] = [];
vi.mock('../../api/tanda-api', () => ({
  api: {
    mode: 'electron',
    saveFile: async (request: ApiRequest<'saveFile'>) => {
      saved.push(apiCalls.saveFile.request.parse(request));
      return { path: `/home/ana/Documents/${request.suggestedName}` };
    },
  },
}));

const { deliverFile, deliverPicture } = await import('../deliver-file');

describe('deliverFile and deliverPicture in the desktop app', () => {
  beforeEach(() => {
    saved.length = 0;
  });

  it('sends a PNG as base64 of its exact bytes, large ones included', async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    expect(await deliverPicture('chart.png', new Blob([bytes], { type: 'image/png' }), 'png')).toBe(
      'Saved /home/ana/Documents/chart.png',
    );
    expect(saved).toHaveLength(1);
    expect(saved[0]!.kind).toBe('png');
    expect(saved[0]!.encoding).toBe('base64');
    expect(new Uint8Array(Buffer.from(saved[0]!.content, 'base64'))).toEqual(bytes);
  });

  it('sends an SVG and the text exports as text', async () => {
    await deliverPicture('chart.svg', new Blob(['<svg>Hà Nội</svg>'], { type: 'image/svg+xml' }), 'svg');
    await deliverFile('codebook.json', '{"tags":[]}', 'json');
    expect(saved.map((r) => [r.kind, r.content, r.encoding])).toEqual([
      ['svg', '<svg>Hà Nội</svg>', undefined],
      ['json', '{"tags":[]}', undefined],
    ]);
  });
});
