import { z } from 'zod';

/*
 * Where a team project keeps its files inside the corpus folder. A contract:
 * colleagues' Tandas of other versions read the same folder.
 */

export const TEAM_FOLDER = '.tanda';
export const PROJECT_FILE = `${TEAM_FOLDER}/project.json`;
export const CHANGES_FOLDER = `${TEAM_FOLDER}/changes`;

export const PROJECT_FORMAT = 'tanda-project';
export const PROJECT_VERSION = 1;

/** `.tanda/project.json`. Unknown properties are ignored (a later version may add some). */
export const ProjectFileSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
});

export function projectFileText(): string {
  return `${JSON.stringify({ format: PROJECT_FORMAT, version: PROJECT_VERSION }, null, 2)}\n`;
}

/**
 * The folder name of an annotator's journals: readable, safe on every file
 * system. It need not be unique ("Sari" and "sari" share one on a
 * case-insensitive disk): files are named by device, and every record says
 * its annotator itself.
 */
export function annotatorSlug(annotator: string): string {
  const slug = annotator
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'annotator' : slug;
}

export const DeviceIdSchema = z.uuid();

/** This device's own journal, relative to the corpus folder. */
export function journalPath(annotator: string, deviceId: string): string {
  return `${CHANGES_FOLDER}/${annotatorSlug(annotator)}/${deviceId}.jsonl`;
}

/**
 * Whether a file under `.tanda/changes/<slug>/` is read as a journal: every
 * `*.jsonl`, and the copies sync tools make when they think two writers
 * collided (Syncthing `x.sync-conflict-20261202-040848-ABCD123.jsonl`,
 * Dropbox/Nextcloud `x (conflicted copy 2026-12-02).jsonl`, OneDrive
 * `x-LAPTOP.jsonl`), so a copy is read like any other journal and never
 * deleted. Hidden and temporary files (`.syncthing.x.tmp`, `~x`) are not.
 */
export function isJournalFileName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~') || name.endsWith('.tmp')) return false;
  return name.endsWith('.jsonl') || name.includes('.sync-conflict-') || /conflicted copy/i.test(name);
}

/** `.tanda/changes/<slug>/<file>` split, or null for any other path. */
export function journalLocation(relativePath: string): { slug: string; file: string } | null {
  const parts = relativePath.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== CHANGES_FOLDER) return null;
  const [, , slug, file] = parts as [string, string, string, string];
  return isJournalFileName(file) ? { slug, file } : null;
}
