#include "models/format.h"

#include <QLocale>

namespace Berth::Format {

QString size(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return digest.mid(colon + 1, 12);
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString platforms(const ManifestInfo &info)
{
    QStringList out;
    for (const PlatformRef &p : info.references) {
        if (!p.os.isEmpty())
            out << p.os + u'/' + p.architecture
                       + (p.variant.isEmpty() ? QString() : u'/' + p.variant);
    }
    if (out.isEmpty() && !info.os.isEmpty())
        out << info.os + u'/' + info.architecture;
    out.removeDuplicates();
    return out.join(QStringLiteral(", "));
}

} // namespace Berth::Format
