// A registry that is out to get the user: it sends the sign-in elsewhere, injects headers
// through tokens, echoes secrets into its errors, drips its answers, invents pages, and
// plays with the clock. Each case is one class of attack, served on 127.0.0.1 by scripted
// servers; "localhost" stands for another host than "127.0.0.1".

#include "auth/authenticator.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/twohosts.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;

namespace {

const QString Password = QStringLiteral("s3cret-Pa55word!");
const QString RefreshToken = QStringLiteral("refresh.token-never-shown_0123456789");

QByteArray jwt(const QJsonObject &claims)
{
    const auto b64 = [](const QByteArray &b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return b64("{\"alg\":\"none\"}") + '.' + b64(QJsonDocument(claims).toJson()) + '.' + "sig";
}

QByteArray tokenBody(const QByteArray &token)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("token"), QString::fromUtf8(token)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_HostileRegistry : public QObject
{
    Q_OBJECT

    TwoHosts m_hosts;

    std::unique_ptr<RegistryClient> client(const Credentials &credentials,
                                           const std::function<void(ConnectionSettings &)> &tweak
                                           = {})
    {
        ConnectionSettings settings;
        settings.registry = *normalizeRegistryUrl(m_hosts.registry->url().toString(), false);
        settings.credentials = credentials;
        settings.timeoutMs = 10000;
        if (tweak)
            tweak(settings);
        return makeClient(settings);
    }

    // /v2/ asks for a Bearer token at `realm`; the tag list needs it.
    void challengeWithRealm(const QByteArray &realm)
    {
        m_hosts.requireToken(QStringLiteral("/v2/repo/tags/list"), realm,
                             R"({"name":"repo","tags":["a"]})");
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
    }

    QByteArray otherRealm() const { return m_hosts.otherRealm(); }

private Q_SLOTS:
    void init() { QVERIFY(m_hosts.listen()); }
    void cleanup() { m_hosts.reset(); }

    // 1. Credentials stay with their registry.
    void passwordIsNotSentToAnUntrustedRealm()
    {
        challengeWithRealm(otherRealm());
        m_hosts.other->addRoute("GET", QStringLiteral("/token"),
                                Response::json(200, tokenBody("tok")));
        auto c = client(Credentials::password(QStringLiteral("user"), Password));
        QSignalSpy refused(c->connection()->authenticator(), &Authenticator::realmRefused);
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::UntrustedRealm);
        QVERIFY2(r.error().message.contains(u"localhost"), qPrintable(r.error().message));
        QCOMPARE(m_hosts.other->requests().size(), 0);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(1).toBool(), true); // the user may approve it
        const QString realm = refused.first().at(0).toString();
        QCOMPARE(realm, m_hosts.otherHost());

        // Once approved, the same request signs in there.
        c->connection()->trustRealm(realm);
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo"))));
        QCOMPARE(m_hosts.other->requests().size(), 1);
        QVERIFY(m_hosts.other->requests().first().header("Authorization").startsWith("Basic "));
    }

    void trustedRealmFromTheSettingsIsUsed()
    {
        challengeWithRealm(otherRealm());
        m_hosts.other->addRoute("GET", QStringLiteral("/token"),
                                Response::json(200, tokenBody("tok")));
        auto c = client(Credentials::password(QStringLiteral("user"), Password),
                        [this](ConnectionSettings &s) { s.trustedRealms = {m_hosts.otherHost()}; });
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo"))));
    }

    void azureTokensGoOnlyToTheRegistryItself_data()
    {
        addBoolRows("aad", "refresh token", "aad token");
    }
    void azureTokensGoOnlyToTheRegistryItself()
    {
        QFETCH(bool, aad);
        challengeWithRealm(otherRealm());
        const Credentials creds
            = aad ? Credentials::aadToken(RefreshToken)
                  : Credentials::password(Credentials::RefreshTokenUser, RefreshToken);
        // Not even a trusted realm gets an Azure token.
        auto c = client(creds,
                        [this](ConnectionSettings &s) { s.trustedRealms = {m_hosts.otherHost()}; });
        QSignalSpy refused(c->connection()->authenticator(), &Authenticator::realmRefused);
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::UntrustedRealm);
        QCOMPARE(m_hosts.other->requests().size(), 0);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(1).toBool(), false);
    }

    void aadExchangeGoesToTheRegistryNotTheRealmPath()
    {
        // The realm is on the registry's own origin but elsewhere in its path space.
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/auth/token")).toEncoded());
        m_hosts.registry->addRoute(
            "POST", QStringLiteral("/oauth2/exchange"),
            Response::json(200, R"({"refresh_token":"fresh-refresh-token"})"));
        m_hosts.registry->addRoute("POST", QStringLiteral("/auth/token"),
                                   Response::json(200, R"({"access_token":"access-token"})"));
        auto c = client(Credentials::aadToken(RefreshToken));
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo"))));
        QStringList paths;
        for (const auto &r : m_hosts.registry->requests())
            paths << QString::fromLatin1(r.method + ' ' + r.path());
        QVERIFY2(paths.contains(u"POST /oauth2/exchange"), qPrintable(paths.join(u", ")));
    }

    void tokenEndpointRedirectingElsewhereIsNotFollowed()
    {
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        const QByteArray elsewhere
            = "http://localhost:" + QByteArray::number(m_hosts.other->port()) + "/t";
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::http(307, {{"Location", elsewhere}}));
        auto c = client(Credentials::password(QStringLiteral("user"), Password));
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::UntrustedRealm);
        QCOMPARE(m_hosts.other->requests().size(), 0);
    }

    // 2. Nothing is injected through a token.
    void tokenWithLineBreaksIsRefused_data()
    {
        addColumns<QByteArray>("token");
        QTest::newRow("crlf header") << QByteArray("abc\r\nX-Injected: yes");
        QTest::newRow("smuggled request")
            << QByteArray("abc\r\n\r\nDELETE /v2/repo/manifests/latest HTTP/1.1\r\nHost: x\r\n");
        QTest::newRow("space") << QByteArray("abc def");
        QTest::newRow("nul") << QByteArray("abc\0def", 7);
    }
    void tokenWithLineBreaksIsRefused()
    {
        QFETCH(QByteArray, token);
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::json(200, tokenBody(token)));
        auto c = client(Credentials::anonymous());
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
        for (const auto &req : m_hosts.registry->requests()) {
            QVERIFY(!req.hasHeader("X-Injected"));
            QVERIFY(req.method != "DELETE");
            QVERIFY(!req.header("Authorization").contains("abc"));
        }
    }

    // 3. Secrets echoed by a server are not shown.
    void echoedSecretsAreScrubbed_data()
    {
        // kind: 0 password, 1 refresh token, 2 aad token
        addColumns<int>("kind");
        QTest::newRow("password") << 0;
        QTest::newRow("refresh token") << 1;
        QTest::newRow("aad token") << 2;
    }
    void echoedSecretsAreScrubbed()
    {
        QFETCH(int, kind);
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        // Both token endpoints echo everything they got: the Authorization header, the form.
        auto echo = [](const ScriptedServer::Request &r) {
            const QByteArray message = "you sent [" + r.header("Authorization") + "] [" + r.body
                                       + "] [" + QByteArray::fromPercentEncoding(r.body) + "]";
            return Response::json(
                401, QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("denied")},
                                               {QStringLiteral("error_description"),
                                                QString::fromUtf8(message)}})
                         .toJson(QJsonDocument::Compact));
        };
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"), echo);
        m_hosts.registry->addRoute("POST", QStringLiteral("/token"), echo);
        m_hosts.registry->addRoute("POST", QStringLiteral("/oauth2/exchange"), echo);
        const Credentials creds
            = kind == 0   ? Credentials::password(QStringLiteral("user"), Password)
              : kind == 1 ? Credentials::password(Credentials::RefreshTokenUser, RefreshToken)
                          : Credentials::aadToken(RefreshToken);
        auto c = client(creds);
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(u"you sent"), qPrintable(r.error().message));
        const QString text = r.error().message + r.error().code
                             + QString::fromUtf8(
                                 QJsonDocument::fromVariant(r.error().detail.toVariant()).toJson());
        const QByteArray basic = (creds.username + u':' + creds.secret).toUtf8().toBase64();
        QVERIFY2(!text.contains(creds.secret), qPrintable(text));
        QVERIFY2(!text.contains(QString::fromLatin1(basic)), qPrintable(text));
        QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(creds.secret))),
                 qPrintable(text));
    }

    void registryEchoingTheBearerTokenIsScrubbed()
    {
        const QByteArray token = "issued-access-token-0123456789";
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::json(200, tokenBody(token)));
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/repo/manifests/latest"),
            [](const ScriptedServer::Request &r) {
                return Response::json(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"no )"
                                               + r.header("Authorization") + R"("}]})");
            });
        auto c = client(Credentials::anonymous());
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo")))); // obtains the token
        const auto r = await(c->getManifest(QStringLiteral("repo"), QStringLiteral("latest")));
        QVERIFY(!r);
        QVERIFY2(!r.error().message.contains(QString::fromLatin1(token)),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(Secrets::Mask));
    }

    // 5. Every wait ends.
    void drippedAnswerHitsTheDeadline()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        const QByteArray body = "{\"name\":\"repo\",\"tags\":[\"" + QByteArray(400, 'a') + "\"]}";
        const QByteArray raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: "
                               + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        // 8 bytes every 100 ms: never silent for long, ~6 s in all at 80 B/s.
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                                   Response::slowDrip(raw, 8, 100));
        auto c = client(Credentials::anonymous(), [](ConnectionSettings &s) {
            s.timeoutMs = 2000;
            s.minBytesPerSec = 1024;
        });
        const auto r = await(c->listTags(QStringLiteral("repo")), 30000);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Timeout);
        QVERIFY2(r.error().message.contains(u"too slowly"), qPrintable(r.error().message));
    }

    void endlessDistinctPagesStop()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        int served = 0;
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/_catalog"), [&served](const ScriptedServer::Request &) {
                ++served;
                const QByteArray next
                    = "</v2/_catalog?last=r" + QByteArray::number(served) + "&n=1>; rel=\"next\"";
                return Response::json(
                    200, "{\"repositories\":[\"r" + QByteArray::number(served) + "\"]}",
                    {{"Link", next}});
            });
        auto c = client(Credentials::anonymous(), [](ConnectionSettings &s) { s.maxPages = 25; });
        const auto r = await(c->listRepositories(1));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::TooManyPages);
        QCOMPARE(served, 25);
    }

    void linkToPlainHttpElsewhereIsNotFollowed()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/_catalog"),
            Response::json(200, R"({"repositories":["a"]})",
                           {{"Link", "<http://example.com/v2/_catalog?last=a>; rel=\"next\""}}));
        auto c = client(Credentials::anonymous());
        const auto r = await(c->listRepositories(1));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
        QVERIFY(r.error().message.contains(u"example.com"));
    }

    // 7. A skewed clock does not throw a fresh token away.
    void tokenExpiredByTheLocalClockIsStillUsed()
    {
        const qint64 past = QDateTime::currentSecsSinceEpoch() - 7200;
        const QByteArray token = jwt(
            {{QStringLiteral("exp"), double(past + 300)}, {QStringLiteral("iat"), double(past)}});
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::json(200, tokenBody(token)));
        auto c = client(Credentials::anonymous());
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo"))));
        // And cached for its five minutes: the next call sends it at once.
        m_hosts.registry->clearRequests();
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("repo"))));
        QCOMPARE(m_hosts.registry->requests().size(), 1);
        QCOMPARE(m_hosts.registry->requests().first().header("Authorization"), "Bearer " + token);
    }

    // 8. No stray Qt diagnostics on the way (berth-cli passes them to stderr when asked).
    void errorBodyCutShortLeavesNoWarning_data()
    {
        addColumns<int>("size");
        QTest::newRow("100 KiB") << (100 << 10);
        QTest::newRow("200 KiB") << (200 << 10);
        QTest::newRow("4 MiB") << (4 << 20);
    }
    void errorBodyCutShortLeavesNoWarning()
    {
        QFETCH(int, size);
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        QByteArray body = R"({"errors":[{"code":"NAME_UNKNOWN","message":"no such repository"}]})";
        body += QByteArray(size, ' ');
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                                   Response::json(404, body));
        auto c = client(Credentials::anonymous());
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NameUnknown);
    }

    void tokenEndpointTimeoutLeavesNoWarning()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"), Response::stall());
        auto c = client(Credentials::password(QStringLiteral("user"), Password),
                        [](ConnectionSettings &s) { s.timeoutMs = 500; });
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Timeout);
    }

    // Qt 6.4 drops the headers of an answer with one over about 100 KB and would read its
    // body until the server closes: refused at once instead (the timeout here is 20 s).
    void hugeResponseHeaderFailsAtOnce()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/repo/tags/list"),
            Response::raw("HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(300 << 10, 'x')
                          + "\r\nContent-Length: 2\r\n\r\n{}"));
        auto c
            = client(Credentials::anonymous(), [](ConnectionSettings &s) { s.timeoutMs = 20000; });
        const auto r = await(c->listTags(QStringLiteral("repo")), 10000);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
        QVERIFY2(r.error().message.contains(u"100 KB"), qPrintable(r.error().message));
    }

    void decompressionBombIsNamed()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        // 64 MiB of zeros as a 64 KiB zlib stream ("Content-Encoding: deflate").
        const QByteArray bomb = qCompress(QByteArray(64 << 20, '\0'), 9).mid(4);
        const QList<QPair<QByteArray, QByteArray>> deflated{{"Content-Type", "application/json"},
                                                            {"Content-Encoding", "deflate"}};
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                                   Response::http(200, deflated, bomb));
        // An honest compressed answer still reads.
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/small/tags/list"),
            Response::http(200, deflated, qCompress(R"({"name":"small","tags":["a"]})").mid(4)));
        auto c = client(Credentials::anonymous());
        BERTH_VERIFY_OK(await(c->listTags(QStringLiteral("small"))));
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
        QVERIFY2(r.error().message.contains(u"decompression bomb"), qPrintable(r.error().message));
    }

    // 9. Messages say what happened.
    void oversizedTokenAnswerIsTooLarge()
    {
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::json(200, tokenBody(QByteArray(2 << 20, 'a'))));
        auto c = client(Credentials::anonymous());
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::TooLarge);
    }
};

QTEST_GUILESS_MAIN(tst_HostileRegistry)
#include "tst_hostileregistry.moc"
