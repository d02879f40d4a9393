// berth-cli as outside checks use it: command names, JSON shapes, exit codes, the one
// stderr line, and secrets kept out of every output. Runs the real binary.

#include "core/sha256.h"
#include "emulator/acremulator.h"
#include "fixtures/scriptedserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};
} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;
    const QString m_password = QStringLiteral("Pa55-word-never-shown");

    // Runs berth-cli without blocking this thread's event loop (the emulator lives here).
    Run cli(const QStringList &args, const QByteArray &stdinData = {}, bool withCredentials = true)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("BERTH_REGISTRY"));
        if (withCredentials && m_emu) {
            env.insert(QStringLiteral("BERTH_REGISTRY"), m_emu->url().toString());
            env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("admin"));
            env.insert(QStringLiteral("BERTH_PASSWORD"), m_password);
        }
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(BERTH_CLI_PATH), args);
        if (!stdinData.isNull())
            p.write(stdinData);
        p.closeWriteChannel();
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished(2000);
            qWarning("berth-cli did not finish");
        }
        Run r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        if (r.out.contains(m_password.toUtf8()) || r.err.contains(m_password.toUtf8())) {
            // Every test compares the exit code, so a leak fails whichever test caused it.
            r.exitCode = -99;
            r.err = "the password reached berth-cli's output";
        }
        return r;
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("admin"), m_password);
        m_emu->seedDemo();
        QVERIFY(m_emu->listen());
    }
    void cleanup() { m_emu.reset(); }

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
        const Run u = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                           QStringLiteral("update"), QStringLiteral("hello-world:latest"),
                           QStringLiteral("--write-enabled"), QStringLiteral("false")});
        QCOMPARE(u.exitCode, 0);
        QCOMPARE(u.json()
                     .object()
                     .value(u"changeableAttributes")
                     .toObject()
                     .value(u"writeEnabled")
                     .toBool(true),
                 false);
        const Run s = cli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                           QStringLiteral("show"), QStringLiteral("hello-world:latest")});
        QCOMPARE(s.exitCode, 0);
        QCOMPARE(s.json().object().value(u"name").toString(), QStringLiteral("latest"));
        QCOMPARE(s.json()
                     .object()
                     .value(u"changeableAttributes")
                     .toObject()
                     .value(u"writeEnabled")
                     .toBool(true),
                 false);
    }

    void unknownRepositoryIsOneErrorLineAndExit1()
    {
        const Run r
            = cli({QStringLiteral("tag"), QStringLiteral("list"), QStringLiteral("no/such")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: NAME_UNKNOWN: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void badUsageExits2_data()
    {
        QTest::addColumn<QStringList>("args");
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
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
