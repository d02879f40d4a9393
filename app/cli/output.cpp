#include "cli/output.h"

#include "core/printable.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace Berth::Cli {

void printBytes(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

// Every line of text output passes here: what came from the registry is made printable().
void printLine(const QString &line)
{
    printBytes(printable(line).toUtf8() + '\n');
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    printBytes(doc.toJson(QJsonDocument::Indented));
}

void printError(const RegistryError &error)
{
    RegistryError shown = error;
    // Where a flag of berth-cli's own lifts the refusal, say which.
    const QJsonObject detail = error.detail.toObject();
    if (error.code == ErrorCode::UntrustedRealm && detail.value(u"approvable").toBool())
        shown.message += QStringLiteral(" Allow it with --trust-realm %1.")
                             .arg(detail.value(u"realm").toString());
    else if (error.code == ErrorCode::TooManyPages)
        shown.message += QStringLiteral(" Raise the limit with --max-pages N.");
    std::fprintf(stderr, "berth-cli: %s\n", printableErrorLine(shown).toUtf8().constData());
}

void printUsageError(const QString &message)
{
    std::fprintf(stderr, "berth-cli: %s\nRun berth-cli --help for the commands.\n",
                 printable(message).toUtf8().constData());
}

void printObject(const QJsonObject &object, int indent)
{
    const QString pad(indent, u' ');
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isObject()) {
            printLine(pad + it.key() + u':');
            printObject(v.toObject(), indent + 2);
        } else if (v.isArray()) {
            QStringList items;
            for (const QJsonValue item : v.toArray())
                items << (item.isString()
                              ? item.toString()
                              : QString::fromUtf8(
                                  QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact)));
            printLine(pad + it.key() + u": " + items.join(QStringLiteral(", ")));
        } else if (v.isBool()) {
            printLine(pad + it.key() + u": " + (v.toBool() ? u"true" : u"false"));
        } else if (v.isDouble()) {
            printLine(pad + it.key() + u": " + QString::number(v.toDouble(), 'f', 0));
        } else {
            printLine(pad + it.key() + u": " + v.toString());
        }
    }
}

QString lockSummary(const ChangeableAttributes &a)
{
    QStringList parts;
    auto add = [&](const char *name, const std::optional<bool> &value) {
        if (value)
            parts << QString::fromLatin1(name) + (*value ? u":on" : u":off");
    };
    add("write", a.writeEnabled);
    add("delete", a.deleteEnabled);
    add("read", a.readEnabled);
    add("list", a.listEnabled);
    return parts.join(u' ');
}

namespace {
// Columns padded to their widths, two spaces apart; the last one as it is.
QString columns(const QList<QPair<QString, int>> &cells)
{
    QString line;
    for (const auto &[text, width] : cells)
        line += text.leftJustified(width) + QLatin1String("  ");
    while (line.endsWith(u' '))
        line.chop(1);
    return line;
}
} // namespace

void printTags(const QList<TagInfo> &tags)
{
    for (const TagInfo &t : tags) {
        const QString updated
            = t.lastUpdateTime.isValid() ? t.lastUpdateTime.toString(Qt::ISODate) : QString();
        printLine(columns({{t.name, 24},
                           {t.digest.left(19), 19},
                           {updated, 20},
                           {lockSummary(t.attributes), 0}}));
    }
}

void printManifests(const QList<ManifestInfo> &manifests)
{
    for (const ManifestInfo &m : manifests) {
        const QString platform = m.os.isEmpty() ? QString() : m.os + u'/' + m.architecture;
        printLine(columns({{m.digest.left(19), 19},
                           {platform, 14},
                           {m.tags.join(u','), 24},
                           {lockSummary(m.attributes), 0}}));
    }
}

ProgressLine::ProgressLine()
    : m_enabled(isatty(fileno(stderr)) != 0)
    , m_started(QDateTime::currentMSecsSinceEpoch())
{}

void ProgressLine::update(qint64 done, qint64 total)
{
    if (!m_enabled)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_shown && done < total && now - m_lastDrawn < 100)
        return; // at most ten redraws a second
    m_shown = true;
    m_lastDrawn = now;
    const double secs = qMax<qint64>(1, now - m_started) / 1000.0;
    const double mib = done / 1048576.0;
    const double rate = mib / secs;
    QString left;
    if (rate > 0 && total > done)
        left = QStringLiteral(", %1 s left").arg((total - done) / 1048576.0 / rate, 0, 'f', 0);
    std::fprintf(stderr, "\r%.1f / %.1f MiB  %.1f MiB/s%s   ", mib, total / 1048576.0, rate,
                 qPrintable(left));
    std::fflush(stderr);
}

void ProgressLine::finish()
{
    if (m_shown)
        std::fprintf(stderr, "\n");
}

} // namespace Berth::Cli
