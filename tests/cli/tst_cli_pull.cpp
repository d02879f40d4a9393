// berth-cli pull against Debian's docker-registry, checked with the real tools: the OCI layout
// holds what `skopeo copy docker://… oci:…` writes, digest by digest; a docker archive is
// loaded by Debian's `podman load`; an OCI archive is read by skopeo; a multi-arch index is
// pulled whole or one platform; a pull that failed half way leaves nothing partial under a
// final name, and a second run keeps what the first wrote and goes on after a cut connection.

#include "clirun.h"
#include "fixtures/faultproxy.h"
#include "fixtures/indexpush.h"
#include "fixtures/ocilayout.h"
#include "fixtures/podman.h"
#include "fixtures/processrunner.h"
#include "fixtures/realregistry.h"
#include "fixtures/skopeo.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Fault = FaultProxy::Fault;

namespace {

QString sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

// The layout's blobs by name; fails the test when one is not the content its name says, or
// when a temporary file is left.
QStringList verifiedBlobs(const QString &layout)
{
    const QDir dir(layout + QStringLiteral("/blobs/sha256"));
    QStringList names = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        if (sha256OfFile(dir.filePath(name)) != name) {
            qWarning("%s is not its digest", qPrintable(name));
            return {QStringLiteral("<bad>")};
        }
    }
    return names;
}

// index.json's entries: ref name (or "") → digest.
QHash<QString, QString> indexEntries(const QString &layout)
{
    QFile file(layout + QStringLiteral("/index.json"));
    QHash<QString, QString> entries;
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    const QJsonArray manifests
        = QJsonDocument::fromJson(file.readAll()).object().value(u"manifests").toArray();
    for (const QJsonValue &m : manifests) {
        const QJsonObject o = m.toObject();
        entries.insert(o.value(u"annotations")
                           .toObject()
                           .value(u"org.opencontainers.image.ref.name")
                           .toString(),
                       o.value(u"digest").toString());
    }
    return entries;
}

QString hexOf(const QString &digest)
{
    return digest.mid(7);
}

} // namespace

class tst_CliPull : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    RealRegistry m_registry;
    OciLayout m_multi;  // pull/multi:v1, linux/amd64 and linux/arm64/v8
    OciLayout m_single; // pull/single:v1, three layers, one of 3 MiB

    QProcessEnvironment environment(const QUrl &registry) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), registry.toString());
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        return env;
    }
    CliRun pull(const QStringList &args, const QUrl &registry = {})
    {
        return runCli(
            QStringList{QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("pull")}
                + args,
            environment(registry.isEmpty() ? m_registry.url() : registry));
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto multi = startWithIndex(m_registry, path(QStringLiteral("src")),
                                    QStringLiteral("pull/multi"), {QStringLiteral("v1")});
        QVERIFY2(multi, qPrintable(multi.error()));
        m_multi = *multi;
        auto single = buildOciLayout(path(QStringLiteral("src/single")),
                                     {.layerSizes = {4096, 3 << 20, 70000}, .seed = 9});
        QVERIFY2(single, qPrintable(single.error()));
        m_single = *single;
        Skopeo skopeo;
        const auto copied = skopeo.copy(m_single.ociReference(),
                                        Skopeo::dockerReference(m_registry, u"pull/single:v1"_qs),
                                        Skopeo::destinationFlags(m_registry));
        QVERIFY2(copied, qPrintable(copied.error()));
    }

    void anOciLayoutHoldsWhatSkopeoWrites_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QStringList>("skopeoArgs");
        QTest::newRow("image") << u"pull/single"_qs << QStringList();
        QTest::newRow("index") << u"pull/multi"_qs << QStringList{u"--all"_qs};
    }
    void anOciLayoutHoldsWhatSkopeoWrites()
    {
        QFETCH(QString, repository);
        QFETCH(QStringList, skopeoArgs);
        const QString berth = path(u"berth-"_qs + QString::fromLatin1(QTest::currentDataTag()));
        const QString peer = path(u"skopeo-"_qs + QString::fromLatin1(QTest::currentDataTag()));
        const CliRun run = pull({repository + u":v1"_qs, berth});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        Skopeo skopeo;
        const auto copied = skopeo.copy(Skopeo::dockerReference(m_registry, repository + u":v1"_qs),
                                        u"oci:"_qs + peer + u":v1"_qs,
                                        skopeoArgs + Skopeo::sourceFlags(m_registry));
        QVERIFY2(copied, qPrintable(copied.error()));
        const QStringList ours = verifiedBlobs(berth);
        QVERIFY(!ours.isEmpty());
        QCOMPARE(ours, verifiedBlobs(peer));
        QCOMPARE(indexEntries(berth), indexEntries(peer));
        QCOMPARE(run.json().object().value(u"digest").toString(),
                 indexEntries(peer).value(u"v1"_qs));
        QCOMPARE(run.json().object().value(u"downloaded").toInt(),
                 ours.size() - (skopeoArgs.isEmpty() ? 1 : 3));
    }

    void onePlatformOfAnIndex()
    {
        const QString dir = path(QStringLiteral("arm"));
        const CliRun run = pull({u"pull/multi:v1"_qs, dir, u"--platform"_qs, u"linux/arm64"_qs});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const OciImage &arm = m_multi.images.at(1);
        QCOMPARE(indexEntries(dir).value(u"v1"_qs), arm.manifest.digest);
        QStringList expected{hexOf(arm.manifest.digest), hexOf(arm.config.digest)};
        for (const OciDescriptor &layer : arm.layers)
            expected << hexOf(layer.digest);
        expected.removeDuplicates();
        expected.sort();
        QCOMPARE(verifiedBlobs(dir), expected);

        const CliRun none
            = pull({u"pull/multi:v1"_qs, path(u"none"_qs), u"--platform"_qs, u"windows/amd64"_qs});
        QCOMPARE(none.exitCode, 1);
        const CliRun bad
            = pull({u"pull/multi:v1"_qs, path(u"bad"_qs), u"--platform"_qs, u"arm64"_qs});
        QCOMPARE(bad.exitCode, 2);
    }

    void aDockerArchiveIsLoadedByPodman()
    {
        const QString archive = path(QStringLiteral("image.tar"));
        const CliRun run
            = pull({u"pull/single:v1"_qs, archive, u"--format"_qs, u"docker-archive"_qs});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!QFileInfo::exists(archive + u".berth-pull"_qs)); // the staging layout is gone
        Podman podman;
        const ProcessResult loaded = podman.run({u"load"_qs, u"-i"_qs, archive});
        QVERIFY2(loaded.ok(), qPrintable(loaded.describe()));
        const auto id = podman.imageId(m_registry.hostPort() + u"/pull/single:v1"_qs);
        QVERIFY2(id, qPrintable(id.error()));
        QCOMPARE(*id, hexOf(m_single.images.first().config.digest));

        // An index holds several images: a docker archive needs one platform.
        const CliRun index = pull(
            {u"pull/multi:v1"_qs, path(u"multi.tar"_qs), u"--format"_qs, u"docker-archive"_qs});
        QCOMPARE(index.exitCode, 1);
        QVERIFY(!QFileInfo::exists(path(u"multi.tar"_qs)));
    }

    void anOciArchiveIsReadBySkopeo()
    {
        const QString archive = path(QStringLiteral("index.oci.tar"));
        const CliRun run = pull({u"pull/multi:v1"_qs, archive, u"--format"_qs, u"oci-archive"_qs});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        Skopeo skopeo;
        const auto raw = skopeo.inspectRaw(u"oci-archive:"_qs + archive + u":v1"_qs);
        QVERIFY2(raw, qPrintable(raw.error()));
        QCOMPARE(*raw, m_multi.imageIndexBytes);
    }

    // A layer answered 404 fails the first run: nothing partial stands under a final name. The
    // second run keeps every blob the first one finished, is cut in the middle of the large
    // layer, goes on with Range and ends with every digest right.
    void anInterruptedPullGoesOnFromWhatItHas()
    {
        FaultProxy proxy;
        QString error;
        QVERIFY2(proxy.start(m_registry.port(), &error), qPrintable(error));
        const OciImage &image = m_single.images.first();
        const QString large = image.layers.at(1).digest;
        const QString small = image.layers.at(2).digest;
        proxy.addFault({.kind = Fault::Kind::ServerError,
                        .method = "GET",
                        .pathContains = u"/blobs/"_qs + small,
                        .status = 404});
        const QString dir = path(QStringLiteral("resumed"));
        const CliRun first = pull({u"pull/single:v1"_qs, dir}, proxy.url());
        QCOMPARE(first.exitCode, 1);
        const QStringList kept = verifiedBlobs(dir); // also: no .part left
        // The manifest and at least one blob: the failing layer starts only when one of the
        // first three (3 at a time) has finished.
        QVERIFY(kept.size() >= 2);
        QVERIFY(!kept.contains(hexOf(small)));
        QVERIFY(!QFileInfo::exists(dir + u"/index.json"_qs));

        proxy.clearLog();
        proxy.addFault({.kind = Fault::Kind::CutMidResponse,
                        .method = "GET",
                        .pathContains = u"/blobs/"_qs + large,
                        .afterBodyBytes = 1 << 20});
        const CliRun second = pull({u"pull/single:v1"_qs, dir}, proxy.url());
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const int blobs = 1 + image.layers.size(); // config and layers
        QCOMPARE(second.json().object().value(u"skipped").toInt(),
                 kept.size() - 1); // not the manifest
        QCOMPARE(second.json().object().value(u"downloaded").toInt(), blobs - (kept.size() - 1));
        QCOMPARE(indexEntries(dir).value(u"v1"_qs), image.manifest.digest);
        QCOMPARE(verifiedBlobs(dir).size(), blobs + 1);
        if (!kept.contains(hexOf(large)))
            QCOMPARE(proxy.faultsFired(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_CliPull)
#include "tst_cli_pull.moc"
