/** Visible Undo and Redo, named by the step they take ("Undo: tag Commitment"); disabled when there is none. */
export function HistoryButtons(props: {
  undoStep: string | null;
  redoStep: string | null;
  onUndo(): void;
  onRedo(): void;
}): React.JSX.Element {
  return (
    <div role="group" aria-label="History" className="history-buttons">
      <button
        type="button"
        aria-label={props.undoStep ? `Undo: ${props.undoStep}` : 'Undo'}
        title={props.undoStep ? `Undo: ${props.undoStep} (Ctrl+Z)` : 'Nothing to undo'}
        disabled={!props.undoStep}
        onClick={props.onUndo}
      >
        Undo
      </button>
      <button
        type="button"
        aria-label={props.redoStep ? `Redo: ${props.redoStep}` : 'Redo'}
        title={props.redoStep ? `Redo: ${props.redoStep} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        disabled={!props.redoStep}
        onClick={props.onRedo}
      >
        Redo
      </button>
    </div>
  );
}
