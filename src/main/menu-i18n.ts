import type { TFunction } from 'i18next';
import { createI18n } from '../shared/i18n/create-i18n';
import type { UiLanguage } from '../shared/i18n/languages';
import enMenu from '../shared/i18n/locales/en/menu.json';
import idMenu from '../shared/i18n/locales/id/menu.json';

/**
 * Main needs one namespace of the catalogs, the menu's; imported statically
 * so the main bundle carries it and nothing is read from disk at launch.
 */
const instance = createI18n('en', { en: { menu: enMenu }, id: { menu: idMenu } });

/** A `t` for the menu in a language (fixed, so a later switch never changes a menu already built). */
export function menuTranslator(language: UiLanguage): TFunction<'menu'> {
  return instance.getFixedT(language, 'menu');
}
