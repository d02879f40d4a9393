#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Berth {

void installTranslations(const QLocale &locale, QObject *parent)
{
    auto *qt = new QTranslator(parent);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    const QString dir = QStringLiteral(":/i18n");
    auto *berth = new QTranslator(parent);
    if (berth->load(locale, QStringLiteral("berth"), QStringLiteral("_"), dir)
        || berth->load(QStringLiteral("berth_en"), dir))
        QCoreApplication::installTranslator(berth);
}

} // namespace Berth
