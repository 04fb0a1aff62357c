import { CodebookError } from './codebook-error';

/**
 * Tag colours must stay readable on both page backgrounds: the WCAG
 * contrast check the codebook and its editor share.
 */

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Light and dark page backgrounds tag colours are checked against (see `contrastRatio`). */
export const LIGHT_BACKGROUND = '#fbfaf7';
export const DARK_BACKGROUND = '#17181a';

/**
 * WCAG 2.x contrast ratio between two `#rrggbb` colours, 1..21. Uses the
 * WCAG constant 0.03928 (not sRGB's 0.04045) so numbers match checker tools.
 */
export function contrastRatio(hexA: string, hexB: string): number {
  const a = relativeLuminance(hexA);
  const b = relativeLuminance(hexB);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function relativeLuminance(hex: string): number {
  if (!HEX_COLOUR.test(hex)) throw new CodebookError(`"${hex}" is not a colour like #2f7ed8`);
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}
