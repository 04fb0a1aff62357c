/**
 * What was last said to screen readers in one view, in a store of its own:
 * saying something (`]` names the next suggestion, Tab the next annotation)
 * renders only the live region that reads it (`LiveRegion`), never the view
 * around it. Saying the same words again changes nothing, as a live region
 * would not read them again either.
 */
export interface AnnouncementSource {
  get(): string;
  subscribe(listener: () => void): () => void;
}

export class Announcer implements AnnouncementSource {
  private said = '';
  private readonly listeners = new Set<() => void>();

  readonly get = (): string => this.said;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A bound function: handed to sessions and hooks as their `announce`. */
  readonly say = (message: string): void => {
    if (message === this.said) return;
    this.said = message;
    for (const listener of [...this.listeners]) listener();
  };

  /** Another document: nothing said yet. */
  clear(): void {
    this.say('');
  }
}
