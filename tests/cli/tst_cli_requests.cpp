// How many requests each berth-cli command sends, against the budgets written down here.
// Against Azure every request is a trip across the internet, so the count decides how fast a
// command feels. The budget of an ACR command is what the Azure SDK sends for the same
// operation: the call, its 401, the token (and, with an Azure AD token, the exchange before it);
// never a probe of the registry first. On a registry without ACR's metadata API, the /acr/v1/
// call's plain 404 says so, and the /v2/ way follows. A second run with the same settings
// remembers both (RegistryFacts): no 401, no 404, one request fewer each. Counted at the ACR
// emulator (every request it answered, token requests included) and at a proxy in front of a
// real docker-registry. Runs the real binary.

#include "clirun.h"
#include "emulator/acremulator.h"
#include "fixtures/datatable.h"
#include "fixtures/faultproxy.h"
#include "fixtures/indexpush.h"
#include "fixtures/testutil.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

const QString AadToken = QStringLiteral("aad-token-for-budgets");

enum class Sign { Anonymous, Password, Aad };

QStringList words(const QString &command)
{
    return QStringList{QStringLiteral("-o"), QStringLiteral("json")}
           + command.split(u' ', Qt::SkipEmptyParts);
}

QProcessEnvironment environment(const QString &settings,
                                const QUrl &registry,
                                Sign sign,
                                const QString &user = {},
                                const QString &password = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"BERTH_USERNAME", "BERTH_PASSWORD", "BERTH_AAD_TOKEN"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
    env.insert(QStringLiteral("BERTH_SETTINGS"), settings);
    env.insert(QStringLiteral("BERTH_REGISTRY"), registry.toString());
    if (sign == Sign::Password) {
        env.insert(QStringLiteral("BERTH_USERNAME"), user);
        env.insert(QStringLiteral("BERTH_PASSWORD"), password);
    } else if (sign == Sign::Aad) {
        env.insert(QStringLiteral("BERTH_AAD_TOKEN"), AadToken);
    }
    return env;
}

} // namespace

class tst_CliRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ACR (the emulator): the call, its 401, the token; with an AAD token the exchange too.
    void acrCommandsStayWithinTheSdkBudget_data()
    {
        addColumns<QString, int, bool, int>("command", "sign", "remembered", "budget");
        const struct
        {
            const char *command;
            int password; // the call, 401, token
        } commands[] = {
            {"repo list", 3},
            {"repo show hello-world", 3},
            {"repo update hello-world --list-enabled true", 3},
            {"tag list hello-world", 3},
            {"tag show hello-world:latest", 3},
            {"tag update hello-world:latest --write-enabled true", 3},
            {"manifest list hello-world", 3},
            // Two calls (the tag's attributes for its digest, then the manifest's) under
            // one token: both read metadata.
            {"manifest show hello-world:latest", 4},
        };
        for (const auto &c : commands) {
            for (const bool remembered : {false, true}) {
                const char *run = remembered ? "second run" : "first run";
                const QString command = QString::fromLatin1(c.command);
                const int budget = c.password - remembered;
                QTest::addRow("%s, password, %s", c.command, run)
                    << command << int(Sign::Password) << remembered << budget;
                QTest::addRow("%s, aad token, %s", c.command, run)
                    << command << int(Sign::Aad) << remembered << budget + 1;
            }
        }
        QTest::newRow("tag show, anonymous pull, first run")
            << QStringLiteral("tag show hello-world:latest") << int(Sign::Anonymous) << false << 3;
        QTest::newRow("tag show, anonymous pull, second run")
            << QStringLiteral("tag show hello-world:latest") << int(Sign::Anonymous) << true << 2;
    }
    void acrCommandsStayWithinTheSdkBudget()
    {
        QFETCH(QString, command);
        QFETCH(int, sign);
        QFETCH(bool, remembered);
        QFETCH(int, budget);
        QTemporaryDir settings;
        AcrEmulator emu;
        emu.addUser(QStringLiteral("admin"), QStringLiteral("pw-admin"));
        emu.addAadToken(AadToken);
        emu.setAnonymousActions({QStringLiteral("pull"), QStringLiteral("metadata_read")});
        emu.seedDemo();
        QVERIFY(emu.listen());

        const QProcessEnvironment env
            = environment(settings.filePath(QStringLiteral("berth.ini")), emu.url(), Sign(sign),
                          QStringLiteral("admin"), QStringLiteral("pw-admin"));
        if (remembered) {
            QCOMPARE(runCli(words(command), env).exitCode, 0);
            emu.clearRequests();
        }
        const CliRun run = runCli(words(command), env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList sent;
        int tokens = 0;
        for (const auto &r : emu.requests()) {
            sent.append(QStringLiteral("%1 %2 -> %3")
                            .arg(QString::fromLatin1(r.method), r.path)
                            .arg(r.status));
            tokens += r.path == u"/oauth2/token";
        }
        QVERIFY2(sent.size() <= budget, qPrintable(sent.join(u"; ")));
        QVERIFY2(tokens <= 1, qPrintable(sent.join(u"; "))); // one scope set, one token
        QVERIFY2(!sent.join(u';').contains(u"GET /v2/ "), qPrintable(sent.join(u"; ")));
    }

    // docker-registry: the /acr/v1/ call's plain 404 (no auth needed for it), then the /v2/
    // call; with Basic auth, its 401 first.
    void distributionCommandsStayWithinBudget_data()
    {
        addColumns<bool, QString, bool, int>("basic", "command", "remembered", "budget");
        const struct
        {
            const char *command;
            int plain;
        } commands[] = {
            {"repo list", 2},
            {"repo show demo/multi", 2},
            {"tag list demo/multi", 2},
            {"tag show demo/multi:1.0", 2},
            {"manifest show demo/multi:1.0", 3}, // /acr/v1/'s 404, then a HEAD for each
        };
        for (const auto &c : commands) {
            const QString command = QString::fromLatin1(c.command);
            QTest::addRow("%s, anonymous, first run", c.command)
                << false << command << false << c.plain;
            QTest::addRow("%s, basic, first run", c.command)
                << true << command << false << c.plain + 1;
            // Remembered: /v2/ at once, the Basic header sent up front.
            QTest::addRow("%s, anonymous, second run", c.command)
                << false << command << true << c.plain - 1;
            QTest::addRow("%s, basic, second run", c.command)
                << true << command << true << c.plain - 1;
        }
    }
    void distributionCommandsStayWithinBudget()
    {
        QFETCH(bool, basic);
        QFETCH(QString, command);
        QFETCH(bool, remembered);
        QFETCH(int, budget);
        QTemporaryDir settings;
        RealRegistry registry;
        QTemporaryDir dir;
        BERTH_VERIFY_EXPECTED(startWithIndex(
            registry, dir.path(), QStringLiteral("demo/multi"), {QStringLiteral("1.0")},
            basic ? RealRegistry::Mode::Htpasswd : RealRegistry::Mode::Plain));
        QString error;
        FaultProxy proxy;
        QVERIFY2(proxy.start(quint16(registry.url().port()), &error), qPrintable(error));

        const QProcessEnvironment env = environment(
            settings.filePath(QStringLiteral("berth.ini")), proxy.url(),
            basic ? Sign::Password : Sign::Anonymous, registry.username(), registry.password());
        if (remembered) {
            QCOMPARE(runCli(words(command), env).exitCode, 0);
            proxy.clearLog();
        }
        const CliRun run = runCli(words(command), env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QByteArray> sent = proxy.requestLines();
        QVERIFY2(sent.size() <= budget, sent.join("; ").constData());
        // One connection, kept alive. After Basic's 401 Qt opens a second one (seen here, not
        // with the anonymous rows, nor once the Basic header goes up front).
        QVERIFY2(proxy.connectionsAccepted() <= (basic && !remembered ? 2 : 1),
                 sent.join("; ").constData());
    }

    // Finding the auth kind needs no credentials: a registry that wants Basic ones says so in
    // its 401, and its plain 404 for /acr/v1/ says it is no ACR.
    void checkWithoutCredentialsReportsWhatItFound()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(RealRegistry::Mode::Htpasswd, &error), qPrintable(error));
        QTemporaryDir settings;
        const CliRun run = runCli(words(QStringLiteral("check")),
                                  environment(settings.filePath(QStringLiteral("berth.ini")),
                                              registry.url(), Sign::Anonymous));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json().object(), (QJsonObject{{QStringLiteral("acr"), false},
                                                   {QStringLiteral("auth"), u"basic"_qs}}));
    }
};

QTEST_GUILESS_MAIN(tst_CliRequests)
#include "tst_cli_requests.moc"
