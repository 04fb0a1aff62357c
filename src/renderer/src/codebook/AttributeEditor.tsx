import { useId, useState } from 'react';
import {
  type Attribute,
  type AttributeKind,
  type AttributeValue,
  type Tag,
  addAttribute,
  addAttributeValue,
  removeAttribute,
  removeAttributeValue,
  renameAttribute,
  renameAttributeValue,
  restoreAttributeValue,
  retireAttributeValue,
} from '../../../shared/codebook/codebook';
import {
  AddForm,
  CommitInput,
  type EditErrors,
  InlineError,
  OtherLanguages,
  type RunEdit,
} from './EditFields';
import type { UsedValues } from './codebook-file';
import { useUiLanguage } from '../i18n/i18n';
import { localLabel } from '../i18n/codebook-text';

const KINDS: readonly AttributeKind[] = ['single', 'multiple', 'text'];

interface ListProps {
  tag: Tag;
  usedValues?: UsedValues;
  run: RunEdit;
  errors: EditErrors;
}

/** A tag's attributes, each editable, plus the form that adds one. Kinds are fixed once added. */
export function AttributeList({ tag, usedValues, run, errors }: ListProps): React.JSX.Element {
  const { t } = useUiLanguage('codebook');
  const headingId = useId();
  const kindId = useId();
  const [kind, setKind] = useState<AttributeKind>('single');
  const where = `${tag.id}:add-attribute`;
  return (
    <section className="cbe-attributes" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('attribute.heading')}</h4>
      {tag.attributes.length === 0 && <p className="cbe-muted">{t('attribute.none')}</p>}
      {tag.attributes.map((attribute) => (
        <AttributeEditor
          key={attribute.id}
          tagId={tag.id}
          attribute={attribute}
          used={usedValues?.(tag.id, attribute.id)}
          run={run}
          errors={errors}
        />
      ))}
      <AddForm
        fieldLabel={t('attribute.newLabel')}
        buttonLabel={t('attribute.add')}
        error={errors.at(where)}
        onAdd={(label) => run(where, (c) => addAttribute(c, tag.id, { label, kind }))}
      >
        <label htmlFor={kindId} className="cbe-vh">
          {t('attribute.kind')}
        </label>
        <select
          id={kindId}
          className="cbe-field-input"
          value={kind}
          onChange={(e) => setKind(e.target.value as AttributeKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </AddForm>
    </section>
  );
}

interface AttributeProps {
  tagId: string;
  attribute: Attribute;
  /** Value ids annotations chose; undefined when the caller can't tell, so nothing is offered for removal. */
  used: ReadonlySet<string> | undefined;
  run: RunEdit;
  errors: EditErrors;
}

function AttributeEditor({ tagId, attribute, used, run, errors }: AttributeProps): React.JSX.Element {
  const { t } = useUiLanguage('codebook');
  const at = (what: string): string => `${tagId}:${attribute.id}:${what}`;
  const choice = attribute.kind !== 'text';
  return (
    <fieldset className="cbe-attribute">
      <legend>
        {localLabel(attribute)} <span className="cbe-kind">{t(`kind.${attribute.kind}`)}</span>
      </legend>
      <div className="cbe-row cbe-attribute-head">
        <CommitInput
          label={t('attribute.label')}
          value={attribute.label}
          error={errors.at(at('label'))}
          onRevert={() => errors.clear(at('label'))}
          onCommit={(label) => run(at('label'), (c) => renameAttribute(c, tagId, attribute.id, label))}
        />
        <OtherLanguages
          what={t('attribute.label')}
          item={attribute}
          where={at('label')}
          run={run}
          errors={errors}
          edit={(c, text, language) => renameAttribute(c, tagId, attribute.id, text, language)}
        />
        <span className="cbe-muted">{t('id', { id: attribute.id })}</span>
        {used !== undefined && used.size === 0 && (
          <button
            type="button"
            onClick={() => void run(at('remove'), (c) => removeAttribute(c, tagId, attribute.id, new Set()))}
          >
            {t('attribute.remove')}
          </button>
        )}
      </div>
      <InlineError message={errors.at(at('remove'))} />
      {choice ? (
        <>
          {attribute.values.length === 0 && <p className="cbe-muted">{t('value.none')}</p>}
          <ul className="cbe-values">
            {attribute.values.map((value) => (
              <ValueRow
                key={value.id}
                tagId={tagId}
                attributeId={attribute.id}
                value={value}
                used={used}
                run={run}
                errors={errors}
              />
            ))}
          </ul>
          <AddForm
            fieldLabel={t('value.newLabel')}
            buttonLabel={t('value.add')}
            error={errors.at(at('add-value'))}
            onAdd={(label) => run(at('add-value'), (c) => addAttributeValue(c, tagId, attribute.id, label))}
          />
        </>
      ) : (
        <p className="cbe-muted">{t('attribute.freeText')}</p>
      )}
    </fieldset>
  );
}

/**
 * One choice. Retiring is always offered (annotations keep it); removing
 * only when the caller proves no annotation chose it — a typo, say.
 */
function ValueRow(props: {
  tagId: string;
  attributeId: string;
  value: AttributeValue;
  used: ReadonlySet<string> | undefined;
  run: RunEdit;
  errors: EditErrors;
}): React.JSX.Element {
  const { tagId, attributeId, value, used, run, errors } = props;
  const { t } = useUiLanguage('codebook');
  const at = (what: string): string => `${tagId}:${attributeId}:${value.id}:${what}`;
  const inUse = used?.has(value.id) ?? false;
  return (
    <li className={value.retired ? 'cbe-value cbe-retired' : 'cbe-value'}>
      <div role="group" aria-label={localLabel(value)} className="cbe-value-row">
        <div className="cbe-value-labels">
          <CommitInput
            label={t('value.label')}
            hideLabel
            value={value.label}
            error={errors.at(at('label'))}
            onRevert={() => errors.clear(at('label'))}
            onCommit={(label) =>
              run(at('label'), (c) => renameAttributeValue(c, tagId, attributeId, value.id, label))
            }
          />
          <OtherLanguages
            what={t('value.label')}
            hideLabel
            item={value}
            where={at('label')}
            run={run}
            errors={errors}
            edit={(c, text, language) =>
              renameAttributeValue(c, tagId, attributeId, value.id, text, language)
            }
          />
        </div>
        <span className="cbe-value-meta">
          <span className="cbe-muted">{t('id', { id: value.id })}</span>
          {inUse && <span className="cbe-muted">{t('value.inUse')}</span>}
          {value.retired && <span className="cbe-badge">{t('retired')}</span>}
        </span>
        <span className="cbe-value-actions">
          <button
            type="button"
            onClick={() =>
              void run(at('state'), (c) =>
                value.retired
                  ? restoreAttributeValue(c, tagId, attributeId, value.id)
                  : retireAttributeValue(c, tagId, attributeId, value.id),
              )
            }
          >
            {value.retired ? t('value.restore') : t('value.retire')}
          </button>
          {used !== undefined && !inUse && (
            <button
              type="button"
              onClick={() =>
                void run(at('state'), (c) => removeAttributeValue(c, tagId, attributeId, value.id, used))
              }
            >
              {t('value.remove')}
            </button>
          )}
        </span>
      </div>
      <InlineError message={errors.at(at('state'))} />
    </li>
  );
}
