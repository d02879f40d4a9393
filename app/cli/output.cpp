#include "cli/output.h"

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

void printLine(const QString &line)
{
    printBytes(line.toUtf8() + '\n');
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    printBytes(doc.toJson(QJsonDocument::Indented));
}

void printError(const RegistryError &error)
{
    QString message = error.message.isEmpty() ? error.code : error.message;
    message.replace(u'\n', u' ');
    if (error.httpStatus > 0 && !message.contains(QStringLiteral("HTTP %1").arg(error.httpStatus)))
        message += QStringLiteral(" (HTTP %1)").arg(error.httpStatus);
    std::fprintf(stderr, "berth-cli: %s: %s\n", qPrintable(error.code), qPrintable(message));
}

void printUsageError(const QString &message)
{
    std::fprintf(stderr, "berth-cli: %s\nRun berth-cli --help for the commands.\n",
                 qPrintable(message));
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
            for (const QJsonValue &item : v.toArray())
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

void printTags(const QList<TagInfo> &tags)
{
    for (const TagInfo &t : tags) {
        const QString updated
            = t.lastUpdateTime.isValid() ? t.lastUpdateTime.toString(Qt::ISODate) : QString();
        printLine(QStringLiteral("%1  %2  %3  %4")
                      .arg(t.name, -24)
                      .arg(t.digest.left(19), -19)
                      .arg(updated, -20)
                      .arg(lockSummary(t.attributes))
                      .trimmed());
    }
}

void printManifests(const QList<ManifestInfo> &manifests)
{
    for (const ManifestInfo &m : manifests) {
        const QString platform = m.os.isEmpty() ? QString() : m.os + u'/' + m.architecture;
        printLine(QStringLiteral("%1  %2  %3  %4")
                      .arg(m.digest.left(19), -19)
                      .arg(platform, -14)
                      .arg(m.tags.join(u','), -24)
                      .arg(lockSummary(m.attributes))
                      .trimmed());
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
