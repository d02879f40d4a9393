// berth-cli's deletes that would break something or that the registry cannot do: a manifest
// an index lists as a platform (MANIFEST_REFERENCED unless --force), and a tag delete on a
// CNCF distribution registry, which cannot untag (UNSUPPORTED, naming the manifest's tags).
// Against the ACR emulator and a real docker-registry.

#include "clirun.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/testutil.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_CliDelete : public QObject
{
    Q_OBJECT

    static QProcessEnvironment environment(const QUrl &registry)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), registry.toString());
        env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("admin"));
        env.insert(QStringLiteral("BERTH_PASSWORD"), QStringLiteral("pw"));
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        return env;
    }
    static QProcessEnvironment anonymous(const QUrl &registry)
    {
        QProcessEnvironment env = environment(registry);
        env.remove(QStringLiteral("BERTH_USERNAME"));
        env.remove(QStringLiteral("BERTH_PASSWORD"));
        env.insert(QStringLiteral("BERTH_SETTINGS"), QStringLiteral("/nonexistent/berth.ini"));
        return env;
    }
    static bool noDeletes(const AcrEmulator &emu)
    {
        for (const auto &r : emu.requests()) {
            if (r.method == "DELETE")
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void manifestDeleteRefusesAPlatformOfAnIndexOnAcr()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const QProcessEnvironment env = environment(emu->url());
        const CliRun list
            = runCli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("manifest"),
                      QStringLiteral("list"), QStringLiteral("team/app/api")},
                     env);
        QCOMPARE(list.exitCode, 0);
        QString arm;
        QString index;
        for (const QJsonValue &v : list.json().array()) {
            const QJsonObject m = v.toObject();
            if (m.value(u"architecture").toString() == u"arm64" && m.value(u"tags").isUndefined())
                arm = m.value(u"digest").toString();
            if (m.value(u"tags").toArray().contains(QStringLiteral("1.0")))
                index = m.value(u"digest").toString();
        }
        QVERIFY(!arm.isEmpty() && !index.isEmpty());
        const QString target = u"team/app/api@"_qs + arm;

        const CliRun refused
            = runCli({QStringLiteral("manifest"), QStringLiteral("delete"), target}, env);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.err, (u"berth-cli: MANIFEST_REFERENCED: "_qs + arm + u" is a platform of "
                               + index + u" (tags: 1.0)\n")
                                  .toUtf8());
        QVERIFY(refused.out.isEmpty());
        QVERIFY(noDeletes(*emu));
        QCOMPARE(runCli({QStringLiteral("manifest"), QStringLiteral("show"), target}, env).exitCode,
                 0);

        const CliRun forced = runCli({QStringLiteral("manifest"), QStringLiteral("delete"), target,
                                      QStringLiteral("--force")},
                                     env);
        QCOMPARE(forced.exitCode, 0);
        QVERIFY2(forced.err.isEmpty(), forced.err.constData());
        QCOMPARE(runCli({QStringLiteral("manifest"), QStringLiteral("show"), target}, env).exitCode,
                 1);
    }

    void forceIsInTheHelp()
    {
        const CliRun help = runCli({QStringLiteral("--help")}, QProcessEnvironment());
        QVERIFY(help.out.contains("manifest delete REPO@DIGEST [--force]"));
    }

    void manifestDeleteRefusesAPlatformOfAnIndexOnDistribution()
    {
        RegistryWithIndex fixture(QStringLiteral("demo/multi"), {QStringLiteral("1.0")});
        BERTH_VERIFY_EXPECTED(fixture.layout);
        const QString arm = fixture.layout->images.at(1).manifest.digest;
        const QString target = u"demo/multi@"_qs + arm;
        const QProcessEnvironment env = anonymous(fixture.registry.url());

        const CliRun refused
            = runCli({QStringLiteral("manifest"), QStringLiteral("delete"), target}, env);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.err, (u"berth-cli: MANIFEST_REFERENCED: "_qs + arm + u" is a platform of "
                               + fixture.layout->ref.digest + u" (tags: 1.0)\n")
                                  .toUtf8());
        QCOMPARE(runCli({QStringLiteral("manifest"), QStringLiteral("show"),
                         QStringLiteral("--raw"), target},
                        env)
                     .out,
                 fixture.layout->images.at(1).manifestBytes);

        const CliRun forced = runCli({QStringLiteral("manifest"), QStringLiteral("delete"), target,
                                      QStringLiteral("--force")},
                                     env);
        QCOMPARE(forced.exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("manifest"), QStringLiteral("show"),
                         QStringLiteral("--raw"), target},
                        env)
                     .exitCode,
                 1);
    }

    void tagDeleteOnDistributionSaysItCannotUntagAndNamesTheTags()
    {
        RegistryWithIndex fixture(QStringLiteral("demo/multi"),
                                  {QStringLiteral("latest"), QStringLiteral("1.0")});
        BERTH_VERIFY_EXPECTED(fixture.layout);
        const QProcessEnvironment env = anonymous(fixture.registry.url());

        const CliRun refused = runCli(
            {QStringLiteral("tag"), QStringLiteral("delete"), QStringLiteral("demo/multi:1.0")},
            env);
        QCOMPARE(refused.exitCode, 1);
        const QString err = QString::fromUtf8(refused.err);
        QVERIFY2(err.startsWith(u"berth-cli: UNSUPPORTED: This registry cannot delete a tag on its "
                                "own (it answered DIGEST_INVALID, HTTP 400)"),
                 qPrintable(err));
        QVERIFY2(err.endsWith(u"To remove demo/multi:1.0, delete the manifest demo/multi@"_qs
                              + fixture.layout->ref.digest
                              + u", which also deletes its tags: 1.0, latest.\n"),
                 qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1);
        const CliRun tags
            = runCli({QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("tag"),
                      QStringLiteral("list"), QStringLiteral("demo/multi")},
                     env);
        QCOMPARE(tags.json().array().size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_CliDelete)
#include "tst_cli_delete.moc"
