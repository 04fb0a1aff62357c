import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { Codebook } from '../../../shared/codebook/codebook';
import type { ConcurrentEdit } from '../../../shared/team/journal-merge';
import { canonicalJson } from '../../../shared/exchange/record-order';
import { describeAttributes, tagLabel } from '../annotate/annotation-labels';
import type { AnnotationPatch } from '../db/annotation-repo';
import { useConcurrentEdits } from '../db/live-queries';
import { useUiLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';

interface Version {
  edit: ConcurrentEdit;
  /** Null: the other device deleted it. */
  record: Annotation | null;
  patch: AnnotationPatch | null;
}

/** The part of a device id people can tell apart and say aloud. */
export function shortDevice(device: string): string {
  return device.slice(0, 8);
}

/**
 * "Also edited on device 1a2b3c4d (Ayu) at …": the versions of the selected
 * annotation that lost to a concurrent edit on another device, with what
 * they said, so nothing is lost silently. The owner can take one back (an
 * ordinary edit, undoable like any other).
 */
export function AlsoEditedOn(props: {
  annotation: Annotation;
  codebook: Codebook;
  mine: boolean;
  onUse(patch: AnnotationPatch): void;
}): React.JSX.Element | null {
  const { t } = useUiLanguage('team');
  const format = useFormat();
  const edits = useConcurrentEdits(props.annotation.id);
  const { annotation: current, codebook } = props;
  const versions = edits.flatMap((edit): Version[] => {
    if (edit.entry.op !== 'put') return [{ edit, record: null, patch: null }];
    const record = edit.entry.record as Annotation;
    const patch: AnnotationPatch = { tag: record.tag, attributes: record.attributes, note: record.note };
    const same =
      canonicalJson(patch) ===
      canonicalJson({ tag: current.tag, attributes: current.attributes, note: current.note });
    return same ? [] : [{ edit, record, patch }];
  });
  if (versions.length === 0) return null;
  return (
    <section aria-label={t('alsoEdited.label')} className="also-edited">
      <ul>
        {versions.map(({ edit, record, patch }) => (
          <li key={edit.entry.hlc}>
            <p>
              {t('alsoEdited.where', {
                device: shortDevice(edit.device),
                annotator: record?.annotator ?? current.annotator,
                at: format.dateTime(edit.at),
              })}
            </p>
            {record ? (
              <p className="hint">
                {t('alsoEdited.version', {
                  tag: tagLabel(codebook, record.tag),
                  attributes: describeAttributes(codebook, record.tag, record.attributes) || '—',
                  note: record.note || '—',
                })}
              </p>
            ) : (
              <p className="hint">{t('alsoEdited.deleted')}</p>
            )}
            {props.mine && patch && (
              <button type="button" onClick={() => props.onUse(patch)}>
                {t('alsoEdited.use')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
