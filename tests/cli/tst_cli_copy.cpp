// berth-cli's commands that put an existing image elsewhere: `tag add` (a manifest under a
// second tag, digest unchanged) and `copy` (to another repository or registry). Against the
// ACR emulator (locks refuse clearly) and Debian's docker-registry, read back with skopeo.

#include "clirun.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/faultproxy.h"
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

    // `copy` with `args` (SRC DST and flags), signed in to an emulator source as admin.
    static CliRun copy(const QUrl &registry, const QStringList &args, const QByteArray &in = {})
    {
        return runCli(QStringList{QStringLiteral("-o"), QStringLiteral("json"),
                                  QStringLiteral("--plain-http"), QStringLiteral("copy")}
                          + args,
                      environment(registry, registry.isValid()), in);
    }
    static QString hostOf(const QUrl &url)
    {
        return url.host() + u':' + QString::number(url.port());
    }
    static void compareCounts(const CliRun &r, int copied, int skipped, int mounted)
    {
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(u"copied").toInt(-1), copied);
        QCOMPARE(o.value(u"skipped").toInt(-1), skipped);
        QCOMPARE(o.value(u"mounted").toInt(-1), mounted);
    }
    // skopeo's raw manifest for `reference` on `registry`.
    static QByteArray rawManifest(const RealRegistry &registry, const QString &reference)
    {
        Skopeo skopeo;
        const auto raw = skopeo.inspectRaw(Skopeo::dockerReference(registry, reference),
                                           Skopeo::inspectFlags(registry));
        if (!raw)
            qWarning("%s", qPrintable(raw.error()));
        return raw.value_or(QByteArray());
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
        RegistryWithIndex fixture(QStringLiteral("demo/multi"), {QStringLiteral("1")});
        BERTH_VERIFY_EXPECTED(fixture.layout);
        const CliRun r
            = runCli({QStringLiteral("--plain-http"), QStringLiteral("tag"), QStringLiteral("add"),
                      QStringLiteral("demo/multi:1"), QStringLiteral("2")},
                     environment(fixture.registry.url(), false));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, (fixture.layout->ref.digest + u'\n').toUtf8());
        Skopeo skopeo;
        const auto raw
            = skopeo.inspectRaw(Skopeo::dockerReference(fixture.registry, u"demo/multi:2"_qs),
                                Skopeo::inspectFlags(fixture.registry));
        BERTH_VERIFY_EXPECTED(raw);
        QCOMPARE(*raw, fixture.layout->imageIndexBytes);
    }

    // Within one registry every blob is mounted; the manifests keep their digests.
    void copyWithinARegistryMountsEveryBlob()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const QProcessEnvironment env = environment(emu->url());
        const QString index = digestOf(QStringLiteral("team/app/api:1.0"), env);

        const CliRun r = copy(emu->url(), {u"team/app/api:1.0"_qs, u"prod/api:1.0"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), index);
        compareCounts(r, 0, 0, 4); // two configs, two layers
        QCOMPARE(digestOf(QStringLiteral("prod/api:1.0"), env), index);
        const CliRun children
            = runCli({u"-o"_qs, u"json"_qs, u"manifest"_qs, u"list"_qs, u"prod/api"_qs}, env);
        QCOMPARE(children.json().array().size(), 3);
    }

    // A registry that answers a mount with 202 gets the bytes (through that session); a
    // second run finds them there.
    void copyWithinARegistryCopiesWhatItCannotMount()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        emu->setMountBlobs(false);
        const QProcessEnvironment env = environment(emu->url());
        const QString image = digestOf(QStringLiteral("team/app/web:2.3.1"), env);

        const CliRun r = copy(emu->url(), {u"--chunk-size"_qs, u"100"_qs, u"team/app/web:2.3.1"_qs,
                                           u"prod/web:stable"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), image);
        compareCounts(r, 2, 0, 0);
        QCOMPARE(digestOf(QStringLiteral("prod/web:stable"), env), image);
        int patches = 0;
        for (const auto &request : emu->requests())
            patches += request.method == "PATCH" ? 1 : 0;
        QVERIFY2(patches > 2, "each blob went up in chunks of 100 bytes");

        const CliRun again = copy(emu->url(), {u"team/app/web:2.3.1"_qs, u"prod/web:stable"_qs});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        compareCounts(again, 0, 2, 0);
    }

    void copyOfOnePlatformTagsThatPlatformsManifest()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const QProcessEnvironment env = environment(emu->url());
        const CliRun r = copy(emu->url(), {u"--platform"_qs, u"linux/arm64"_qs,
                                           u"team/app/api:1.0"_qs, u"prod/api:arm"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString digest = r.json().object().value(u"digest").toString();
        QCOMPARE(digestOf(QStringLiteral("prod/api:arm"), env), digest);
        const CliRun show
            = runCli({u"-o"_qs, u"json"_qs, u"manifest"_qs, u"show"_qs, u"prod/api:arm"_qs}, env);
        QCOMPARE(show.json().object().value(u"architecture").toString(), u"arm64"_qs);
        compareCounts(r, 0, 0, 2);

        const CliRun none = copy(emu->url(), {u"--platform"_qs, u"linux/s390x"_qs,
                                              u"team/app/api:1.0"_qs, u"prod/api:s390x"_qs});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("has no platform linux/s390x (it has: linux/amd64, "
                                   "linux/arm64/v8)"),
                 none.err.constData());
    }

    void copyToALockedRepositoryRefusesClearly()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        const CliRun r = copy(emu->url(), {u"team/app/web:2.3.1"_qs, u"library/alpine:web"_qs});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("refused to write to library/alpine (is it locked?"),
                 r.err.constData());
    }

    void copyOperandsAreChecked_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("one operand") << QStringList{u"a:1"_qs};
        QTest::newRow("no tag") << QStringList{u"a"_qs, u"b:1"_qs};
        QTest::newRow("bad platform")
            << QStringList{u"--platform"_qs, u"linux"_qs, u"a:1"_qs, u"b:1"_qs};
        QTest::newRow("user without password")
            << QStringList{u"--dest-username"_qs, u"u"_qs, u"a:1"_qs, u"localhost:9/b:1"_qs};
        QTest::newRow("two secrets on stdin") << QStringList{u"--password-stdin"_qs,
                                                             u"--dest-username"_qs,
                                                             u"u"_qs,
                                                             u"--dest-password-stdin"_qs,
                                                             u"a:1"_qs,
                                                             u"localhost:9/b:1"_qs};
    }
    void copyOperandsAreChecked()
    {
        QFETCH(QStringList, args);
        const CliRun r = copy(QUrl(QStringLiteral("http://127.0.0.1:9")), args, "pw\n");
        QCOMPARE(r.exitCode, 2);
    }

    // Two docker-registry instances, the destination with htpasswd: an image and a
    // multi-arch index, each read back by skopeo byte for byte; one platform on its own.
    void copyAcrossRegistries()
    {
        QTemporaryDir dir;
        RealRegistry source;
        const auto index = startWithIndex(source, dir.path(), u"demo/multi"_qs, {u"1"_qs});
        BERTH_VERIFY_EXPECTED(index);
        const auto single
            = buildOciLayout(dir.filePath(u"single"_qs), {.layerSizes = {300000, 5000}, .seed = 7});
        BERTH_VERIFY_EXPECTED(single);
        Skopeo skopeo;
        const auto pushed = skopeo.copy(single->ociReference(),
                                        Skopeo::dockerReference(source, u"demo/single:1"_qs),
                                        Skopeo::destinationFlags(source));
        BERTH_VERIFY_EXPECTED(pushed);
        RealRegistry destination;
        QString error;
        QVERIFY2(destination.start(RealRegistry::Mode::Htpasswd, &error), qPrintable(error));
        const QString from = hostOf(source.url()) + u'/';
        const QString to = hostOf(destination.url()) + u'/';
        const QByteArray password = destination.password().toUtf8() + '\n';
        const QStringList signIn{u"--dest-username"_qs, destination.username(),
                                 u"--dest-password-stdin"_qs};

        // -r names no registry: SRC does.
        CliRun r = copy(
            QUrl(), signIn + QStringList{from + u"demo/multi:1", to + u"copied/multi:1"}, password);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), index->ref.digest);
        compareCounts(r, 4, 0, 0);
        QCOMPARE(rawManifest(destination, u"copied/multi:1"_qs), index->imageIndexBytes);
        for (const OciImage &image : index->images)
            QCOMPARE(rawManifest(destination, u"copied/multi@"_qs + image.manifest.digest),
                     image.manifestBytes);

        r = copy(QUrl(),
                 signIn
                     + QStringList{from + u"demo/single:1", to + u"copied/single:1",
                                   u"--chunk-size"_qs, u"65536"_qs},
                 password);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), single->ref.digest);
        compareCounts(r, 3, 0, 0);
        QCOMPARE(rawManifest(destination, u"copied/single:1"_qs),
                 single->images.first().manifestBytes);

        // One platform of the index; its blobs are there already.
        const OciImage &arm = index->images.at(1);
        r = copy(QUrl(),
                 signIn
                     + QStringList{u"--platform"_qs, u"linux/arm64/v8"_qs, from + u"demo/multi:1",
                                   to + u"copied/arm:1"},
                 password);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), arm.manifest.digest);
        compareCounts(r, 2, 0, 0); // another repository: distribution's HEAD does not see them
        QCOMPARE(rawManifest(destination, u"copied/arm:1"_qs), arm.manifestBytes);
    }

    // The password from BERTH_DEST_PASSWORD; an emulator source that ignores Range (the copy
    // asks for none unless it resumes) copies in PATCHes of 100 bytes all the same.
    void copyFromASourceThatIgnoresRange()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        emu->setHonourRanges(false);
        RealRegistry destination;
        QString error;
        QVERIFY2(destination.start(RealRegistry::Mode::Htpasswd, &error), qPrintable(error));
        const QString image = digestOf(u"team/app/web:2.3.1"_qs, environment(emu->url()));
        QProcessEnvironment env = environment(emu->url());
        env.insert(u"BERTH_DEST_PASSWORD"_qs, destination.password());
        const CliRun r
            = runCli({u"-o"_qs, u"json"_qs, u"--plain-http"_qs, u"copy"_qs, u"--chunk-size"_qs,
                      u"100"_qs, u"--dest-username"_qs, destination.username(),
                      u"team/app/web:2.3.1"_qs, hostOf(destination.url()) + u"/web:1"},
                     env, {}, 60000, {destination.password().toUtf8()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().object().value(u"digest").toString(), image);
        compareCounts(r, 2, 0, 0);
        QCOMPARE(sha256Digest(rawManifest(destination, u"web:1"_qs)), image);
    }

    // No --dest-username and nothing saved in Berth: podman's auth.json (before docker's
    // config.json, whose entry is wrong) signs in to the destination.
    void copyUsesWhatPodmanSavedForTheDestination()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        RealRegistry destination;
        QString error;
        QVERIFY2(destination.start(RealRegistry::Mode::Htpasswd, &error), qPrintable(error));
        QTemporaryDir home;
        const QString host = hostOf(destination.url());
        const auto entry = [&](const QString &password) -> QByteArray {
            return QByteArray("{\"auths\": {\"") + host.toUtf8() + "\": {\"auth\": \""
                   + (destination.username() + u':' + password).toUtf8().toBase64() + "\"}}}";
        };
        QVERIFY(QDir(home.path()).mkpath(u"run/containers"_qs));
        QVERIFY(QDir(home.path()).mkpath(u".docker"_qs));
        QFile podman(home.filePath(u"run/containers/auth.json"_qs));
        QVERIFY(podman.open(QIODevice::WriteOnly));
        podman.write(entry(destination.password()));
        podman.close();
        QFile docker(home.filePath(u".docker/config.json"_qs));
        QVERIFY(docker.open(QIODevice::WriteOnly));
        docker.write(entry(u"wrong"_qs));
        docker.close();
        QProcessEnvironment env = environment(emu->url());
        env.insert(u"HOME"_qs, home.path());
        env.insert(u"XDG_RUNTIME_DIR"_qs, home.filePath(u"run"_qs));
        const QStringList args{
            u"-o"_qs,        u"json"_qs, u"--plain-http"_qs, u"copy"_qs, u"team/app/web:2.3.1"_qs,
            host + u"/web:1"};
        CliRun r = runCli(args, env, {}, 60000, {destination.password().toUtf8()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        compareCounts(r, 2, 0, 0);

        QVERIFY(podman.remove()); // docker's wrong password is refused
        r = runCli(args, env, {}, 60000, {destination.password().toUtf8()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("UNAUTHORIZED"), r.err.constData());
    }

    // A connection cut in the middle of a blob's PATCH and one cut before a blob's answer:
    // the copy goes on (the blob again in a fresh session, the GET asked again) and ends
    // with the right digests; a re-run finds everything there. Each blob streams in one
    // PATCH, or in PATCHes of --chunk-size.
    void copyGoesOnAfterCutConnections_data()
    {
        QTest::addColumn<QStringList>("chunks");
        QTest::newRow("one PATCH per blob") << QStringList();
        QTest::newRow("PATCHes of 128 KiB") << QStringList{u"--chunk-size"_qs, u"131072"_qs};
    }
    void copyGoesOnAfterCutConnections()
    {
        QFETCH(QStringList, chunks);
        QTemporaryDir dir;
        RealRegistry source;
        QString error;
        QVERIFY2(source.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        const auto layout = buildOciLayout(dir.filePath(u"image"_qs),
                                           {.layerSizes = {400000, 300000}, .seed = 11});
        BERTH_VERIFY_EXPECTED(layout);
        Skopeo skopeo;
        const auto pushed
            = skopeo.copy(layout->ociReference(), Skopeo::dockerReference(source, u"cut/app:1"_qs),
                          Skopeo::destinationFlags(source));
        BERTH_VERIFY_EXPECTED(pushed);
        RealRegistry destination;
        QVERIFY2(destination.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        FaultProxy toSource;
        FaultProxy toDestination;
        QVERIFY2(toSource.start(source.port(), &error), qPrintable(error));
        QVERIFY2(toDestination.start(destination.port(), &error), qPrintable(error));
        toDestination.addFault({.kind = FaultProxy::Fault::Kind::CutMidBody,
                                .method = "PATCH",
                                .occurrence = 2,
                                .afterBodyBytes = 50000});
        toSource.addFault({.kind = FaultProxy::Fault::Kind::CutBeforeResponse,
                           .method = "GET",
                           .pathContains = u"/blobs/"_qs,
                           .occurrence = 3});
        const QStringList operands = chunks
                                     + QStringList{hostOf(toSource.url()) + u"/cut/app:1",
                                                   hostOf(toDestination.url()) + u"/cut/app:2"};
        const CliRun r = copy(QUrl(), operands);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(toDestination.faultsFired(), 1);
        QCOMPARE(toSource.faultsFired(), 1);
        QCOMPARE(r.json().object().value(u"digest").toString(), layout->ref.digest);
        QCOMPARE(rawManifest(destination, u"cut/app:2"_qs), layout->images.first().manifestBytes);
        Skopeo check;
        const auto config
            = check.inspectConfig(Skopeo::dockerReference(destination, u"cut/app:2"_qs),
                                  Skopeo::inspectFlags(destination));
        BERTH_VERIFY_EXPECTED(config);
        QCOMPARE(*config, layout->images.first().configBytes);

        const CliRun again = copy(QUrl(), operands);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        compareCounts(again, 0, 3, 0);
    }
};

QTEST_GUILESS_MAIN(tst_CliCopy)
#include "tst_cli_copy.moc"
