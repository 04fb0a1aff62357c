import { type Codebook } from '../../../shared/codebook/codebook';
import { CodebookEditor } from '../codebook/CodebookEditor';
import { db } from '../db/db';
import { attributeUsageKey } from '../db/annotation-repo';
import { useTagUsage, useUsedAttributeValues } from '../db/live-queries';
import { saveCodebook } from '../db/settings-repo';
import { describeStorageError } from '../ui/storage-error';

/** The codebook editor over the stored codebook, with usage counts from every annotator's annotations. */
export function CodebookDialog(props: {
  codebook: Codebook;
  onClose(): void;
  onError(message: string): void;
}): React.JSX.Element {
  const usage = useTagUsage();
  const usedValues = useUsedAttributeValues();
  return (
    <CodebookEditor
      codebook={props.codebook}
      usage={usage ?? new Map()}
      usedValues={(tagId, attributeId) => usedValues?.get(attributeUsageKey(tagId, attributeId)) ?? new Set()}
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
