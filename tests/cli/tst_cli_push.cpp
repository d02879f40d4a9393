// berth-cli push of what the real tools write: Debian's podman builds the images (FROM
// scratch, vfs storage, a private root) and saves them in each format; berth-cli pushes them
// to Debian's docker-registry; skopeo reads back the config each tag names, which must be
// the image podman built (its ID is the config's digest).

#include "clirun.h"
#include "fixtures/podman.h"
#include "fixtures/realregistry.h"
#include "fixtures/skopeo.h"
#include "upload/imagesource.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_CliPush : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    RealRegistry m_registry;
    Podman m_podman;
    QHash<QString, QString> m_ids; // image name -> podman's image ID
    int m_rows = 0;

    // berth-cli -o json push ARGS, its temporary files in tempDir (when given).
    CliRun push(const QStringList &args, const QString &tempDir = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), m_registry.url().toString());
        if (!tempDir.isEmpty())
            env.insert(QStringLiteral("TMPDIR"), tempDir);
        return runCli(QStringList{u"-o"_qs, u"json"_qs, u"push"_qs} + args, env);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // The sha256 hex of the config skopeo reads at `reference` on the registry: an image ID.
    QString configIdAt(const QString &reference)
    {
        Skopeo skopeo;
        const auto config = skopeo.inspectConfig(Skopeo::dockerReference(m_registry, reference),
                                                 Skopeo::inspectFlags(m_registry));
        if (!config) {
            qWarning("%s", qPrintable(config.error()));
            return {};
        }
        return QString::fromLatin1(
            QCryptographicHash::hash(*config, QCryptographicHash::Sha256).toHex());
    }

    bool podman(const QStringList &args)
    {
        const ProcessResult result = m_podman.run(args);
        if (!result.ok())
            qWarning("%s", qPrintable(result.describe()));
        return result.ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_podman.isValid());
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        for (const QString &name : {u"localhost/one:v1"_qs, u"localhost/two:v2"_qs}) {
            const auto id = m_podman.build(name, {{u"file"_qs, name.toUtf8().repeated(500)}});
            QVERIFY2(id, qPrintable(id.error()));
            m_ids.insert(name, *id);
        }
        // Several images in one source: a docker archive, an OCI layout with two tags.
        QVERIFY(podman({u"save"_qs, u"-m"_qs, u"-o"_qs, path(u"multi.tar"_qs),
                        u"localhost/one:v1"_qs, u"localhost/two:v2"_qs}));
        QVERIFY(podman({u"push"_qs, u"localhost/one:v1"_qs, u"oci:"_qs + path(u"layout:one"_qs)}));
        QVERIFY(podman({u"push"_qs, u"localhost/two:v2"_qs, u"oci:"_qs + path(u"layout:two"_qs)}));
    }

    void oneImageOfSeveralIsChosenByName_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("naming"); // PATH:NAME, or PATH --image NAME
        QTest::addColumn<QString>("image");      // the one that must arrive
        const QString multi = path(u"multi.tar"_qs);
        const QString layout = path(u"layout"_qs);
        QTest::newRow("podman save -m, PATH:NAME")
            << multi << QStringList{multi + u":two:v2"_qs} << u"localhost/two:v2"_qs;
        QTest::newRow("podman save -m, --image")
            << multi << QStringList{multi, u"--image"_qs, u"localhost/one:v1"_qs}
            << u"localhost/one:v1"_qs;
        QTest::newRow("OCI layout, PATH:NAME")
            << layout << QStringList{layout + u":two"_qs} << u"localhost/two:v2"_qs;
        QTest::newRow("OCI layout, --image")
            << layout << QStringList{layout, u"--image"_qs, u"one"_qs} << u"localhost/one:v1"_qs;
    }

    // Without a name the push refuses and lists the names, saying how to give one; with one,
    // that image arrives.
    void oneImageOfSeveralIsChosenByName()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, naming);
        QFETCH(QString, image);
        const QString target = u"several/"_qs + QString::number(++m_rows);

        const CliRun unnamed = push({target + u":x"_qs, source});
        QCOMPARE(unnamed.exitCode, 1);
        QVERIFY2(unnamed.err.contains("PATH:NAME or with --image NAME"), unnamed.err.constData());
        const CliRun wrong = push({target + u":x"_qs, source + u":three"_qs});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("no image named \"three\""), wrong.err.constData());

        const CliRun run = push(QStringList{target + u":v"_qs} + naming);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(configIdAt(target + u":v"_qs), m_ids.value(image));
    }

    void aDirCopyGoesUpByteForByte_data()
    {
        QTest::addColumn<QStringList>("save");
        QTest::newRow("podman save --format docker-dir") << QStringList{};
        QTest::newRow("podman save --format docker-dir --compress")
            << QStringList{u"--compress"_qs};
    }

    // podman's docker-dir (skopeo's dir:): manifest.json, version and blobs named by their
    // hex digest; the manifest arrives as written.
    void aDirCopyGoesUpByteForByte()
    {
        QFETCH(QStringList, save);
        const QString dir = path(u"dir"_qs + QString::number(++m_rows));
        QVERIFY(podman(QStringList{u"save"_qs, u"--format"_qs, u"docker-dir"_qs, u"-o"_qs, dir}
                       + save + QStringList{u"localhost/one:v1"_qs}));
        QFile written(dir + u"/manifest.json"_qs);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray manifest = written.readAll();
        QVERIFY(isImageSource(dir)); // a drop onto the window pushes it as an image

        const QString target = u"dir/"_qs + QString::number(m_rows) + u":v1"_qs;
        const CliRun run = push({target, dir});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        Skopeo skopeo;
        const auto raw = skopeo.inspectRaw(Skopeo::dockerReference(m_registry, target),
                                           Skopeo::inspectFlags(m_registry));
        QVERIFY2(raw, qPrintable(raw.error()));
        QCOMPARE(*raw, manifest);
        QCOMPARE(configIdAt(target), m_ids.value(u"localhost/one:v1"_qs));
    }

    void aCompressedArchiveIsReadAsAStream_data()
    {
        QTest::addColumn<QStringList>("compress"); // the command, reading stdin
        QTest::newRow("podman save | gzip") << QStringList{u"gzip"_qs, u"-c"_qs};
        QTest::newRow("podman save | zstd") << QStringList{u"zstd"_qs, u"-c"_qs};
    }

    // Decompressed into a temporary file that is gone afterwards, pushed as the plain archive
    // is (the same manifest digest); cut short, it fails clearly and leaves nothing either.
    void aCompressedArchiveIsReadAsAStream()
    {
        QFETCH(QStringList, compress);
        const QString archive = path(u"one.tar"_qs);
        if (!QFileInfo::exists(archive))
            QVERIFY(podman({u"save"_qs, u"-o"_qs, archive, u"localhost/one:v1"_qs}));
        QFile plain(archive);
        QVERIFY(plain.open(QIODevice::ReadOnly));
        const ProcessResult compressed = runProcess({.program = compress.first(),
                                                     .arguments = compress.mid(1),
                                                     .standardInput = plain.readAll()});
        QVERIFY2(compressed.ok(), qPrintable(compressed.describe()));
        const QString file = path(u"one.tar."_qs + compress.first());
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(compressed.standardOutput), compressed.standardOutput.size());
        out.close();

        const QString temp = path(u"tmp-"_qs + compress.first());
        QVERIFY(QDir().mkpath(temp));
        const CliRun reference = push({u"compressed/plain:v1"_qs, archive});
        QVERIFY2(reference.exitCode == 0, reference.err.constData());
        const QString target = u"compressed/"_qs + compress.first() + u":v1"_qs;
        const CliRun run = push({target, file}, temp);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()[u"digest"].toString(), reference.json()[u"digest"].toString());
        QCOMPARE(configIdAt(target), m_ids.value(u"localhost/one:v1"_qs));
        QCOMPARE(QDir(temp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());

        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(compressed.standardOutput.left(compressed.standardOutput.size() / 2));
        out.close();
        const CliRun cut = push({target, file}, temp);
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(cut.err.contains("the data ends in the middle"), cut.err.constData());
        QCOMPARE(QDir(temp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void legacyLayersGoUpCompressedAsPodmanSendsThem_data()
    {
        QTest::addColumn<QStringList>("option");
        QTest::addColumn<QString>("mediaType"); // of the layer, in the pushed manifest
        const QString layer = u"application/vnd.oci.image.layer.v1.tar"_qs;
        QTest::newRow("default: gzip") << QStringList{} << layer + u"+gzip"_qs;
        QTest::newRow("--compress zstd")
            << QStringList{u"--compress"_qs, u"zstd"_qs} << layer + u"+zstd"_qs;
        QTest::newRow("--compress none") << QStringList{u"--compress"_qs, u"none"_qs} << layer;
    }

    // The manifest names the compressed layer (smaller than the tar), the config keeps the
    // uncompressed diff_ids: podman pulls it back, checking each layer against its diff_id,
    // as the image it saved.
    void legacyLayersGoUpCompressedAsPodmanSendsThem()
    {
        QFETCH(QStringList, option);
        QFETCH(QString, mediaType);
        const QString archive = path(u"one-legacy.tar"_qs);
        if (!QFileInfo::exists(archive))
            QVERIFY(podman({u"save"_qs, u"-o"_qs, archive, u"localhost/one:v1"_qs}));
        const QString target = u"layers/"_qs + QString::number(++m_rows) + u":v1"_qs;
        const QString temp = path(u"tmp-layers"_qs);
        QVERIFY(QDir().mkpath(temp));
        const CliRun run = push(QStringList{target, archive} + option, temp);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QDir(temp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());

        Skopeo skopeo;
        const auto raw = skopeo.inspectRaw(Skopeo::dockerReference(m_registry, target),
                                           Skopeo::inspectFlags(m_registry));
        QVERIFY2(raw, qPrintable(raw.error()));
        const QJsonObject layer
            = QJsonDocument::fromJson(*raw)[u"layers"].toArray().first().toObject();
        QCOMPARE(layer[u"mediaType"].toString(), mediaType);
        const qint64 fileSize = 16 * 500; // the one file in the layer: "localhost/one:v1" * 500
        QVERIFY2(option.contains(u"none"_qs) ? layer[u"size"].toInteger() > fileSize
                                             : layer[u"size"].toInteger() < 1024,
                 raw->constData());

        Podman back; // a store of its own: the image must come from the registry
        const QString pulled = m_registry.hostPort() + u'/' + target;
        const ProcessResult pull = back.run({u"pull"_qs, u"--tls-verify=false"_qs, pulled});
        QVERIFY2(pull.ok(), qPrintable(pull.describe()));
        const auto id = back.imageId(pulled);
        QVERIFY2(id, qPrintable(id.error()));
        QCOMPARE(*id, m_ids.value(u"localhost/one:v1"_qs));
    }

    void aNameGivenTwiceIsAUsageError()
    {
        const CliRun run = push({u"twice:v"_qs, path(u"multi.tar"_qs) + u":two:v2"_qs,
                                 u"--image"_qs, u"localhost/one:v1"_qs});
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_CliPush)
#include "tst_cli_push.moc"
