#pragma once

class QLocale;
class QObject;

namespace Berth {

// Installs the translations for `locale` in the application: Qt's own (qtbase, from
// QLibraryInfo::TranslationsPath, so "Cancel" is German too) and Berth's (embedded under
// :/i18n by translations/). Where Berth has no translation for the locale, its English one
// gives the plural forms ("1 tag", "3 tags"). The translators are children of `parent`:
// deleting it uninstalls them.
void installTranslations(const QLocale &locale, QObject *parent);

} // namespace Berth
