#pragma once

// A bare HTTP client for the emulator's tests: QNetworkAccessManager directly, no Berth
// client code, redirects not followed, every call bounded by QSignalSpy::wait.

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Berth::Test {

struct HttpReply
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const; // errors[0].code
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

class EmulatorTestClient
{
public:
    explicit EmulatorTestClient(const QUrl &base)
        : m_base(base)
    {}

    // `target`: a path with optional query ("/v2/x/tags/list?n=1"), or an absolute URL.
    HttpReply send(const QByteArray &method,
                   const QString &target,
                   const Headers &headers = {},
                   const QByteArray &body = {});
    HttpReply get(const QString &target, const Headers &headers = {})
    {
        return send("GET", target, headers);
    }

    QString service() const { return m_base.authority(); }
    // An access token for `scopes` via GET /oauth2/token with Basic credentials (empty user:
    // anonymous). Empty on failure.
    QString token(const QString &user, const QString &password, const QStringList &scopes);
    static Headers bearer(const QString &token);
    static Headers basic(const QString &user, const QString &password);
    static QByteArray formEncode(const QList<QPair<QString, QString>> &fields);
    static QJsonObject jwtPayload(const QString &token);
    // The target of a Link header (`<...>; rel="next"`), or empty.
    static QString nextLink(const HttpReply &reply);

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

} // namespace Berth::Test
