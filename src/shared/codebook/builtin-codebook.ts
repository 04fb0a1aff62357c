import raw from '../../../resources/codebook.json';
import { type Codebook, validateCodebook } from './codebook';

let builtin: Codebook | null = null;

/**
 * The policy codebook Tanda ships with (`resources/codebook.json`),
 * validated by the same rules as an imported one, and frozen: editing
 * operations return new codebooks, so nothing may change the shared one.
 * Made on first use, not when the module loads: the validation was a
 * tenth of evaluating the page's bundle at every launch.
 */
export function builtinCodebook(): Codebook {
  builtin ??= deepFreeze(validateCodebook(raw));
  return builtin;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
