#pragma once

// Plain request/response values used inside the ACR emulator, so that the routing logic
// never touches sockets and can be read (and tested) as ordinary functions.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcEmulator)

namespace Berth::Emu {

struct Request
{
    QByteArray method;    // "GET", "HEAD", ...
    QString encodedPath;  // as sent, percent-encoding kept (%2F stays)
    QString decodedPath;  // for logs and recordings
    QStringList segments; // encodedPath split on '/', each segment decoded
    QString encodedQuery; // as sent
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const char *lowerCaseName) const { return headers.value(lowerCaseName); }
    QString queryValue(const QString &key) const
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
};

struct Response
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// JSON body with ACR's content type ("application/json; charset=utf-8") and a trailing
// newline, as the service sends it.
Response jsonResponse(int status, const QJsonObject &object);
Response emptyResponse(int status);

// {"errors":[{"code","message"[,"detail"]}]}. The real service sends `detail` as an array
// (UNAUTHORIZED), an object (NAME_UNKNOWN, MANIFEST_INVALID, REGISTRY_DISALLOWED_OPERATION),
// or not at all (TAG_UNKNOWN); pass an undefined QJsonValue to leave it out.
Response errorResponse(int status,
                       const QString &code,
                       const QString &message,
                       const QJsonValue &detail = QJsonValue(QJsonValue::Undefined));

// Common distribution/ACR errors, with the messages the services use.
Response nameUnknown(const QString &repository);
Response manifestUnknown();
Response tagUnknown();
Response blobUnknown(const QString &digest);
Response blobUploadUnknown();
Response digestInvalid(const QString &message);
Response unsupported();
// ACR answers operations refused by a lock (changeableAttributes) with 405 and this code.
Response disallowed();
Response notFoundRoute();

// Percent-encodes a query value, keeping '/' readable (as ACR does in its Link headers).
QByteArray encodeQueryValue(const QString &value);

} // namespace Berth::Emu
