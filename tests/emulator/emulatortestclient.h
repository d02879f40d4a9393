#pragma once

// A bare HTTP client for the emulator's tests: QNetworkAccessManager directly, no Berth
// client code, redirects not followed, every call bounded by QSignalSpy::wait.

#include "emulator/acremulator.h"
#include "fixtures/emulatorfixture.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QTest>
#include <QUrl>

#include <memory>

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

inline const QString Admin = QStringLiteral("admin");
inline const QString Password = QStringLiteral("s3cret-pass");

// The emulator (demo content, user Admin) and a raw HTTP client, fresh for every test.
class EmulatorTest : public EmulatorFixture
{
public:
    EmulatorTest()
        : EmulatorFixture(Admin, Password)
    {}

protected:
    std::unique_ptr<EmulatorTestClient> m_http;

    void connectClient() override { m_http = std::make_unique<EmulatorTestClient>(m_emu->url()); }
    void disconnectClient() override { m_http.reset(); }
    QString adminToken(const QStringList &scopes) { return m_http->token(Admin, Password, scopes); }
    Headers adminBearer(const QStringList &scopes)
    {
        return EmulatorTestClient::bearer(adminToken(scopes));
    }
};

} // namespace Berth::Test
