#include "ui/dialogs/dialogtext.h"

#include <QCoreApplication>

namespace Berth::DialogText {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::DialogText)
};
} // namespace

QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    if (colon < 0 || digest.size() <= colon + 1 + 12)
        return digest;
    return digest.left(colon + 1 + 12);
}

QString listFailures(const QList<Failure> &failures, int maxLines)
{
    QStringList lines;
    for (const Failure &failure : failures) {
        if (lines.size() == maxLines)
            break;
        lines.append(Tr::tr("%1: %2").arg(failure.item, failure.error.toString()));
    }
    const qsizetype rest = failures.size() - lines.size();
    if (rest > 0)
        lines.append(Tr::tr("… and %n more", nullptr, int(rest)));
    return lines.join(u'\n');
}

} // namespace Berth::DialogText
