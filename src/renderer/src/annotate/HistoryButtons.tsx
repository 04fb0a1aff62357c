import { useUiLanguage } from '../i18n/i18n';

/** Visible Undo and Redo, named by the step they take ("Undo: tag Commitment"); disabled when there is none. */
export function HistoryButtons(props: {
  undoStep: string | null;
  redoStep: string | null;
  onUndo(): void;
  onRedo(): void;
}): React.JSX.Element {
  const { t } = useUiLanguage('annotate');
  return (
    <div role="group" aria-label={t('history.label')} className="history-buttons">
      <button
        type="button"
        aria-label={props.undoStep ? t('history.undoStep', { step: props.undoStep }) : t('history.undo')}
        title={props.undoStep ? t('history.undoTitle', { step: props.undoStep }) : t('history.nothingToUndo')}
        disabled={!props.undoStep}
        onClick={props.onUndo}
      >
        {t('history.undo')}
      </button>
      <button
        type="button"
        aria-label={props.redoStep ? t('history.redoStep', { step: props.redoStep }) : t('history.redo')}
        title={props.redoStep ? t('history.redoTitle', { step: props.redoStep }) : t('history.nothingToRedo')}
        disabled={!props.redoStep}
        onClick={props.onRedo}
      >
        {t('history.redo')}
      </button>
    </div>
  );
}
