// berth-cli with an account that may read metadata only (no pull): what it can show, it
// shows with the requests it needs and no others. Runs the real binary.

#include "clirun.h"
#include "emulator/acremulator.h"

#include <QJsonObject>
#include <QTest>

using namespace Berth;

class tst_CliMetadata : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;

    Test::CliRun cli(const QString &user, const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        env.insert(QStringLiteral("BERTH_REGISTRY"), m_emu->url().toString());
        env.insert(QStringLiteral("BERTH_USERNAME"), user);
        env.insert(QStringLiteral("BERTH_PASSWORD"), QStringLiteral("pw-") + user);
        return Test::runCli(args, env);
    }
    // Requests for `path` answered with something other than an authentication challenge.
    int count(const QByteArray &method, const QString &path) const
    {
        int n = 0;
        for (const auto &r : m_emu->requests())
            n += r.method == method && r.path == path && r.status != 401;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("admin"), QStringLiteral("pw-admin"));
        m_emu->addUser(QStringLiteral("meta"), QStringLiteral("pw-meta"),
                       {QStringLiteral("metadata_read")});
        m_emu->seedDemo();
        QVERIFY(m_emu->listen());
    }
    void cleanup() { m_emu.reset(); }

    // ACR's /_manifests/{reference} takes a digest: no GET of the manifest first, which
    // would need pull.
    void manifestShowByDigestAsksForTheAttributesOnly()
    {
        const Test::CliRun tag
            = cli(QStringLiteral("admin"),
                  {QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                   QStringLiteral("show"), QStringLiteral("hello-world:latest")});
        QCOMPARE(tag.exitCode, 0);
        const QString digest = tag.json().object().value(u"digest").toString();
        QVERIFY(digest.startsWith(u"sha256:"));

        m_emu->clearRequests();
        const Test::CliRun r
            = cli(QStringLiteral("meta"),
                  {QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("manifest"),
                   QStringLiteral("show"), QStringLiteral("hello-world@") + digest});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), digest);
        QCOMPARE(count("GET", QStringLiteral("/v2/hello-world/manifests/") + digest), 0);
        QCOMPARE(count("HEAD", QStringLiteral("/v2/hello-world/manifests/") + digest), 0);
        QCOMPARE(count("GET", QStringLiteral("/acr/v1/hello-world/_manifests/") + digest), 1);
    }
};

QTEST_GUILESS_MAIN(tst_CliMetadata)
#include "tst_cli_metadata.moc"
