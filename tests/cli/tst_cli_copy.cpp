// berth-cli's commands that put an existing image elsewhere: `tag add` (a manifest under a
// second tag, digest unchanged) and `copy` (to another repository or registry). Against the
// ACR emulator (locks refuse clearly) and Debian's docker-registry, read back with skopeo.

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

class tst_CliCopy : public QObject
{
    Q_OBJECT

    static QProcessEnvironment environment(const QUrl &registry, bool signedIn = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), registry.toString());
        env.remove(QStringLiteral("BERTH_USERNAME"));
        env.remove(QStringLiteral("BERTH_PASSWORD"));
        env.remove(QStringLiteral("BERTH_DEST_PASSWORD"));
        if (signedIn) {
            env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("admin"));
            env.insert(QStringLiteral("BERTH_PASSWORD"), QStringLiteral("pw"));
        }
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        return env;
    }
    // The digest `reference` points to, as `manifest show -o json` tells.
    static QString digestOf(const QString &reference, const QProcessEnvironment &env)
    {
        const CliRun r = runCli({QStringLiteral("-o"), QStringLiteral("json"),
                                 QStringLiteral("manifest"), QStringLiteral("show"), reference},
                                env);
        return r.exitCode == 0 ? r.json().object().value(u"digest").toString() : QString();
    }

private Q_SLOTS:
    void tagAddPutsTheSameManifestUnderANewTag()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const QProcessEnvironment env = environment(emu->url());
        const QString before = digestOf(QStringLiteral("team/app/api:1.0"), env);
        QVERIFY(before.startsWith(u"sha256:"));

        const CliRun r = runCli({QStringLiteral("tag"), QStringLiteral("add"),
                                 QStringLiteral("team/app/api:1.0"), QStringLiteral("stable")},
                                env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, (before + u'\n').toUtf8());
        QCOMPARE(digestOf(QStringLiteral("team/app/api:stable"), env), before);
        QCOMPARE(digestOf(QStringLiteral("team/app/api:1.0"), env), before);
    }

    void tagAddRefusedByALockSaysSo_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("newTag");
        QTest::newRow("locked repository") << u"library/alpine:3.19"_qs << u"again"_qs;
        QTest::newRow("locked tag moved") << u"hello-world:v1"_qs << u"v2"_qs;
    }
    void tagAddRefusedByALockSaysSo()
    {
        QFETCH(QString, source);
        QFETCH(QString, newTag);
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const QProcessEnvironment env = environment(emu->url());
        const QString repo = source.section(u':', 0, 0);
        const QString target = repo + u':' + newTag;
        const QString before = digestOf(target, env);

        const CliRun r
            = runCli({QStringLiteral("tag"), QStringLiteral("add"), source, newTag}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(
            r.err.contains(
                (u"Cannot tag "_qs + target + u": the repository or the tag is locked").toUtf8()),
            r.err.constData());
        QCOMPARE(digestOf(target, env), before); // unchanged, or still absent
    }

    void tagAddOperandsAreChecked_data()
    {
        QTest::addColumn<QStringList>("operands");
        QTest::newRow("no new tag") << QStringList{u"hello-world:v1"_qs};
        QTest::newRow("bad new tag") << QStringList{u"hello-world:v1"_qs, u"-bad:tag"_qs};
        QTest::newRow("no source tag") << QStringList{u"hello-world"_qs, u"x"_qs};
    }
    void tagAddOperandsAreChecked()
    {
        QFETCH(QStringList, operands);
        const CliRun r = runCli(QStringList{u"-r"_qs, u"http://127.0.0.1:9"_qs, u"--plain-http"_qs,
                                            u"--anonymous"_qs, u"tag"_qs, u"add"_qs}
                                    + operands,
                                environment(QUrl(QStringLiteral("http://127.0.0.1:9")), false));
        QCOMPARE(r.exitCode, 2);
    }

    // On a CNCF distribution registry; skopeo reads the new tag back byte for byte.
    void tagAddOnARealRegistryKeepsTheBytes()
    {
        QTemporaryDir dir;
        RealRegistry registry;
        const auto layout = startWithIndex(registry, dir.path(), QStringLiteral("demo/multi"),
                                           {QStringLiteral("1")});
        QVERIFY2(layout, qPrintable(layout.error()));
        const CliRun r
            = runCli({QStringLiteral("--plain-http"), QStringLiteral("tag"), QStringLiteral("add"),
                      QStringLiteral("demo/multi:1"), QStringLiteral("2")},
                     environment(registry.url(), false));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, (layout->ref.digest + u'\n').toUtf8());
        Skopeo skopeo;
        const auto raw = skopeo.inspectRaw(Skopeo::dockerReference(registry, u"demo/multi:2"_qs),
                                           Skopeo::inspectFlags(registry));
        QVERIFY2(raw, qPrintable(raw.error()));
        QCOMPARE(*raw, layout->imageIndexBytes);
    }
};

QTEST_GUILESS_MAIN(tst_CliCopy)
#include "tst_cli_copy.moc"
