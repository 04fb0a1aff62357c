import { type Codebook } from '../../../shared/codebook/codebook';

let sheet: CSSStyleSheet | null = null;

/**
 * Tag colours come from the codebook, which analysts edit, so they cannot
 * live in the static CSS. They go into one constructed stylesheet (CSSOM,
 * allowed by our CSP, unlike inline <style>), as a custom property per tag
 * that the static rules for highlights, swatches and chips read.
 */
export function applyTagColours(codebook: Codebook, doc: Document = document): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }
  const light: string[] = [];
  const dark: string[] = [];
  for (const tag of codebook.tags) {
    const selector = `[data-tag="${cssString(tag.id)}"], .tag-${cssIdent(tag.id)}, .hl-${cssIdent(tag.id)}`;
    light.push(`${selector} { --tag-color: ${tag.color}; }`);
    if (tag.darkColor) dark.push(`${selector} { --tag-color: ${tag.darkColor}; }`);
  }
  sheet.replaceSync(`${light.join('\n')}\n@media (prefers-color-scheme: dark) {\n${dark.join('\n')}\n}`);
}

function cssIdent(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}

function cssString(id: string): string {
  return id.replace(/["\\]/g, '\\$&');
}
