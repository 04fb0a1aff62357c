import {
  apiCalls,
  describeZodError,
  isApiCall,
  READ_DOCUMENTS_MAX_CHARS,
  type ApiCall,
  type ApiError,
  type ApiResult,
  type ApiRequest,
  type ApiResponse,
  type BackupInfo,
  type BackupReason,
  type ReadDocumentsItem,
} from '../shared/api/api-contract';
import { BackupError } from './services/backup-store';
import { extractDocumentText } from './services/document-text-extract';
import { CreatedCorpusFiles, removeCreatedCorpusFiles, writeNewCorpusFiles } from './services/corpus-write';
import { CorpusError } from './services/corpus-service-api';
import {
  appendTeamChanges,
  createTeamProject,
  readTeamChanges,
  TeamFolderError,
  teamStatus,
} from './services/team-folder';
import type { CorpusServiceApi } from './services/corpus-service-api';
import { errorMessage } from '../shared/validation/error-message';
import type { UiLanguage } from '../shared/i18n/languages';

export type { ApiResult };

export type ApiHandlers = {
  [C in ApiCall]: (request: ApiRequest<C>) => Promise<ApiResponse<C>>;
};

/** What the backup calls need: plain Node (services/backup-store.ts). */
export interface BackupStoreApi {
  readonly dir: string;
  write(json: string, reason: BackupReason, keep: number): Promise<BackupInfo>;
  list(): Promise<BackupInfo[]>;
  read(name: string): Promise<string>;
}

export interface HostServices {
  /** The corpus open now. */
  corpus: () => CorpusServiceApi;
  backups: () => BackupStoreApi;
  /** Desktop only: a native save dialog. Browser mode has none (the renderer downloads). */
  saveFile?: (request: ApiRequest<'saveFile'>) => Promise<ApiResponse<'saveFile'>>;
  /** Desktop only: rebuild the application menu in this language. */
  setMenuLanguage?: (language: UiLanguage) => void;
}

/** The handlers behind every call, over the services of this host (Electron main or browser mode). */
export function apiHandlers(services: HostServices): ApiHandlers {
  const created = new CreatedCorpusFiles();
  return {
    getCorpus: async () => services.corpus().snapshot(),
    readDocument: async ({ path }) => services.corpus().readDocument(path),
    readDocuments: async ({ paths }) => ({ documents: await readDocuments(services.corpus(), paths) }),
    reloadCorpus: async () => services.corpus().reload(),
    writeBackup: async ({ json, reason, keep }) => services.backups().write(json, reason, keep),
    listBackups: async () => ({ folder: services.backups().dir, backups: await services.backups().list() }),
    readBackup: async ({ name }) => ({ name, json: await services.backups().read(name) }),
    teamStatus: async () => teamStatus(services.corpus().root),
    createTeamProject: async () => createTeamProject(services.corpus().root),
    appendTeamChanges: async ({ annotator, deviceId, entries }) =>
      appendTeamChanges(services.corpus().root, annotator, deviceId, entries),
    readTeamChanges: async ({ cursors }) => readTeamChanges(services.corpus().root, cursors),
    writeCorpusFiles: async ({ files }) => ({
      written: await writeNewCorpusFiles(services.corpus().root, files, created),
    }),
    removeCorpusFiles: async ({ paths }) => ({
      removed: await removeCreatedCorpusFiles(services.corpus().root, paths, created),
    }),
    extractDocumentText: async ({ name, bytesBase64 }) => extractDocumentText(name, bytesBase64),
    setInterfaceLanguage: async ({ language }) => {
      services.setMenuLanguage?.(language);
      return { menu: services.setMenuLanguage !== undefined };
    },
    saveFile: async (request) => {
      if (!services.saveFile)
        throw new HostError('unsupported', 'saving through a dialog is a desktop feature');
      return services.saveFile(request);
    },
  };
}

/** How many reads run ahead of the one answered next: one at a time, the host spent most of each read waiting. */
export const READ_DOCUMENTS_AHEAD = 16;

/**
 * In the order asked, each path's failure kept in its item; stops after the
 * document that takes the texts past `READ_DOCUMENTS_MAX_CHARS`. Up to
 * READ_DOCUMENTS_AHEAD reads are in flight at once (4× faster over 3,000
 * small articles); those past the limit are dropped, and read again when the
 * caller asks for the rest.
 */
async function readDocuments(
  corpus: CorpusServiceApi,
  paths: readonly string[],
): Promise<ReadDocumentsItem[]> {
  const read = (path: string): Promise<ReadDocumentsItem> =>
    // The renderer's loading of every text: the scan's texts may answer (corpus-service-api.ts).
    corpus.readDocument(path, { scanned: true }).then(
      (document): ReadDocumentsItem => ({ ok: true, document }),
      (error: unknown): ReadDocumentsItem => ({ ok: false, path, error: errorOf('readDocuments', error) }),
    );
  const inFlight = paths.slice(0, READ_DOCUMENTS_AHEAD).map(read);
  const items: ReadDocumentsItem[] = [];
  let chars = 0;
  for (let i = 0; i < paths.length; i++) {
    const item = await inFlight[i]!;
    items.push(item);
    if (item.ok) chars += item.document.text.length;
    if (chars >= READ_DOCUMENTS_MAX_CHARS) break;
    const next = i + READ_DOCUMENTS_AHEAD;
    if (next < paths.length) inFlight.push(read(paths[next]!));
  }
  return items;
}

/** A failure with a code the renderer acts on (e.g. `unsupported` → download instead). */
class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/**
 * Validates an untrusted payload against the call's schema, runs the
 * handler, and wraps the outcome. Electron's IPC handlers and browser
 * mode's HTTP server both go through here, so the two modes cannot drift.
 */
export async function dispatchApiCall(
  handlers: ApiHandlers,
  call: string,
  payload: unknown,
): Promise<ApiResult> {
  if (!isApiCall(call)) {
    return failure('unknown-call', `unknown API call "${call}"`);
  }
  const parsed = apiCalls[call].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return failure('invalid-request', `${call}: ${describeZodError(parsed.error)}`);
  }
  try {
    const handler = handlers[call] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: errorOf(call, error) };
  }
}

/** The code and message a failure crosses the boundary with. */
function errorOf(call: string, error: unknown): ApiError {
  if (
    error instanceof CorpusError ||
    error instanceof HostError ||
    error instanceof BackupError ||
    error instanceof TeamFolderError
  ) {
    return { code: error.code, message: error.message };
  }
  const message = errorMessage(error);
  return { code: 'internal', message: `${call} failed: ${message}` };
}

function failure(code: string, message: string): ApiResult {
  return { ok: false, error: { code, message } };
}
