// The ACR emulator against ACR's documented behaviour: challenges, the three token flows,
// scopes, expiry, and the stand-alone executable. Listings, locks and metadata shapes are in
// tst_emulator_metadata.cpp, content operations in tst_emulator_content.cpp.

#include "emulator/acremulator.h"
#include "emulatortestclient.h"
#include "fixtures/datatable.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace Berth;
using namespace Berth::Test;

int runContentTests(int argc, char **argv);
int runMetadataTests(int argc, char **argv);

class tst_Emulator : public EmulatorTest
{
    Q_OBJECT

private Q_SLOTS:
    void v2ChallengesWithoutScope()
    {
        const HttpReply reply = m_http->get(QStringLiteral("/v2/"));
        QVERIFY(reply.finished);
        QCOMPARE(reply.status, 401);
        const QString expected = u"Bearer realm=\"" + m_emu->url().toString()
                                 + u"/oauth2/token\",service=\"" + m_emu->loginServer() + u'"';
        QCOMPARE(QString::fromLatin1(reply.header("WWW-Authenticate")), expected);
        QCOMPARE(reply.errorCode(), QStringLiteral("UNAUTHORIZED"));
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
        QCOMPARE(reply.header("Docker-Distribution-Api-Version"), QByteArray("registry/2.0"));
        // Any valid token opens /v2/.
        const HttpReply ok = m_http->get(QStringLiteral("/v2/"), adminBearer({}));
        QCOMPARE(ok.status, 200);
    }

    void challengeNamesTheNeededScope_data()
    {
        addColumns<QByteArray, QString, QString>("method", "path", "scope");
        QTest::newRow("catalog") << QByteArray("GET") << QStringLiteral("/acr/v1/_catalog")
                                 << QStringLiteral("registry:catalog:*");
        QTest::newRow("v2 catalog") << QByteArray("GET") << QStringLiteral("/v2/_catalog")
                                    << QStringLiteral("registry:catalog:*");
        QTest::newRow("pull") << QByteArray("GET")
                              << QStringLiteral("/v2/team/app/api/manifests/1.0")
                              << QStringLiteral("repository:team/app/api:pull");
        QTest::newRow("tags list")
            << QByteArray("GET") << QStringLiteral("/v2/hello-world/tags/list")
            << QStringLiteral("repository:hello-world:pull");
        QTest::newRow("push") << QByteArray("POST")
                              << QStringLiteral("/v2/team/app/api/blobs/uploads/")
                              << QStringLiteral("repository:team/app/api:pull,push");
        QTest::newRow("delete") << QByteArray("DELETE")
                                << QStringLiteral("/acr/v1/hello-world/_tags/v1")
                                << QStringLiteral("repository:hello-world:delete");
        QTest::newRow("metadata read")
            << QByteArray("GET") << QStringLiteral("/acr/v1/team%2Fapp%2Fapi/_tags")
            << QStringLiteral("repository:team/app/api:metadata_read");
        QTest::newRow("metadata write")
            << QByteArray("PATCH") << QStringLiteral("/acr/v1/hello-world")
            << QStringLiteral("repository:hello-world:metadata_write");
    }
    void challengeNamesTheNeededScope()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, scope);
        const HttpReply reply = m_http->send(method, path);
        QCOMPARE(reply.status, 401);
        QVERIFY2(reply.header("WWW-Authenticate")
                     .endsWith(QByteArray(",scope=\"" + scope.toLatin1() + '"')),
                 reply.header("WWW-Authenticate").constData());
        // detail: one {Type,Name,Action} per action, as ACR sends it.
        const QJsonArray detail
            = reply.json().value(u"errors").toArray().at(0).toObject().value(u"detail").toArray();
        QVERIFY(!detail.isEmpty());
        QVERIFY(detail.at(0).toObject().contains(u"Type"));
        QVERIFY(detail.at(0).toObject().contains(u"Action"));
    }

    void tokenWithBasicGet()
    {
        m_emu->addUser(QStringLiteral("reader"), QStringLiteral("r"), {QStringLiteral("pull")});
        const HttpReply reply
            = m_http->get(u"/oauth2/token?service=" + m_http->service()
                              + u"&scope=repository:hello-world:pull,push",
                          EmulatorTestClient::basic(QStringLiteral("reader"), QStringLiteral("r")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().keys(),
                 QStringList{QStringLiteral("access_token")}); // ACR's shape only
        const QString token = reply.json().value(u"access_token").toString();
        QCOMPARE(token.count(u'.'), 2);
        const QJsonObject claims = EmulatorTestClient::jwtPayload(token);
        QVERIFY(claims.value(u"exp").toInteger() > claims.value(u"iat").toInteger());
        QCOMPARE(claims.value(u"aud").toString(), m_emu->loginServer());
        const QJsonArray access = claims.value(u"access").toArray();
        QCOMPARE(access.size(), 1);
        QCOMPARE(access.at(0).toObject().value(u"name").toString(), QStringLiteral("hello-world"));
        // Granted = requested ∩ allowed: push was asked for but the reader may only pull.
        QCOMPARE(access.at(0).toObject().value(u"actions").toArray(),
                 QJsonArray{QStringLiteral("pull")});
        QCOMPARE(m_http
                     ->get(QStringLiteral("/v2/hello-world/tags/list"),
                           EmulatorTestClient::bearer(token))
                     .status,
                 200);

        const HttpReply wrong = m_http->get(
            u"/oauth2/token?service=" + m_http->service() + u"&scope=registry:catalog:*",
            EmulatorTestClient::basic(Admin, QStringLiteral("nope")));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), QStringLiteral("UNAUTHORIZED"));
        QVERIFY(!wrong.body.contains("nope"));
        const HttpReply otherService
            = m_http->get(QStringLiteral("/oauth2/token?service=elsewhere.azurecr.io"),
                          EmulatorTestClient::basic(Admin, Password));
        QCOMPARE(otherService.status, 401);
    }

    void tokenWithRefreshTokenPost()
    {
        QVERIFY(m_emu->loginServer().startsWith(u"127.0.0.1:"));
        const QString refresh = m_emu->issueRefreshToken(Admin);
        const QByteArray form = EmulatorTestClient::formEncode(
            {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
             {QStringLiteral("service"), m_http->service()},
             {QStringLiteral("scope"), QStringLiteral("registry:catalog:*")},
             {QStringLiteral("refresh_token"), refresh}});
        const Headers formType{{"Content-Type", "application/x-www-form-urlencoded"}};
        const HttpReply reply
            = m_http->send("POST", QStringLiteral("/oauth2/token"), formType, form);
        QCOMPARE(reply.status, 200);
        const QString token = reply.json().value(u"access_token").toString();
        QCOMPARE(m_http->get(QStringLiteral("/acr/v1/_catalog"), EmulatorTestClient::bearer(token))
                     .status,
                 200);

        // The refresh token also works as the password of the null GUID user (docker login).
        const QString viaGuid
            = m_http->token(QStringLiteral("00000000-0000-0000-0000-000000000000"), refresh,
                            {QStringLiteral("repository:hello-world:pull")});
        QVERIFY(!viaGuid.isEmpty());

        QByteArray forged = form;
        forged.replace(QUrl::toPercentEncoding(refresh), "eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
        QCOMPARE(m_http->send("POST", QStringLiteral("/oauth2/token"), formType, forged).status,
                 401);

        // grant_type=password: with credentials, and without (anonymous, as the SDK does it).
        const HttpReply password = m_http->send(
            "POST", QStringLiteral("/oauth2/token"), formType,
            EmulatorTestClient::formEncode(
                {{QStringLiteral("grant_type"), QStringLiteral("password")},
                 {QStringLiteral("service"), m_http->service()},
                 {QStringLiteral("scope"), QStringLiteral("repository:hello-world:pull")},
                 {QStringLiteral("username"), Admin},
                 {QStringLiteral("password"), Password}}));
        QCOMPARE(password.status, 200);
        QVERIFY(!password.json().value(u"access_token").toString().isEmpty());
    }

    void tokenFromAadExchange()
    {
        m_emu->addAadToken(QStringLiteral("aad-token-123"), QStringLiteral("tenant-1"));
        const Headers formType{{"Content-Type", "application/x-www-form-urlencoded"}};
        auto exchange = [&](const QString &aad, const QString &tenant) {
            QList<QPair<QString, QString>> fields{
                {QStringLiteral("grant_type"), QStringLiteral("access_token")},
                {QStringLiteral("service"), m_http->service()},
                {QStringLiteral("access_token"), aad}};
            if (!tenant.isEmpty())
                fields.append({QStringLiteral("tenant"), tenant});
            return m_http->send("POST", QStringLiteral("/oauth2/exchange"), formType,
                                EmulatorTestClient::formEncode(fields));
        };
        const HttpReply reply
            = exchange(QStringLiteral("aad-token-123"), QStringLiteral("tenant-1"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().keys(), QStringList{QStringLiteral("refresh_token")});
        const QString refresh = reply.json().value(u"refresh_token").toString();
        QCOMPARE(EmulatorTestClient::jwtPayload(refresh).value(u"tenant").toString(),
                 QStringLiteral("tenant-1"));
        const HttpReply access = m_http->send(
            "POST", QStringLiteral("/oauth2/token"), formType,
            EmulatorTestClient::formEncode(
                {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                 {QStringLiteral("service"), m_http->service()},
                 {QStringLiteral("scope"), QStringLiteral("repository:team/app/api:pull")},
                 {QStringLiteral("refresh_token"), refresh}}));
        QCOMPARE(access.status, 200);
        const QString token = access.json().value(u"access_token").toString();
        QCOMPARE(m_http
                     ->get(QStringLiteral("/v2/team/app/api/tags/list"),
                           EmulatorTestClient::bearer(token))
                     .status,
                 200);

        QCOMPARE(exchange(QStringLiteral("aad-token-123"), {}).status, 200); // tenant optional
        QCOMPARE(exchange(QStringLiteral("aad-token-123"), QStringLiteral("tenant-2")).status, 401);
        QCOMPARE(exchange(QStringLiteral("unknown"), {}).errorCode(),
                 QStringLiteral("UNAUTHORIZED"));
        QCOMPARE(m_http->get(QStringLiteral("/oauth2/exchange")).status, 404); // POST only
    }

    void anonymousActions()
    {
        const QString none = m_http->token({}, {}, {QStringLiteral("repository:hello-world:pull")});
        QCOMPARE(
            m_http
                ->get(QStringLiteral("/v2/hello-world/tags/list"), EmulatorTestClient::bearer(none))
                .status,
            401);
        m_emu->setAnonymousActions({QStringLiteral("pull")});
        const QString pull = m_http->token({}, {},
                                           {QStringLiteral("repository:hello-world:pull,push"),
                                            QStringLiteral("registry:catalog:*")});
        QCOMPARE(
            m_http
                ->get(QStringLiteral("/v2/hello-world/tags/list"), EmulatorTestClient::bearer(pull))
                .status,
            200);
        QCOMPARE(m_http->get(QStringLiteral("/acr/v1/_catalog"), EmulatorTestClient::bearer(pull))
                     .status,
                 200);
        QCOMPARE(m_http
                     ->send("POST", QStringLiteral("/v2/hello-world/blobs/uploads/"),
                            EmulatorTestClient::bearer(pull))
                     .status,
                 401);
    }

    void insufficientScope()
    {
        const Headers pullOnly = adminBearer({QStringLiteral("repository:hello-world:pull")});
        const HttpReply reply
            = m_http->send("PATCH", QStringLiteral("/acr/v1/hello-world/_tags/latest"), pullOnly,
                           R"({"writeEnabled":false})");
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.header("WWW-Authenticate")
                    .endsWith(",scope=\"repository:hello-world:metadata_write\",error="
                              "\"insufficient_scope\""));
        QCOMPARE(reply.errorCode(), QStringLiteral("UNAUTHORIZED"));
        // Another repository's scope does not count either.
        const Headers other = adminBearer({QStringLiteral("repository:team/app/api:pull")});
        QCOMPARE(m_http->get(QStringLiteral("/v2/hello-world/tags/list"), other).status, 401);
    }

    void revokedAndExpiredTokens()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:hello-world:pull")});
        QCOMPARE(m_http->get(QStringLiteral("/v2/hello-world/tags/list"), auth).status, 200);
        m_emu->revokeAllAccessTokens();
        const HttpReply revoked = m_http->get(QStringLiteral("/v2/hello-world/tags/list"), auth);
        QCOMPARE(revoked.status, 401);
        QVERIFY(revoked.header("WWW-Authenticate").endsWith(",error=\"invalid_token\""));

        m_emu->setTokenLifetime(1);
        const Headers shortLived = adminBearer({QStringLiteral("repository:hello-world:pull")});
        QVERIFY(EmulatorTestClient::jwtPayload(QString::fromLatin1(shortLived[0].second.mid(7)))
                    .value(u"exp")
                    .toInteger()
                > 0);
        QCOMPARE(m_http->get(QStringLiteral("/v2/hello-world/tags/list"), shortLived).status, 200);
        m_emu->advanceClock(2); // the token's second has passed
        QCOMPARE(m_http->get(QStringLiteral("/v2/hello-world/tags/list"), shortLived).status, 401);
        QCOMPARE(m_http
                     ->get(QStringLiteral("/v2/hello-world/tags/list"),
                           EmulatorTestClient::bearer(QStringLiteral("garbage")))
                     .status,
                 401);
    }

    void basicCredentialsOnTheApi()
    {
        // ACR accepts Basic directly on its API, too.
        QCOMPARE(m_http
                     ->get(QStringLiteral("/acr/v1/_catalog"),
                           EmulatorTestClient::basic(Admin, Password))
                     .status,
                 200);
        QCOMPARE(m_http
                     ->get(QStringLiteral("/acr/v1/_catalog"),
                           EmulatorTestClient::basic(Admin, QStringLiteral("x")))
                     .status,
                 401);
    }

    void executableServesUntilTerminated()
    {
        QProcess process;
        process.start(QStringLiteral(BERTH_EMULATOR_PATH),
                      {QStringLiteral("--user"), QStringLiteral("u:p"),
                       QStringLiteral("--anonymous"), QStringLiteral("pull"),
                       QStringLiteral("--bulk-repos"), QStringLiteral("3")});
        QVERIFY(process.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        static const QRegularExpression format(
            QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$"));
        const auto match = format.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        EmulatorTestClient client{QUrl(match.captured(1))};
        const QString token = client.token(QStringLiteral("u"), QStringLiteral("p"),
                                           {QStringLiteral("registry:catalog:*")});
        const HttpReply catalog
            = client.get(QStringLiteral("/acr/v1/_catalog"), EmulatorTestClient::bearer(token));
        QCOMPARE(catalog.status, 200);
        QVERIFY(catalog.json()
                    .value(u"repositories")
                    .toArray()
                    .contains(QStringLiteral("bulk/repo-00003")));
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().isEmpty()); // exactly one line
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    {
        tst_Emulator protocol;
        failures += QTest::qExec(&protocol, argc, argv);
    }
    failures += runMetadataTests(argc, argv);
    failures += runContentTests(argc, argv);
    return failures;
}

#include "tst_emulator.moc"
