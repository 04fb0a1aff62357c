import { z } from 'zod';
import {
  CorpusSnapshotSchema,
  DocumentFormatSchema,
  DocumentPathSchema,
  DocumentTextSchema,
  type CorpusEvent,
} from '../corpus/corpus-types';
import { JournalEntrySchema } from '../team/journal-line';
import { DeviceIdSchema } from '../team/team-paths';
import { API_CALL_NAMES, type ApiCallName } from './api-channels';
import { describeIssues } from '../validation/zod-issues';
import { UI_LANGUAGES } from '../i18n/languages';

const BackupReasonSchema = z.enum(['auto', 'quit', 'before-restore', 'manual']);
export type BackupReason = z.infer<typeof BackupReasonSchema>;

const BackupInfoSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  reason: BackupReasonSchema,
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export {
  API_CALL_NAMES,
  CORPUS_EVENT_CHANNEL,
  ipcChannel,
  TandaApiError,
  type ApiCallName,
  type ApiError,
  type ApiResult,
  type TandaBridge,
} from './api-channels';

/**
 * The one contract between the renderer and the corpus service. Electron's
 * preload and main, and browser mode's HTTP client and server, are all typed
 * and validated from this table: a call that is not here does not exist.
 * A new call is an entry here, its name in `API_CALL_NAMES` (checked against
 * the table) and its handler in main's `apiHandlers` (a type error until
 * written); the renderer's client and the preload follow by themselves.
 */
/** What `saveFile` writes: exports (text) and chart pictures. */
export const SAVE_FILE_KINDS = ['csv', 'json', 'svg', 'png', 'qdpx', 'qdc', 'xlsx'] as const;
/** Kinds whose content are bytes, sent as base64; the others are text. */
export const BINARY_SAVE_FILE_KINDS: ReadonlySet<string> = new Set(['png', 'qdpx', 'xlsx']);

/** At most this many files per `writeCorpusFiles` call. */
export const WRITE_CORPUS_FILES_MAX = 1000;

/** At most this many bytes per `extractDocumentText` call: the corpus's file limit (PDFs larger than that are read from the folder). */
export const EXTRACT_DOCUMENT_MAX_BYTES = 32 * 1024 * 1024;
/** Extensions `extractDocumentText` reads: the formats whose readers need Node (main). */
export const EXTRACTABLE_FILE_NAME = /\.(docx|odt|html?|xhtml|pdf)$/i;

/** At most this many files per `removeCorpusFiles` call (as many as one `writeCorpusFiles` writes). */
export const REMOVE_CORPUS_FILES_MAX = WRITE_CORPUS_FILES_MAX;

/** At most this many paths per `readDocuments` call. */
export const READ_DOCUMENTS_MAX_PATHS = 200;
/**
 * `readDocuments` stops adding documents to its answer once their texts
 * add up to this many UTF-16 code units (about 8 MB of JSON): a batch of
 * long reports is answered in parts, never as one huge message.
 */
export const READ_DOCUMENTS_MAX_CHARS = 4_000_000;

/** One document of a `readDocuments` answer: its text, or why it could not be read. */
const ReadDocumentsItemSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), document: DocumentTextSchema }),
  z.object({
    ok: z.literal(false),
    path: DocumentPathSchema,
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type ReadDocumentsItem = z.infer<typeof ReadDocumentsItemSchema>;

export const TeamStatusSchema = z.object({
  project: z.boolean(),
  problem: z.string().nullable(),
  writes: z.array(z.string()),
});

/** At most this many journal lines per `appendTeamChanges` call (a rename of a big piece of work is several calls). */
export const TEAM_APPEND_MAX_ENTRIES = 5000;

export const JournalCursorSchema = z
  .object({
    offset: z.number().int().nonnegative(),
    line: z.number().int().nonnegative(),
    ino: z.number().int().nonnegative(),
  })
  .strict();

const JournalProblemSchema = z.object({ file: z.string(), line: z.number().int(), message: z.string() });

export const apiCalls = {
  getCorpus: {
    request: z.object({}).strict(),
    response: CorpusSnapshotSchema,
  },
  readDocument: {
    request: z.object({ path: DocumentPathSchema }).strict(),
    response: DocumentTextSchema,
  },
  /**
   * Several documents in one call, for loading a whole corpus in the
   * background: answers in the order asked, one item per path, each either
   * the text (as `readDocument` gives it) or that path's error. The answer
   * may stop early, after at least one document, once the texts add up to
   * `READ_DOCUMENTS_MAX_CHARS`; the caller asks again for the rest.
   */
  readDocuments: {
    request: z
      .object({
        paths: z
          .array(DocumentPathSchema)
          .min(1, 'ask for at least one path')
          .max(READ_DOCUMENTS_MAX_PATHS, `at most ${READ_DOCUMENTS_MAX_PATHS} paths per call`),
      })
      .strict(),
    response: z.object({ documents: z.array(ReadDocumentsItemSchema) }),
  },
  reloadCorpus: {
    request: z.object({}).strict(),
    response: CorpusSnapshotSchema,
  },
  /** Writes a bundle of the whole database to the backups folder and prunes to `keep`. */
  writeBackup: {
    request: z
      .object({
        json: z.string().min(2),
        reason: BackupReasonSchema,
        keep: z.number().int().min(1).max(1000),
      })
      .strict(),
    response: BackupInfoSchema,
  },
  listBackups: {
    request: z.object({}).strict(),
    response: z.object({ folder: z.string(), backups: z.array(BackupInfoSchema) }),
  },
  readBackup: {
    request: z.object({ name: z.string().min(1).max(200) }).strict(),
    response: z.object({ name: z.string(), json: z.string() }),
  },
  /**
   * Desktop only: main asks where to save (a native dialog) and writes the
   * file. Browser mode answers `unsupported`; the renderer downloads instead.
   * `content` is text, or with `encoding: 'base64'` the bytes of a binary
   * file (a PNG must come that way; text kinds must not).
   */
  saveFile: {
    request: z
      .object({
        suggestedName: z.string().min(1).max(255),
        content: z.string(),
        kind: z.enum(SAVE_FILE_KINDS),
        encoding: z.enum(['utf8', 'base64']).optional(),
      })
      .strict()
      .superRefine((request, ctx) => {
        const base64 = request.encoding === 'base64';
        const binary = BINARY_SAVE_FILE_KINDS.has(request.kind);
        if (binary !== base64) {
          ctx.addIssue({
            code: 'custom',
            path: ['encoding'],
            message: binary
              ? `a ${request.kind} must be sent as base64`
              : `a ${request.kind} file is text: send it as utf8`,
          });
        } else if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(request.content)) {
          ctx.addIssue({ code: 'custom', path: ['content'], message: 'not base64' });
        }
      }),
    response: z.object({ path: z.string().nullable() }),
  },
  /** Whether the corpus folder is a team project (`.tanda/project.json`), and what sharing would write. */
  teamStatus: {
    request: z.object({}).strict(),
    response: TeamStatusSchema,
  },
  /** Makes the corpus folder a team project (after the UI said what it writes). */
  createTeamProject: {
    request: z.object({}).strict(),
    response: TeamStatusSchema,
  },
  /**
   * Appends lines to this device's journal and flushes them; sent only after
   * the changes are committed in the database. Fails with `read-only` when
   * the folder cannot be written (the renderer keeps them and retries).
   */
  appendTeamChanges: {
    request: z
      .object({
        annotator: z.string().min(1).max(200),
        deviceId: DeviceIdSchema,
        entries: z
          .array(JournalEntrySchema)
          .min(1, 'send at least one line')
          .max(TEAM_APPEND_MAX_ENTRIES, `at most ${TEAM_APPEND_MAX_ENTRIES} lines per call`),
      })
      .strict(),
    response: z.object({ file: z.string(), bytes: z.number().int(), compacted: z.boolean() }),
  },
  /**
   * What the journals gained since `cursors` (by file, from the previous
   * answer; `{}` reads everything). `done: false`: ask again with the new cursors.
   */
  readTeamChanges: {
    request: z.object({ cursors: z.record(z.string().max(1000), JournalCursorSchema) }).strict(),
    response: z.object({
      batches: z.array(
        z.object({
          file: z.string(),
          entries: z.array(JournalEntrySchema),
          /** The line number of each entry (added 2026-12-02; absent from older hosts). */
          lines: z.array(z.number().int().positive()).optional(),
        }),
      ),
      problems: z.array(JournalProblemSchema),
      cursors: z.record(z.string(), JournalCursorSchema),
      done: z.boolean(),
      /** Complete lines not read yet, 0 when done (added 2026-12-02; absent from older hosts). */
      remainingLines: z.number().int().nonnegative().optional(),
    }),
  },
  /**
   * Creates new text files inside the corpus folder (a REFI-QDA project's
   * sources, on import). All or none: every path is checked first (relative,
   * inside the corpus also through symlinks, `.txt` or `.md`, not hidden,
   * not an existing file, no two the same), then each file is created
   * exclusively; if one fails, those already written are removed. Never
   * overwrites. The watcher then lists the new documents.
   */
  writeCorpusFiles: {
    request: z
      .object({
        files: z
          .array(
            z
              .object({
                path: DocumentPathSchema.refine((p) => /\.(txt|md)$/i.test(p), 'must end in .txt or .md'),
                text: z.string(),
              })
              .strict(),
          )
          .min(1, 'give at least one file')
          .max(WRITE_CORPUS_FILES_MAX, `at most ${WRITE_CORPUS_FILES_MAX} files per call`),
      })
      .strict(),
    response: z.object({ written: z.array(DocumentPathSchema) }),
  },
  /**
   * Removes files that `writeCorpusFiles` created in this session and that
   * are unchanged since (the undo of an import whose database transaction
   * failed). Anything else is refused whole, nothing removed: a path that
   * call did not create, one changed meanwhile, one outside the corpus.
   * The folders it made for them go too, when they are empty.
   */
  removeCorpusFiles: {
    request: z
      .object({
        paths: z
          .array(DocumentPathSchema)
          .min(1, 'give at least one path')
          .max(REMOVE_CORPUS_FILES_MAX, `at most ${REMOVE_CORPUS_FILES_MAX} paths per call`),
      })
      .strict(),
    response: z.object({ removed: z.array(DocumentPathSchema) }),
  },
  /**
   * A document file's canonical text, read by the same extractor as the
   * corpus would read it (a REFI-QDA source given only as DOCX, on import).
   * Nothing is written. A file the extractor skips fails with
   * `not-readable` and the extractor's reason.
   */
  extractDocumentText: {
    request: z
      .object({
        name: z
          .string()
          .min(1)
          .max(255)
          .refine(
            (n) => EXTRACTABLE_FILE_NAME.test(n),
            'must end in .docx, .odt, .html, .htm, .xhtml or .pdf',
          ),
        bytesBase64: z
          .string()
          .max(
            Math.ceil(EXTRACT_DOCUMENT_MAX_BYTES / 3) * 4,
            `the file is over ${EXTRACT_DOCUMENT_MAX_BYTES} bytes`,
          )
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
      })
      .strict(),
    response: z.object({ text: z.string(), format: DocumentFormatSchema, extractor: z.string() }),
  },
  /**
   * The interface language changed (Settings, or the system's at launch):
   * the desktop rebuilds its menu in it. Browser mode has no menu and says
   * so with `menu: false`; the call still succeeds there.
   */
  setInterfaceLanguage: {
    request: z.object({ language: z.enum(UI_LANGUAGES) }).strict(),
    response: z.object({ menu: z.boolean() }),
  },
} as const;

export type ApiCall = keyof typeof apiCalls;
// Every named call has schemas, and every schema has a name.
const _callsMatch: [ApiCall, ApiCallName] extends [ApiCallName, ApiCall] ? true : never = true;
void _callsMatch;
export type ApiRequest<C extends ApiCall> = z.input<(typeof apiCalls)[C]['request']>;
export type ApiResponse<C extends ApiCall> = z.output<(typeof apiCalls)[C]['response']>;

export const apiCallNames: readonly ApiCall[] = API_CALL_NAMES;

export function isApiCall(name: string): name is ApiCall {
  return Object.prototype.hasOwnProperty.call(apiCalls, name);
}

/** Large payloads (backups, exports) may be this big; everything else is small. */
export const LARGE_PAYLOAD_CALLS: ReadonlySet<ApiCall> = new Set([
  'writeBackup',
  'saveFile',
  'appendTeamChanges',
  'writeCorpusFiles',
  'extractDocumentText',
]);

/** A call's arguments: its request, which a call that takes none (`{}`) may leave out. */
export type ApiCallArgs<C extends ApiCall> =
  ApiRequest<C> extends Record<string, never> ? [request?: ApiRequest<C>] : [request: ApiRequest<C>];

/** One typed function per call of the table: what the renderer calls, whichever process answers. */
export type ApiCallFunctions = {
  readonly [C in ApiCall]: (...args: ApiCallArgs<C>) => Promise<ApiResponse<C>>;
};

/** The API the renderer sees, whichever process is behind it: the table's calls, plus corpus events. */
export type TandaApi = ApiCallFunctions & {
  readonly mode: 'electron' | 'web';
  /** Returns a function that stops listening. */
  onCorpusEvent(listener: (event: CorpusEvent) => void): () => void;
};

/**
 * Turns a zod failure into one line that says what and where, e.g.
 * `path: document path is empty`.
 */
export function describeZodError(error: z.ZodError): string {
  return describeIssues(error.issues, { path: 'dotted', root: '(payload)' });
}
