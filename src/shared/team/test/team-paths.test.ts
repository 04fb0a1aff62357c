import { describe, expect, it } from 'vitest';
import {
  annotatorSlug,
  isJournalFileName,
  journalLocation,
  journalPath,
  ProjectFileSchema,
} from '../team-paths';

const DEVICE = '11111111-1111-4111-8111-111111111111';

describe('team project paths', () => {
  it("puts a device's journal under its annotator's slug", () => {
    expect(journalPath('Nguyễn Thị Ánh', DEVICE)).toBe(`.tanda/changes/nguyen-thi-anh/${DEVICE}.jsonl`);
    expect(annotatorSlug('Sari')).toBe(annotatorSlug('sari'));
    expect(annotatorSlug('李')).toBe('annotator');
    expect(annotatorSlug('../..')).toBe('annotator');
  });

  it('reads conflict copies that sync tools make like any journal, and skips their temporary files', () => {
    for (const name of [
      `${DEVICE}.jsonl`,
      `${DEVICE}.sync-conflict-20261202-040848-ABCD123.jsonl`,
      `${DEVICE} (Sari's conflicted copy 2026-12-02).jsonl`,
      `${DEVICE}-LAPTOP-SARI.jsonl`,
    ])
      expect(isJournalFileName(name), name).toBe(true);
    for (const name of [`.syncthing.${DEVICE}.jsonl.tmp`, `~${DEVICE}.jsonl`, 'notes.txt', 'x.jsonl.tmp'])
      expect(isJournalFileName(name), name).toBe(false);
  });

  it('knows a journal by where it is', () => {
    expect(journalLocation(`.tanda/changes/sari/${DEVICE}.jsonl`)).toEqual({
      slug: 'sari',
      file: `${DEVICE}.jsonl`,
    });
    expect(journalLocation(`.tanda/changes/${DEVICE}.jsonl`)).toBeNull();
    expect(journalLocation(`articles/changes/sari/${DEVICE}.jsonl`)).toBeNull();
  });

  it('accepts project.json of this version and refuses others with a reason', () => {
    expect(ProjectFileSchema.safeParse({ format: 'tanda-project', version: 1, extra: true }).success).toBe(
      true,
    );
    expect(ProjectFileSchema.safeParse({ format: 'tanda-project', version: 2 }).success).toBe(false);
  });
});
