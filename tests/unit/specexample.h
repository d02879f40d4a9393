#pragma once

// Reads the ACR API examples in the shared spec folder (BERTH_SPEC_DIR, set by berthfixtures).

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace Berth::Test {

// The whole example file, e.g. specExample("GetManifest"); empty when unreadable.
inline QJsonObject specExample(const QString &name)
{
    QFile file(QStringLiteral(BERTH_SPEC_DIR "/2021-07-01/examples/") + name
               + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The example's response body for `status`, serialized as the service would send it.
inline QByteArray specResponseBody(const QString &name,
                                   const QString &status = QStringLiteral("200"))
{
    const QJsonValue body = specExample(name)
                                .value(QLatin1String("responses"))
                                .toObject()
                                .value(status)
                                .toObject()
                                .value(QLatin1String("body"));
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    if (body.isArray())
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return body.toString().toUtf8();
}

inline QJsonObject specParameters(const QString &name)
{
    return specExample(name).value(QLatin1String("parameters")).toObject();
}

} // namespace Berth::Test
