import raw from '../../../resources/codebook.json';
import { type Codebook, validateCodebook } from './codebook';

/**
 * The policy codebook Tanda ships with (`resources/codebook.json`),
 * validated by the same rules as an imported one, and frozen: editing
 * operations return new codebooks, so nothing may change the shared one.
 */
export const BUILTIN_CODEBOOK: Codebook = deepFreeze(validateCodebook(raw));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
