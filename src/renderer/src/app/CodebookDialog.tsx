import { useLiveQuery } from 'dexie-react-hooks';
import { type Codebook } from '../../../shared/codebook/codebook';
import { CodebookEditor } from '../codebook/CodebookEditor';
import { db } from '../db/db';
import { saveCodebook } from '../db/settings-repo';
import { describeStorageError } from '../db/storage-health';

/** The codebook editor over the stored codebook, with usage counts from every annotator's annotations. */
export function CodebookDialog(props: {
  codebook: Codebook;
  onClose(): void;
  onError(message: string): void;
}): React.JSX.Element {
  const usage = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.annotations.each((a) => counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1));
    return counts;
  }, []);
  const usedValues = useLiveQuery(async () => {
    const used = new Map<string, Set<string>>();
    await db.annotations.each((a) => {
      for (const [attr, value] of Object.entries(a.attributes)) {
        const key = `${a.tag}\u0000${attr}`;
        const set = used.get(key) ?? new Set<string>();
        for (const v of Array.isArray(value) ? value : [value]) set.add(v);
        used.set(key, set);
      }
    });
    return used;
  }, []);
  return (
    <CodebookEditor
      codebook={props.codebook}
      usage={usage ?? new Map()}
      usedValues={(tagId, attributeId) => usedValues?.get(`${tagId}\u0000${attributeId}`) ?? new Set()}
      onChange={async (next) => {
        try {
          await saveCodebook(db, next);
        } catch (error) {
          props.onError(describeStorageError(error));
          throw error;
        }
      }}
      onClose={props.onClose}
    />
  );
}
