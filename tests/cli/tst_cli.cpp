// berth-cli as outside checks use it: command names, JSON shapes, exit codes, the one
// stderr line, and secrets kept out of every output. Runs the real binary.

#include "clirun.h"
#include "core/sha256.h"
#include "fixtures/datatable.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "fixtures/scriptedserver.h"

#include <QDir>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Berth;
using namespace Berth::Test;

using Run = Test::CliRun;

class tst_Cli : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_Cli()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("Pa55-word-never-shown"))
    {}

private:
    // berth-cli's environment: the emulator and its account unless !withCredentials, and Qt's
    // own messages let through to stderr (BERTH_CLI_DEBUG), so that a stray one fails a test.
    QProcessEnvironment environment(bool withCredentials = true) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("BERTH_REGISTRY"));
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        if (withCredentials && m_emu) {
            env.insert(QStringLiteral("BERTH_REGISTRY"), m_emu->url().toString());
            env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("admin"));
            env.insert(QStringLiteral("BERTH_PASSWORD"), m_password);
        }
        return env;
    }

    // Runs berth-cli without blocking this thread's event loop (the emulator lives here).
    Run cli(const QStringList &args,
            const QByteArray &stdinData = {},
            bool withCredentials = true,
            int timeoutMs = 60000)
    {
        return run(args, environment(withCredentials), stdinData, timeoutMs);
    }

    Run run(const QStringList &args,
            const QProcessEnvironment &env,
            const QByteArray &stdinData = {},
            int timeoutMs = 60000)
    {
        Run r = Test::runCli(args, env, stdinData, timeoutMs, {m_password.toUtf8()});
        if (r.exitCode == -99)
            r.err = "the password reached berth-cli's output";
        return r;
    }

    // stderr is the one "berth-cli: ..." line (a usage error adds its hint to --help).
    static bool isOneErrorLine(QByteArray err)
    {
        err.replace("Run berth-cli --help for the commands.\n", "");
        return err.startsWith("berth-cli: ") && err.count('\n') == 1 && err.endsWith('\n');
    }

    // Requests for `pathPrefix` answered with something other than an authentication challenge.
    int count(const QByteArray &method, const QString &pathPrefix) const
    {
        int n = 0;
        for (const auto &r : m_emu->requests())
            n += (r.method == method && r.path.startsWith(pathPrefix) && r.status != 401) ? 1 : 0;
        return n;
    }
    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return {};
        return path;
    }
    static QByteArray patterned(qsizetype size, int seed)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < size; ++i)
            data[i] = char((i * 131 + seed * 7 + i / 4099) & 0xff);
        return data;
    }

    // A scripted registry for the hostile-output tests: no auth, /acr/v1/ when `acr`.
    static void serveRegistry(Test::ScriptedServer &server, bool acr)
    {
        using Response = Test::ScriptedServer::Response;
        server.addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        if (acr)
            server.addRoute("GET", QStringLiteral("/acr/v1/_catalog?n=1"),
                            Response::json(200, R"({"repositories":["repo"]})"));
    }
    Run cliAgainst(const Test::ScriptedServer &server, const QStringList &args)
    {
        m_emu.reset();
        return cli(QStringList{QStringLiteral("-r"), server.url().toString()} + args, {}, false);
    }
    // `tag list repo` (after `options`) against a scripted registry whose tag list answers
    // `body` with `status`.
    Run tagListAnswering(int status, const QByteArray &body, const QStringList &options = {})
    {
        Test::ScriptedServer server;
        if (!server.listen())
            return {-1, {}, "the scripted registry cannot listen"};
        serveRegistry(server, false);
        server.addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                        Test::ScriptedServer::Response::json(status, body));
        return cliAgainst(server, options
                                      + QStringList{QStringLiteral("tag"), QStringLiteral("list"),
                                                    QStringLiteral("repo")});
    }
    // Nothing a terminal would act on: no C0 control but the line ends, no DEL, no C1 (as
    // UTF-8), no right-to-left override.
    static bool terminalSafe(const QByteArray &text)
    {
        for (const char c : text) {
            if ((uchar(c) < 0x20 && c != '\n') || uchar(c) == 0x7f)
                return false;
        }
        return !text.contains("\xc2\x9b") && !text.contains("\xe2\x80\xae");
    }

private Q_SLOTS:
    void demoListsTheDemoRepositories()
    {
        const Run r = cli(
            {QStringLiteral("--demo"), QStringLiteral("repo"), QStringLiteral("list")}, {}, false);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("hello-world\n"));
        QVERIFY(r.out.contains("team/app/api\n"));
    }

    void checkPrintsAcrAndAuthAsJson()
    {
        const Run r = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("check")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(u"acr").toBool(false), true);
        QCOMPARE(o.value(u"auth").toString(), QStringLiteral("bearer"));
        QCOMPARE(o.size(), 2);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    void repoListJsonIsOneArrayAcrossPages()
    {
        m_emu->seedBulk(120);
        const Run r
            = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("repo"),
                   QStringLiteral("list"), QStringLiteral("--page-size"), QStringLiteral("25")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray names = r.json().array();
        QVERIFY(names.size() >= 120);
        QVERIFY(names.contains(QStringLiteral("hello-world")));
    }

    void tagListJsonHasAttributeObjects()
    {
        const Run r
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("hello-world"),
                   QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("--orderby"),
                   QStringLiteral("timedesc")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray tags = r.json().array();
        QVERIFY(tags.size() >= 3);
        for (const QJsonValue &v : tags) {
            const QJsonObject t = v.toObject();
            for (const char *key :
                 {"name", "digest", "createdTime", "lastUpdateTime", "changeableAttributes"})
                QVERIFY2(t.contains(QLatin1String(key)), key);
        }
    }

    void tagUpdateThenShowReflectsTheLock()
    {
        // writeEnabled of the JSON object printed (true when missing).
        const auto writeEnabled = [](const Run &r) {
            return r.json()
                .object()
                .value(u"changeableAttributes")
                .toObject()
                .value(u"writeEnabled")
                .toBool(true);
        };
        const Run u = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                           QStringLiteral("update"), QStringLiteral("hello-world:latest"),
                           QStringLiteral("--write-enabled"), QStringLiteral("false")});
        QCOMPARE(u.exitCode, 0);
        QCOMPARE(writeEnabled(u), false);
        const Run s = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                           QStringLiteral("show"), QStringLiteral("hello-world:latest")});
        QCOMPARE(s.exitCode, 0);
        QCOMPARE(s.json().object().value(u"name").toString(), QStringLiteral("latest"));
        QCOMPARE(writeEnabled(s), false);
    }

    void unknownRepositoryIsOneErrorLineAndExit1()
    {
        const Run r
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("no/such")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: NAME_UNKNOWN: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void aForgedErrorCodePrintsOneLine_data()
    {
        addColumns<QByteArray>("code");
        QTest::newRow("newline and a fake OK line") << QByteArray(R"(X\nberth-cli: OK: forged)");
        QTest::newRow("escape sequence and bell") << QByteArray(R"(\u001b]0;owned\u0007DENIED)");
        QTest::newRow("right-to-left override") << QByteArray(R"(DENIED\u202e)");
    }
    void aForgedErrorCodePrintsOneLine()
    {
        QFETCH(QByteArray, code);
        const Run r = tagListAnswering(403, R"({"errors":[{"code":")" + code
                                                + R"(","message":"denied"}]})");
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("berth-cli: UNKNOWN: denied (HTTP 403) (registry code \""),
                 r.err.constData());
        QVERIFY2(terminalSafe(r.err), r.err.constData());
    }

    // Values without a grammar (the registry's own fields, times as sent, platforms) pass
    // through: escaped in text, one line per field; exact in JSON, which stays valid.
    void hostileAttributeValuesAreEscapedInTextAndExactInJson_data()
    {
        // field: of the JSON object (first of an array)
        // lines: in text
        addColumns<QStringList, QString, QByteArray, QString, int>("command", "route", "body",
                                                                   "field", "lines");

        const QByteArray hostile
            = R"(\u001b]0;owned\u0007\u001b[2J\u009b31m%2\u202eok\nberth-cli: OK)";
        const QByteArray digest
            = R"("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")";
        QTest::newRow("repo show")
            << QStringList{QStringLiteral("repo"), QStringLiteral("show"), QStringLiteral("repo")}
            << QStringLiteral("/acr/v1/repo")
            << QByteArray(R"({"registry":")" + hostile + R"(","imageName":"repo","tagCount":1})")
            << QStringLiteral("registry") << 3;
        QTest::newRow("tag show") << QStringList{QStringLiteral("tag"), QStringLiteral("show"),
                                                 QStringLiteral("repo:v1")}
                                  << QStringLiteral("/acr/v1/repo/_tags/v1")
                                  << QByteArray(R"({"tag":{"name":"v1","digest":)" + digest
                                                + R"(,"quarantineState":")" + hostile + R"("}})")
                                  << QStringLiteral("quarantineState") << 3;
        QTest::newRow("manifest list")
            << QStringList{QStringLiteral("manifest"), QStringLiteral("list"),
                           QStringLiteral("repo")}
            << QStringLiteral("/acr/v1/repo/_manifests")
            << QByteArray(R"({"manifests":[{"digest":)" + digest + R"(,"os":")" + hostile
                          + R"(","architecture":"%1"}]})")
            << QStringLiteral("os") << 1;
    }
    void hostileAttributeValuesAreEscapedInTextAndExactInJson()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, route);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(int, lines);
        Test::ScriptedServer server;
        QVERIFY(server.listen());
        serveRegistry(server, true);
        server.addRoute("GET", route, Test::ScriptedServer::Response::json(200, body));
        const QString value = QStringLiteral("\x1b]0;owned\x07\x1b[2J\u009b31m%2\u202eok\n"
                                             "berth-cli: OK");

        const Run text = cliAgainst(server, command);
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.err.isEmpty(), text.err.constData());
        QVERIFY2(terminalSafe(text.out), text.out.constData());
        QCOMPARE(text.out.count('\n'), lines);
        QVERIFY2(text.out.contains(R"(\x1b]0;owned\x07\x1b[2J\u009b31m%2\u202eok\nberth-cli: OK)"),
                 text.out.constData());

        const Run json = cliAgainst(
            server, QStringList{QStringLiteral("-o"), QStringLiteral("json")} + command);
        QCOMPARE(json.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject object = doc.isArray() ? doc.array().first().toObject() : doc.object();
        QCOMPARE(object.value(field).toString(), value);
        QVERIFY2(!json.out.contains('\x1b') && !json.out.contains('\x07'), json.out.constData());
    }

    // A tag name outside the grammar fails the list: nothing on stdout (no half JSON array),
    // one escaped line on stderr, in text and in JSON.
    void aHostileTagNameFailsTheListOnOneLine_data()
    {
        addColumns<QStringList>("format");
        QTest::newRow("text") << QStringList{};
        QTest::newRow("json") << QStringList{QStringLiteral("-o"), QStringLiteral("json")};
    }
    void aHostileTagNameFailsTheListOnOneLine()
    {
        QFETCH(QStringList, format);
        const Run r
            = tagListAnswering(200,
                               "{\"name\":\"repo\",\"tags\":[\"v1\",\"v2\\u001b[2J\\u202e\\n"
                               "berth-cli: OK\"]}",
                               format);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("berth-cli: INVALID_RESPONSE: "), r.err.constData());
        QVERIFY2(r.err.contains("\"v2\\x1b[2J\\u202e\\nberth-cli: OK\""), r.err.constData());
        QVERIFY2(terminalSafe(r.err), r.err.constData());
    }

    void badUsageExits2_data()
    {
        addColumns<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--nope"), QStringLiteral("check")};
        QTest::newRow("missing operand")
            << QStringList{QStringLiteral("tag"), QStringLiteral("show")};
        QTest::newRow("tag without tag") << QStringList{
            QStringLiteral("tag"), QStringLiteral("show"), QStringLiteral("hello-world")};
        QTest::newRow("bad bool") << QStringList{
            QStringLiteral("repo"), QStringLiteral("update"), QStringLiteral("x"),
            QStringLiteral("--write-enabled"), QStringLiteral("maybe")};
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("-o"), QStringLiteral("yaml"), QStringLiteral("check")};
        QTest::newRow("update without flags") << QStringList{
            QStringLiteral("repo"), QStringLiteral("update"), QStringLiteral("hello-world")};
    }
    void badUsageExits2()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("berth-cli: "));
    }

    // Bad operands and out-of-range numbers: exit 2 and one line before anything is sent.
    void usageErrorSendsNothing_data()
    {
        addColumns<QStringList>("args");
        const QString digest = Sha256::digestOf("operand");
        const QString file = QStringLiteral("/nonexistent/layer.bin");
        const auto row = [](const char *name, const QString &words) {
            QTest::newRow(name) << words.split(u' ');
        };
        row("tag list: bad repository", QStringLiteral("tag list Bad/Name"));
        row("tag list: a reference", QStringLiteral("tag list hello-world:latest"));
        row("manifest list: bad repository", QStringLiteral("manifest list ..x"));
        row("repo show: bad repository", QStringLiteral("repo show UP"));
        row("repo update: bad repository", QStringLiteral("repo update UP --write-enabled false"));
        row("repo delete: bad repository", QStringLiteral("repo delete a//b"));
        row("tag show: bad tag", QStringLiteral("tag show hello-world:-x"));
        row("tag update: bad repository", QStringLiteral("tag update UP:v1 --write-enabled false"));
        row("tag delete: a digest too", u"tag delete hello-world:latest@" + digest);
        row("manifest show: bad digest", QStringLiteral("manifest show hello-world@sha256:12"));
        row("manifest update: a tag",
            QStringLiteral("manifest update hello-world:latest --write-enabled false"));
        row("manifest delete: bad repository", u"manifest delete UP@" + digest);
        row("blob get: bad repository", u"blob get UP " + digest);
        row("blob get: bad digest", QStringLiteral("blob get hello-world sha256:ABC"));
        row("blob delete: bad digest", QStringLiteral("blob delete hello-world md5:00"));
        row("blob mount: bad source", u"blob mount hello-world --from UP " + digest);
        row("blob mount: bad digest", QStringLiteral("blob mount hello-world --from a nodigest"));
        row("blob push: bad repository", u"blob push UP " + file);
        row("blob push: bad source", u"blob push hello-world " + file + u" --from UP");
        row("push: bad repository", u"push UP:v1 " + file);
        row("push: bad tag", u"push cli/image:-v1 " + file);
        row("push: a digest too", u"push cli/image:v1@" + digest + u' ' + file);
        row("push: bad source", u"push cli/image:v1 " + file + u" --from UP");
        row("timeout 0", QStringLiteral("--timeout 0 check"));
        row("timeout -1", QStringLiteral("--timeout -1 check"));
        row("timeout 4294968 (ms wrap to 0.7 s)", QStringLiteral("--timeout 4294968 check"));
        row("timeout 2147484 (ms negative)", QStringLiteral("--timeout 2147484 check"));
        row("timeout 86401", QStringLiteral("--timeout 86401 check"));
        row("timeout abc", QStringLiteral("--timeout abc check"));
        row("page size 0", QStringLiteral("repo list --page-size 0"));
        row("page size 10001", QStringLiteral("repo list --page-size 10001"));
        row("page size 2^31", QStringLiteral("repo list --page-size 2147483648"));
        row("chunk size over 1 TiB",
            QStringLiteral("blob push cli/x /nonexistent --chunk-size 1099511627777"));
        row("chunk size 10^20",
            QStringLiteral("blob push cli/x /nonexistent --chunk-size 100000000000000000000"));
        row("chunk size abc", QStringLiteral("blob push cli/x /nonexistent --chunk-size abc"));
    }
    void usageErrorSendsNothing()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(m_emu->requests().size(), 0);
    }

    void numbersAtTheirLimitsWork()
    {
        const Run r
            = cli({QStringLiteral("--timeout"), QStringLiteral("86400"), QStringLiteral("repo"),
                   QStringLiteral("list"), QStringLiteral("--page-size"), QStringLiteral("10000")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("hello-world\n"));
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    // Never read whole: a device, a FIFO (its open would block) or a huge file fails at once.
    void caFileThatIsNoPemFileFails_data()
    {
        addColumns<QString, QByteArray>("kind", "code");
        QTest::newRow("/dev/zero") << QStringLiteral("device") << QByteArray("IO_ERROR");
        QTest::newRow("a FIFO") << QStringLiteral("fifo") << QByteArray("IO_ERROR");
        QTest::newRow("a directory") << QStringLiteral("directory") << QByteArray("IO_ERROR");
        QTest::newRow("2 MiB of PEM") << QStringLiteral("huge") << QByteArray("INVALID_ARGUMENT");
    }
    void caFileThatIsNoPemFileFails()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, code);
        QTemporaryDir dir;
        QString path = dir.path();
        if (kind == u"device") {
            path = QStringLiteral("/dev/zero");
        } else if (kind == u"fifo") {
            path = dir.filePath(QStringLiteral("ca.pem"));
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else if (kind == u"huge") { // good certificates, but 2 MiB of them: refused unread
            const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
            if (system.isEmpty())
                QSKIP("no system CA certificate to fill the file with");
            const QByteArray one = system.first().toPem();
            path = writeFile(dir, QStringLiteral("ca.pem"), one.repeated((2 << 20) / one.size()));
        }
        // A local error: nothing to wait for, so 20 s is generous.
        const Run r = cli({QStringLiteral("--ca-file"), path, QStringLiteral("-r"),
                           QStringLiteral("https://127.0.0.1:1"), QStringLiteral("check")},
                          {}, false, 20000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QByteArray("berth-cli: " + code + ": ")), r.err.constData());
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
    }

    void secretOnStdinIsBounded_data()
    {
        addColumns<qsizetype>("size");
        QTest::newRow("64 KiB + 1") << qsizetype(64 * 1024 + 1);
        QTest::newRow("4 MiB") << qsizetype(4 << 20);
    }
    void secretOnStdinIsBounded()
    {
        QFETCH(qsizetype, size);
        const Run r = cli({QStringLiteral("-u"), QStringLiteral("admin"),
                           QStringLiteral("--password-stdin"), QStringLiteral("check")},
                          QByteArray(size, 'x'));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
        QCOMPARE(m_emu->requests().size(), 0);
    }

    // An https run that fails prints its one line, nothing from Qt's TLS teardown.
    void httpsFailureIsOneLine()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const Run r = cli({QStringLiteral("-r"), QStringLiteral("https://127.0.0.1:%1").arg(port),
                           QStringLiteral("check")},
                          {}, false);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: NETWORK_ERROR: "), r.err.constData());
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
    }

    void httpsAgainstATlsRegistryPrintsNothingButTheResult()
    {
        Test::RealRegistry registry;
        QString error;
        if (!registry.start(Test::RealRegistry::Mode::Tls, &error))
            QSKIP(qPrintable(u"no TLS docker-registry: " + error));
        const QStringList tls{QStringLiteral("--ca-file"), registry.caFile(), QStringLiteral("-r"),
                              registry.url().toString()};
        const Run ok = cli(tls + QStringList{QStringLiteral("check")}, {}, false);
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.out.contains("auth: none"));
        QVERIFY2(ok.err.isEmpty(), ok.err.constData());
        const Run missing = cli(tls
                                    + QStringList{QStringLiteral("tag"), QStringLiteral("list"),
                                                  QStringLiteral("no/such")},
                                {}, false);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(isOneErrorLine(missing.err), missing.err.constData());
    }

    // Qt's own messages reach stderr only when asked for (BERTH_CLI_DEBUG=1 or logging rules).
    void qtMessagesStayOffStderrUnlessAsked()
    {
        QTemporaryDir config; // rules berth-cli was not asked for: the user's qtlogging.ini
        QVERIFY(QDir(config.path()).mkpath(QStringLiteral("QtProject")));
        QVERIFY(!writeFile(config, QStringLiteral("QtProject/qtlogging.ini"),
                           "[Rules]\nberth.registry.debug=true\n")
                     .isEmpty());
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        env.remove(QStringLiteral("BERTH_CLI_DEBUG"));
        const Run quiet = run({QStringLiteral("check")}, env);
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());

        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        const Run asked = run({QStringLiteral("check")}, env);
        QCOMPARE(asked.exitCode, 0);
        QVERIFY2(asked.err.contains("berth.registry: "), asked.err.constData());
    }

    void wrongPasswordFromStdinIsUnauthorized()
    {
        const Run r = cli({QStringLiteral("-u"), QStringLiteral("admin"),
                           QStringLiteral("--password-stdin"), QStringLiteral("repo"),
                           QStringLiteral("list")},
                          QByteArray("wrong-one\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: UNAUTHORIZED: "), r.err.constData());
        QVERIFY(!r.err.contains("wrong-one"));
    }

    void passwordFromStdinSignsIn()
    {
        const Run r = cli({QStringLiteral("-u"), QStringLiteral("admin"),
                           QStringLiteral("--password-stdin"), QStringLiteral("repo"),
                           QStringLiteral("show"), QStringLiteral("hello-world"),
                           QStringLiteral("-o"), QStringLiteral("json")},
                          m_password.toUtf8() + '\n');
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().object().value(u"imageName").toString(), QStringLiteral("hello-world"));
    }

    void blobPushGetAndMount()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("layer.bin"));
        QByteArray data(700000, 'x');
        for (int i = 0; i < data.size(); i += 7)
            data[i] = char(i & 0xff);
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
        f.close();
        const QString digest = Sha256::digestOf(data);

        const Run push
            = cli({QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/up"), in,
                   QStringLiteral("--chunk-size"), QStringLiteral("100000")});
        QCOMPARE(push.exitCode, 0);
        QCOMPARE(push.out.trimmed(), digest.toUtf8());

        const QString out = dir.filePath(QStringLiteral("back.bin"));
        const Run get = cli({QStringLiteral("blob"), QStringLiteral("get"),
                             QStringLiteral("cli/up"), digest, QStringLiteral("-o"), out});
        QCOMPARE(get.exitCode, 0);
        QVERIFY2(get.err.isEmpty(), get.err.constData());
        QFile back(out);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), data);

        const Run mount
            = cli({QStringLiteral("blob"), QStringLiteral("mount"), QStringLiteral("cli/other"),
                   QStringLiteral("--from"), QStringLiteral("cli/up"), digest});
        QCOMPARE(mount.exitCode, 0);
        QCOMPARE(mount.out.trimmed(), digest.toUtf8());

        const Run del = cli({QStringLiteral("blob"), QStringLiteral("delete"),
                             QStringLiteral("cli/other"), digest});
        QCOMPARE(del.exitCode, 0);
    }

    void blobMountFallsBackToCopyWhenTheRegistryWillNotMount()
    {
        using Response = Test::ScriptedServer::Response;
        Test::ScriptedServer server;
        QVERIFY(server.listen());
        const QByteArray data = "layer bytes the registry would not mount";
        const QString digest = Sha256::digestOf(data);
        server.addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        // 202: no mount, here is an ordinary session instead (Berth cancels it)...
        server.addRoute("POST", QStringLiteral("/v2/dst/blobs/uploads/"),
                        Response::http(202, {{"Location", "/upload/1"}}));
        server.addRoute("DELETE", QStringLiteral("/upload/1"), Response::http(204));
        // ...so it copies: verified download from the source, then an ordinary push.
        server.addRoute("GET", QStringLiteral("/v2/src/blobs/") + digest,
                        Response::http(200, {}, data));
        server.addRoute("HEAD", QStringLiteral("/v2/dst/blobs/") + digest,
                        Response::http(404, {{"Content-Length", "0"}}));
        server.addRoute("POST", QStringLiteral("/v2/dst/blobs/uploads/"),
                        Response::http(202, {{"Location", "/upload/2"}}));
        server.addRoute(
            "PATCH", QStringLiteral("/upload/2"),
            Response::http(202, {{"Location", "/upload/3"},
                                 {"Range", "0-" + QByteArray::number(data.size() - 1)}}));
        server.addRoute("PUT", QStringLiteral("/upload/3"),
                        Response::http(201, {{"Docker-Content-Digest", digest.toLatin1()}}));
        m_emu.reset();
        const Run r = cli({QStringLiteral("-r"), server.url().toString(), QStringLiteral("blob"),
                           QStringLiteral("mount"), QStringLiteral("dst"), QStringLiteral("--from"),
                           QStringLiteral("src"), digest},
                          {}, false);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), digest.toUtf8());
        bool cancelled = false;
        QByteArray pushed;
        for (const auto &req : server.requests()) {
            cancelled |= req.method == "DELETE" && req.path() == "/upload/1";
            if (req.method == "PATCH")
                pushed += req.body;
        }
        QVERIFY(cancelled);
        QCOMPARE(pushed, data);
    }

    void blobGetOfMissingBlobLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("missing.bin"));
        const Run r
            = cli({QStringLiteral("blob"), QStringLiteral("get"), QStringLiteral("hello-world"),
                   Sha256::digestOf("nothing"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(out));
    }

    // Without -o the bytes go out as they come: a mismatch is found at the end, exit 1.
    void blobGetWithTheWrongBytesFails_data() { addBoolRows("toFile", "stdout", "-o FILE"); }
    void blobGetWithTheWrongBytesFails()
    {
        QFETCH(bool, toFile);
        using Response = Test::ScriptedServer::Response;
        Test::ScriptedServer server;
        QVERIFY(server.listen());
        const QString digest = Sha256::digestOf("the blob that was asked for");
        server.addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        server.addRoute("GET", QStringLiteral("/v2/cli/blob/blobs/") + digest,
                        Response::http(200, {}, patterned(100000, 4)));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("blob.bin"));
        QStringList args{QStringLiteral("-r"),  server.url().toString(),    QStringLiteral("blob"),
                         QStringLiteral("get"), QStringLiteral("cli/blob"), digest};
        if (toFile)
            args << QStringLiteral("-o") << out;
        m_emu.reset();
        const Run r = cli(args, {}, false);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: DIGEST_MISMATCH: "), r.err.constData());
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void manifestShowRawIsTheExactBody()
    {
        const Run raw = cli({QStringLiteral("manifest"), QStringLiteral("show"),
                             QStringLiteral("team/app/api:1.0"), QStringLiteral("--raw")});
        QCOMPARE(raw.exitCode, 0);
        const Run attrs
            = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("manifest"),
                   QStringLiteral("show"), QStringLiteral("team/app/api:1.0")});
        QCOMPARE(attrs.exitCode, 0);
        QCOMPARE(attrs.json().object().value(u"digest").toString(), Sha256::digestOf(raw.out));
    }

    void manifestListOnAcr()
    {
        const Run r = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("manifest"),
                           QStringLiteral("list"), QStringLiteral("samples/untagged")});
        QCOMPARE(r.exitCode, 0);
        bool untagged = false;
        for (const QJsonValue &v : r.json().array())
            untagged |= v.toObject().value(u"tags").toArray().isEmpty();
        QVERIFY2(untagged, "untagged manifests are listed too");
    }

    void blobPushPrintsOnlyTheDigestWhenPiped()
    {
        QTemporaryDir dir;
        const QByteArray data = patterned(300000, 1);
        const QString path = writeFile(dir, QStringLiteral("layer.bin"), data);
        QVERIFY(!path.isEmpty());
        const Run r = cli(
            {QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/piped"), path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, Sha256::digestOf(data).toUtf8() + '\n');
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // no progress line when not a terminal
    }

    void blobPushJsonSaysUploadedThenSkipped()
    {
        QTemporaryDir dir;
        const QByteArray data = patterned(200000, 2);
        const QString path = writeFile(dir, QStringLiteral("layer.bin"), data);
        const QStringList args{QStringLiteral("-o"),       QStringLiteral("json"),
                               QStringLiteral("blob"),     QStringLiteral("push"),
                               QStringLiteral("cli/json"), path};
        const Run first = cli(args);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.isEmpty(), first.err.constData());
        const QJsonObject o = first.json().object();
        QCOMPARE(o.value(u"digest").toString(), Sha256::digestOf(data));
        QCOMPARE(o.value(u"size").toInteger(-1), qint64(data.size()));
        QCOMPARE(o.value(u"outcome").toString(), QStringLiteral("uploaded"));
        QCOMPARE(o.size(), 3);

        m_emu->clearRequests();
        const Run second = cli(args);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.json().object().value(u"outcome").toString(), QStringLiteral("skipped"));
        QCOMPARE(second.json().object().value(u"digest").toString(), Sha256::digestOf(data));
        QCOMPARE(count("PATCH", QStringLiteral("/v2/cli/json/")), 0); // nothing sent again
    }

    void blobPushFromAnotherRepositoryMountsInsteadOfSending()
    {
        QTemporaryDir dir;
        const QByteArray data = patterned(150000, 3);
        const QString path = writeFile(dir, QStringLiteral("shared.bin"), data);
        QCOMPARE(
            cli({QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/src"), path})
                .exitCode,
            0);
        m_emu->clearRequests();
        const Run r = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("blob"),
                           QStringLiteral("push"), QStringLiteral("cli/dst"), path,
                           QStringLiteral("--from"), QStringLiteral("cli/src")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().object().value(u"outcome").toString(), QStringLiteral("mounted"));
        QCOMPARE(count("PATCH", QStringLiteral("/v2/cli/dst/")), 0);
    }

    void blobPushHonoursTheChunkSize_data()
    {
        addColumns<QString, int>("chunkSize", "patches");
        QTest::newRow("0: one streamed PATCH") << QStringLiteral("0") << 1;
        QTest::newRow("65536: five PATCHes for 300000 bytes") << QStringLiteral("65536") << 5;
    }
    void blobPushHonoursTheChunkSize()
    {
        QFETCH(QString, chunkSize);
        QFETCH(int, patches);
        QTemporaryDir dir;
        const QByteArray data = patterned(300000, 3);
        const QString path = writeFile(dir, QStringLiteral("layer.bin"), data);
        m_emu->clearRequests();
        const Run r
            = cli({QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/chunks"),
                   path, QStringLiteral("--chunk-size"), chunkSize});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, Sha256::digestOf(data).toUtf8() + '\n');
        QCOMPARE(count("PATCH", QStringLiteral("/v2/cli/chunks/blobs/uploads/")), patches);
        const Run get = cli({QStringLiteral("blob"), QStringLiteral("get"),
                             QStringLiteral("cli/chunks"), Sha256::digestOf(data)});
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(get.out, data);
    }

    void blobPushWithANegativeChunkSizeIsAUsageError()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("layer.bin"), "bytes");
        const Run r
            = cli({QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/neg"), path,
                   QStringLiteral("--chunk-size"), QStringLiteral("-1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("berth-cli: "), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(count("POST", QStringLiteral("/v2/cli/neg/")), 0);
    }

    void blobPushOfAMissingFileIsAnIoError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("not-there.bin"));
        const Run r = cli(
            {QStringLiteral("blob"), QStringLiteral("push"), QStringLiteral("cli/missing"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: IO_ERROR: "), r.err.constData());
        QVERIFY2(r.err.contains(path.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
    }

    void pushOfAnOciLayoutPrintsTheManifestDigestAndTagsIt()
    {
        QTemporaryDir dir;
        Test::OciLayoutSpec spec;
        spec.layerSizes = {1000, 150000, 40000};
        spec.seed = 11;
        const auto layout = Test::buildOciLayout(dir.filePath(QStringLiteral("layout")), spec);
        QVERIFY2(layout, qPrintable(layout.error()));
        const QString digest = layout->ref.digest;

        const Run push
            = cli({QStringLiteral("push"), QStringLiteral("cli/image:v1"), layout->path});
        QCOMPARE(push.exitCode, 0);
        QCOMPARE(push.out, digest.toUtf8() + '\n');
        QVERIFY2(push.err.isEmpty(), push.err.constData());

        const Run show
            = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("manifest"),
                   QStringLiteral("show"), QStringLiteral("cli/image:v1")});
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(show.json().object().value(u"digest").toString(), digest);

        // Again under another tag: every blob is there already.
        const Run again = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("push"),
                               QStringLiteral("cli/image:v2"), layout->path});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject o = again.json().object();
        QCOMPARE(o.value(u"repository").toString(), QStringLiteral("cli/image"));
        QCOMPARE(o.value(u"tag").toString(), QStringLiteral("v2"));
        QCOMPARE(o.value(u"digest").toString(), digest);
        const int blobs = int(layout->images.first().layers.size()) + 1; // and the config
        QCOMPARE(o.value(u"uploaded").toInt(-1), 0);
        QCOMPARE(o.value(u"skipped").toInt(-1), blobs);
        QCOMPARE(o.value(u"mounted").toInt(-1), 0);
        QCOMPARE(o.size(), 6);
    }

    void pushOfAFifoFailsAtOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("image.tar"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0); // its open would block
        const Run r
            = cli({QStringLiteral("push"), QStringLiteral("cli/fifo:v1"), path}, {}, true, 20000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: IO_ERROR: "), r.err.constData());
        QVERIFY2(isOneErrorLine(r.err), r.err.constData());
    }

    void pushWithoutRepoAndTagIsAUsageError_data()
    {
        addColumns<QString>("target");
        QTest::newRow("no tag") << QStringLiteral("repo");
        QTest::newRow("empty tag") << QStringLiteral("repo:");
        QTest::newRow("empty repository") << QStringLiteral(":v1");
        QTest::newRow("a port, no tag") << QStringLiteral("localhost:5000/repo");
    }
    void pushWithoutRepoAndTagIsAUsageError()
    {
        QFETCH(QString, target);
        QTemporaryDir dir;
        const auto layout = Test::buildOciLayout(dir.filePath(QStringLiteral("layout")));
        QVERIFY2(layout, qPrintable(layout.error()));
        const Run r = cli({QStringLiteral("push"), target, layout->path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("berth-cli: "), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void pushOfAPathThatIsNotAnImageFailsWithAMessage()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("notes.txt"), "not an image\n");
        // A local error: berth-cli has nothing to wait for, so 20 s is generous.
        const Run r
            = cli({QStringLiteral("push"), QStringLiteral("cli/bad:v1"), path}, {}, true, 20000);
        QVERIFY2(r.err.startsWith("berth-cli: "), r.err.constData());
        QVERIFY2(r.err.contains(path.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
