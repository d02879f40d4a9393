// berth-cli against a hostile registry: the sign-in sent to another host is refused with the
// flag that allows it, a token that would inject a header is refused, echoed secrets are
// not printed, an endless listing stops with the flag that raises the limit.

#include "clirun.h"
#include "fixtures/datatable.h"
#include "fixtures/twohosts.h"

#include <QJsonObject>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;

namespace {
const QByteArray Password = "Cli-Pa55word-secret";
}

class tst_CliHostile : public QObject
{
    Q_OBJECT

    TwoHosts m_hosts;

    CliRun cli(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        env.insert(QStringLiteral("BERTH_REGISTRY"), m_hosts.registry->url().toString());
        env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("user"));
        env.insert(QStringLiteral("BERTH_PASSWORD"), QString::fromLatin1(Password));
        env.insert(QStringLiteral("BERTH_SETTINGS"), QStringLiteral("/nonexistent/berth.ini"));
        CliRun r = runCli(args, env, {}, 60000, {Password});
        const QByteArray basic = QByteArray("user:" + Password).toBase64();
        if (r.out.contains(basic) || r.err.contains(basic))
            r.exitCode = -98;
        return r;
    }

    // Every /v2/ call wants a Bearer token from `realm`.
    void challengeWithRealm(const QByteArray &realm)
    {
        for (const QString &path : {QStringLiteral("/v2/"), QStringLiteral("/v2/repo/tags/list")})
            m_hosts.requireToken(path, realm, R"({"name":"repo","tags":["a"]})");
    }

    static bool isOneErrorLine(const QByteArray &err, const QByteArray &code)
    {
        return err.startsWith(QByteArray("berth-cli: " + code + ": ")) && err.count('\n') == 1;
    }

private Q_SLOTS:
    void init() { QVERIFY(m_hosts.listen()); }
    void cleanup() { m_hosts.reset(); }

    void realmOnAnotherHostIsRefusedUntilTrusted()
    {
        const QString realm = m_hosts.otherHost();
        challengeWithRealm(m_hosts.otherRealm());
        m_hosts.other->addRoute("GET", QStringLiteral("/token"),
                                Response::json(200, R"({"token":"from-elsewhere"})"));
        const CliRun refused
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("repo")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(isOneErrorLine(refused.err, "UNTRUSTED_REALM"), refused.err.constData());
        QVERIFY2(refused.err.contains(QByteArray("--trust-realm " + realm.toLatin1())),
                 refused.err.constData());
        QCOMPARE(m_hosts.other->requests().size(), 0);

        const CliRun trusted = cli({QStringLiteral("--trust-realm"), realm, QStringLiteral("tag"),
                                    QStringLiteral("list"), QStringLiteral("repo")});
        QCOMPARE(trusted.exitCode, 0);
        QCOMPARE(trusted.out, QByteArray("a\n"));
        QVERIFY(trusted.err.isEmpty());
        QVERIFY(m_hosts.other->requests().first().header("Authorization").startsWith("Basic "));
    }

    void badTrustRealmIsAUsageError_data()
    {
        addColumns<QString>("value");
        QTest::newRow("url") << QStringLiteral("https://evil.example/token");
        QTest::newRow("user info") << QStringLiteral("a@evil.example");
        QTest::newRow("empty") << QString();
    }
    void badTrustRealmIsAUsageError()
    {
        QFETCH(QString, value);
        const CliRun r = cli({QStringLiteral("--trust-realm"), value, QStringLiteral("check")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(m_hosts.registry->requests().isEmpty());
    }

    void tokenThatWouldInjectAHeaderIsRefused()
    {
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute("GET", QStringLiteral("/token"),
                                   Response::json(200, R"({"token":"abc\r\nX-Injected: yes"})"));
        const CliRun r
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("repo")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(isOneErrorLine(r.err, "INVALID_RESPONSE"), r.err.constData());
        for (const auto &req : m_hosts.registry->requests())
            QVERIFY(!req.hasHeader("X-Injected"));
    }

    void echoedPasswordIsNotPrinted()
    {
        challengeWithRealm(m_hosts.registry->url(QStringLiteral("/token")).toEncoded());
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/token"), [](const ScriptedServer::Request &r) {
                return Response::json(401,
                                      R"({"errors":[{"code":"DENIED","message":"bad: )"
                                          + r.header("Authorization") + " "
                                          + QByteArray::fromBase64(r.header("Authorization").mid(6))
                                          + R"("}]})");
            });
        const CliRun r
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("repo")});
        QCOMPARE(r.exitCode, 1); // -99/-98 when the password or its Basic form was printed
        QVERIFY2(isOneErrorLine(r.err, "UNAUTHORIZED"), r.err.constData());
        QVERIFY2(r.err.contains("***"), r.err.constData());
    }

    void endlessListingStopsAtMaxPages()
    {
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        int served = 0;
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/_catalog"), [&served](const ScriptedServer::Request &) {
                const QByteArray n = QByteArray::number(++served);
                return Response::json(
                    200, "{\"repositories\":[\"r" + n + "\"]}",
                    {{"Link", "</v2/_catalog?last=r" + n + "&n=1>; rel=\"next\""}});
            });
        const CliRun r = cli({QStringLiteral("--anonymous"), QStringLiteral("--max-pages"),
                              QStringLiteral("5"), QStringLiteral("repo"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(isOneErrorLine(r.err, "TOO_MANY_PAGES"), r.err.constData());
        QVERIFY(r.err.contains("--max-pages"));
        QCOMPARE(served, 5);
    }
};

QTEST_GUILESS_MAIN(tst_CliHostile)
#include "tst_cli_hostile.moc"
