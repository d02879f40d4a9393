#include "ui/manifesthtml.h"

#include "core/mediatypes.h"
#include "models/format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Berth::ManifestHtml {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::ManifestView)
};

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString code(const QString &text)
{
    return u"<code>"_s + esc(text) + u"</code>"_s;
}

// A two-column table of label/value rows; values are HTML already.
class Table
{
public:
    void add(const QString &label, const QString &valueHtml)
    {
        if (!valueHtml.isEmpty())
            m_rows << u"<tr><td style=\"padding-right:12px\" valign=\"top\"><b>"_s + esc(label)
                          + u"</b></td><td>"_s + valueHtml + u"</td></tr>"_s;
    }
    QString html() const
    {
        return m_rows.isEmpty() ? QString()
                                : u"<table cellspacing=\"0\" cellpadding=\"2\">"_s
                                      + m_rows.join(QString()) + u"</table>"_s;
    }

private:
    QStringList m_rows;
};

QString heading(const QString &text)
{
    return u"<h4>"_s + esc(text) + u"</h4>"_s;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 0)
        return {};
    if (bytes < 1000)
        return esc(Format::size(bytes));
    return esc(Tr::tr("%1 (%2 bytes)").arg(Format::size(bytes), QLocale().toString(bytes)));
}

QString timeText(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? esc(Format::time(t)) : esc(iso);
}

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isNull())
        return QStringLiteral("null");
    return value.toVariant().toString();
}

QString objectTable(const QJsonObject &object)
{
    Table table;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        table.add(it.key(), v.isString() ? esc(v.toString()) : code(jsonText(v)));
    }
    return table.html();
}

QString keysOf(const QJsonValue &value)
{
    return value.toObject().keys().join(QStringLiteral(", "));
}

} // namespace

QString commandLine(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QStringList parts;
    const QJsonArray array = value.toArray();
    for (const QJsonValue v : array) {
        QString arg = v.toString();
        if (arg.isEmpty() || arg.contains(u' ') || arg.contains(u'"') || arg.contains(u'\'')) {
            arg.replace(u'\\', QStringLiteral("\\\\"));
            arg.replace(u'"', QStringLiteral("\\\""));
            arg = u'"' + arg + u'"';
        }
        parts << arg;
    }
    return parts.join(u' ');
}

QString summary(const Manifest &m, const QString &digest, qint64 bodySize, const ImageSize *size)
{
    Table table;
    table.add(Tr::tr("Kind"), esc(m.kind == Manifest::Kind::Index ? Tr::tr("Index (multi-platform)")
                                                                  : Tr::tr("Image manifest")));
    table.add(Tr::tr("Media type"), code(m.mediaType));
    if (!m.artifactType.isEmpty())
        table.add(Tr::tr("Artifact type"), code(m.artifactType));
    table.add(Tr::tr("Digest"), code(digest));
    table.add(Tr::tr("Manifest size"), sizeText(bodySize));
    if (m.kind == Manifest::Kind::Image) {
        table.add(Tr::tr("Config"), code(m.config.mediaType) + u"<br>"_s + code(m.config.digest)
                                        + u"<br>"_s + sizeText(m.config.size));
        qint64 layers = 0;
        for (const Descriptor &d : m.layers)
            layers += std::max<qint64>(d.size, 0);
        table.add(Tr::tr("Layers"), esc(Tr::tr("%n layer(s), %1", nullptr, int(m.layers.size()))
                                            .arg(Format::size(layers))));
    } else {
        table.add(Tr::tr("Platforms"),
                  esc(Tr::tr("%n manifest(s)", nullptr, int(m.manifests.size()))));
    }
    if (m.kind == Manifest::Kind::Image)
        table.add(Tr::tr("Total size"), sizeText(m.totalSize()));
    else if (!size)
        table.add(Tr::tr("Total size"), esc(Tr::tr("computing…")));
    else if (size->bytes < 0)
        table.add(Tr::tr("Total size"), esc(Tr::tr("unknown: a platform could not be read")));
    else
        table.add(Tr::tr("Total size"),
                  sizeText(size->bytes) + u"<br>"_s
                      + esc(Tr::tr("every platform's config and layers, shared layers once")));
    if (m.subject)
        table.add(Tr::tr("Subject"),
                  code(m.subject->digest) + u"<br>"_s + code(m.subject->mediaType));

    QString html = table.html();
    if (!m.annotations.isEmpty())
        html += heading(Tr::tr("Annotations")) + objectTable(m.annotations);
    return html;
}

QString configuration(const QJsonObject &config, const Manifest &manifest)
{
    const QJsonObject run = config.value(u"config"_s).toObject();
    Table table;
    table.add(Tr::tr("OS"), esc(config.value(u"os"_s).toString()));
    QString architecture = config.value(u"architecture"_s).toString();
    if (config.contains(u"variant"_s))
        architecture += u'/' + config.value(u"variant"_s).toString();
    table.add(Tr::tr("Architecture"), esc(architecture));
    table.add(Tr::tr("OS version"), esc(config.value(u"os.version"_s).toString()));
    if (config.contains(u"created"_s))
        table.add(Tr::tr("Created"), timeText(config.value(u"created"_s).toString()));
    table.add(Tr::tr("Author"), esc(config.value(u"author"_s).toString()));
    if (run.contains(u"Entrypoint"_s))
        table.add(Tr::tr("Entrypoint"), code(commandLine(run.value(u"Entrypoint"_s))));
    if (run.contains(u"Cmd"_s))
        table.add(Tr::tr("Cmd"), code(commandLine(run.value(u"Cmd"_s))));
    table.add(Tr::tr("Working directory"), esc(run.value(u"WorkingDir"_s).toString()));
    table.add(Tr::tr("User"), esc(run.value(u"User"_s).toString()));
    table.add(Tr::tr("Exposed ports"), esc(keysOf(run.value(u"ExposedPorts"_s))));
    table.add(Tr::tr("Volumes"), esc(keysOf(run.value(u"Volumes"_s))));
    table.add(Tr::tr("Stop signal"), esc(run.value(u"StopSignal"_s).toString()));
    QString html = table.html();

    const QJsonArray env = run.value(u"Env"_s).toArray();
    if (!env.isEmpty()) {
        html += heading(Tr::tr("Environment"));
        QStringList lines;
        for (const QJsonValue v : env)
            lines << esc(v.toString());
        html += u"<pre>"_s + lines.join(u'\n') + u"</pre>"_s;
    }
    const QJsonObject labels = run.value(u"Labels"_s).toObject();
    if (!labels.isEmpty())
        html += heading(Tr::tr("Labels")) + objectTable(labels);

    const QJsonArray history = config.value(u"history"_s).toArray();
    if (!history.isEmpty()) {
        html += heading(Tr::tr("History"));
        html
            += u"<table cellspacing=\"0\" cellpadding=\"3\"><tr><th align=\"left\">#</th><th align=\"left\">"_s
               + esc(Tr::tr("Created")) + u"</th><th align=\"right\">"_s + esc(Tr::tr("Layer"))
               + u"</th><th align=\"left\">"_s + esc(Tr::tr("Command")) + u"</th></tr>"_s;
        int layer = 0;
        for (qsizetype i = 0; i < history.size(); ++i) {
            const QJsonObject entry = history.at(i).toObject();
            QString layerText;
            if (entry.value(u"empty_layer"_s).toBool()) {
                layerText = esc(Tr::tr("empty"));
            } else {
                layerText = layer < manifest.layers.size()
                                ? esc(Format::size(manifest.layers.at(layer).size))
                                : QStringLiteral("?");
                ++layer;
            }
            QString command = entry.value(u"created_by"_s).toString();
            if (command.isEmpty())
                command = entry.value(u"comment"_s).toString();
            html += u"<tr><td valign=\"top\">"_s + QString::number(i + 1)
                    + u"</td><td valign=\"top\" style=\"white-space:nowrap\">"_s
                    + timeText(entry.value(u"created"_s).toString())
                    + u"</td><td valign=\"top\" align=\"right\">"_s + layerText
                    + u"</td><td valign=\"top\">"_s + code(command) + u"</td></tr>"_s;
        }
        html += u"</table>"_s;
    }
    return html;
}

} // namespace Berth::ManifestHtml
