// berth-cli's clean-up against a real CNCF distribution registry (Debian's docker-registry),
// which has no /acr/v1/: tags come from /v2/ (no times, no locks), untagged manifests cannot be
// listed, and a tag cannot be untagged, only deleted with its manifest. And PurgeRun itself on
// it: a tag pointed at a planned manifest, or an index pushed that lists one, after planning
// keeps that manifest (a DELETE by digest there takes every tag and breaks every index). Also
// 5,000 tags, --keep among tags that all tie in time (none has one), and a cut connection.

#include "cleanup/purge.h"
#include "clirun.h"
#include "fixtures/clienttest.h"
#include "fixtures/faultproxy.h"
#include "fixtures/indexpush.h"
#include "fixtures/purgecontent.h"
#include "fixtures/purgeoutcome.h"
#include "fixtures/registryseed.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

QStringList itemsOf(const QJsonValue &items)
{
    QStringList out;
    for (const QJsonValue &v : items.toArray())
        out << v.toObject().value(u"item").toString();
    out.sort();
    return out;
}

// The bytes of the unique blobs (configs and layers) of `images`.
qint64 blobBytes(const QList<OciImage> &images)
{
    QHash<QString, qint64> blobs;
    for (const OciImage &image : images) {
        blobs.insert(image.config.digest, image.config.size);
        for (const OciDescriptor &layer : image.layers)
            blobs.insert(layer.digest, layer.size);
    }
    qint64 sum = 0;
    for (qint64 size : std::as_const(blobs))
        sum += size;
    return sum;
}

} // namespace

class tst_CliPurgeReal : public QObject
{
    Q_OBJECT

    RealRegistry m_registry;
    QTemporaryDir m_dir;
    std::optional<OciLayout> m_index;
    std::optional<OciLayout> m_single;
    std::optional<OciLayout> m_kept;

    // Through `registry` (a proxy) when given.
    CliRun cli(const QStringList &args, const QUrl &registry = {}, int timeoutMs = 60000) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"),
                   (registry.isEmpty() ? m_registry.url() : registry).toString());
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        return runCli(
            QStringList{QStringLiteral("--anonymous"), QStringLiteral("-o"), QStringLiteral("json")}
                + args,
            env, {}, timeoutMs);
    }
    QJsonObject json(const QStringList &args) const
    {
        const CliRun run = cli(args);
        if (run.exitCode != 0)
            qWarning("exit %d: %s", run.exitCode, run.err.constData());
        return run.exitCode == 0 ? run.json().object() : QJsonObject();
    }
    bool push(const OciLayout &layout, const QString &reference) const
    {
        const auto copied
            = Skopeo().copy(layout.ociReference(), Skopeo::dockerReference(m_registry, reference),
                            Skopeo::destinationFlags(m_registry));
        if (!copied)
            qWarning("%s", qPrintable(copied.error()));
        return bool(copied);
    }

private Q_SLOTS:
    // multi/app: 1.0 and latest an index of two untagged platforms; old and old2 one image;
    // keepme another.
    void initTestCase()
    {
        auto index = startWithIndex(m_registry, m_dir.path(), QStringLiteral("multi/app"),
                                    {QStringLiteral("1.0"), QStringLiteral("latest")});
        QVERIFY2(index, qPrintable(index.error()));
        m_index = *index;
        auto single
            = buildOciLayout(m_dir.filePath(u"single"_qs), {.layerSizes = {3000}, .seed = 2});
        auto kept = buildOciLayout(m_dir.filePath(u"kept"_qs), {.layerSizes = {5000}, .seed = 3});
        QVERIFY(single && kept);
        m_single = *single;
        m_kept = *kept;
        QVERIFY(push(*m_single, u"multi/app:old"_qs) && push(*m_single, u"multi/app:old2"_qs)
                && push(*m_kept, u"multi/app:keepme"_qs));
    }

    void sizeReadsThePlatformsOfIndexes()
    {
        const QJsonObject size
            = json({QStringLiteral("repo"), QStringLiteral("size"), QStringLiteral("multi/app")});
        QCOMPARE(size.value(u"bytes").toInteger(),
                 blobBytes(m_index->images + m_single->images + m_kept->images));
        QCOMPARE(size.value(u"tags").toInt(), 5);
        QCOMPARE(size.value(u"manifests").toInt(), 5); // 3 tagged, 2 platforms
    }

    void aTagWhoseManifestStaysStays()
    {
        // old2 and 1.0 keep the manifests old and latest point at: nothing can go.
        for (const QString &tag : {u"old"_qs, u"latest"_qs}) {
            const QJsonObject plan
                = json({QStringLiteral("purge"), QStringLiteral("--filter"), u"multi/app:"_qs + tag,
                        QStringLiteral("--untagged"), QStringLiteral("--dry-run")});
            QCOMPARE(plan.value(u"deleted").toObject().value(u"tags").toArray().size(), 0);
            QCOMPARE(plan.value(u"deleted").toObject().value(u"manifests").toArray().size(), 0);
            // The index's untagged platforms are candidates of --untagged, kept by the index.
            QStringList kept{u"multi/app:"_qs + tag};
            for (const OciImage &image : m_index->images)
                kept << u"multi/app@"_qs + image.manifest.digest;
            kept.sort();
            QCOMPARE(itemsOf(plan.value(u"kept")), kept);
        }
    }

    void indexAndItsPlatformsGoTogether()
    {
        const QStringList args{QStringLiteral("purge"), QStringLiteral("--filter"),
                               QStringLiteral("multi/app:(old.*|1\\.0|latest)"),
                               QStringLiteral("--untagged")};
        const QJsonObject plan = json(args + QStringList{QStringLiteral("--dry-run")});
        const QString at = QStringLiteral("multi/app@");
        QStringList manifests{at + m_index->ref.digest, at + m_single->ref.digest};
        for (const OciImage &image : m_index->images)
            manifests << at + image.manifest.digest;
        manifests.sort();
        QCOMPARE(itemsOf(plan.value(u"deleted").toObject().value(u"manifests")), manifests);
        const qint64 freed = blobBytes(m_index->images + m_single->images);
        QCOMPARE(plan.value(u"bytesFreed").toInteger(), freed);

        const QJsonObject ran = json(args);
        for (const QString &key : {u"tags"_qs, u"manifests"_qs})
            QCOMPARE(itemsOf(ran.value(u"deleted").toObject().value(key)),
                     itemsOf(plan.value(u"deleted").toObject().value(key)));
        QCOMPARE(ran.value(u"failed").toArray().size(), 0);
        QCOMPARE(ran.value(u"bytesFreed").toInteger(), freed);
        const QJsonObject size
            = json({QStringLiteral("repo"), QStringLiteral("size"), QStringLiteral("multi/app")});
        QCOMPARE(size.value(u"tags").toInt(), 1);
        QCOMPARE(size.value(u"bytes").toInteger(), blobBytes(m_kept->images));
        for (const OciImage &image : m_index->images) {
            const CliRun gone = cli(
                {QStringLiteral("manifest"), QStringLiteral("show"), at + image.manifest.digest});
            QCOMPARE(gone.exitCode, 1);
        }
        const QJsonObject again = json(args);
        QCOMPARE(itemsOf(again.value(u"deleted").toObject().value(u"tags")), QStringList());
        QCOMPARE(itemsOf(again.value(u"deleted").toObject().value(u"manifests")), QStringList());
    }

    void changesAfterPlanningKeepTheManifest()
    {
        // late/app: X (old), Y (gone), Z (gone2), V (plain), all planned to go.
        QList<OciLayout> images;
        for (quint64 seed : {11, 12, 13, 14}) {
            auto layout = buildOciLayout(m_dir.filePath(u"late"_qs + QString::number(seed)),
                                         {.layerSizes = {100}, .seed = seed});
            QVERIFY(layout);
            images << *layout;
        }
        const QStringList tags{u"old"_qs, u"gone"_qs, u"gone2"_qs, u"plain"_qs};
        for (int i = 0; i < tags.size(); ++i)
            QVERIFY(push(images.at(i), u"late/app:"_qs + tags.at(i)));
        const OciDescriptor x = images.at(0).ref, y = images.at(1).ref, z = images.at(2).ref,
                            v = images.at(3).ref;
        auto client = makeClient(m_registry.url(), Credentials::anonymous());
        RetentionRule rule;
        QString error;
        QVERIFY(rule.setFilter(u"late/app:.*"_qs, &error));
        rule.untagged = true;
        const auto plan = await<PurgePlan>(new PurgePlanner(
            client.get(), rule, QDateTime::currentDateTimeUtc(), {}, client.get()));
        BERTH_VERIFY_OK(plan);
        QCOMPARE(plan->repositories.value(0).manifests.size(), 4);

        // Meanwhile: "new" and gone2 point at X, and an index "idx" lists Y.
        const QString imageType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        const QByteArray xBody = images.at(0).images.at(0).manifestBytes;
        for (const QString &tag : {u"new"_qs, u"gone2"_qs})
            BERTH_VERIFY_OK(await(client->putManifest(u"late/app"_qs, tag, xBody, imageType)));
        const auto index = await(client->putManifest(
            u"late/app"_qs, u"idx"_qs, ociIndexBody({descriptor(y.mediaType, y.digest, y.size)}),
            QStringLiteral("application/vnd.oci.image.index.v1+json")));
        BERTH_VERIFY_OK(index);

        const auto outcome
            = await<PurgeOutcome>(new PurgeRun(client.get(), *plan, 4, {}, client.get()));
        BERTH_VERIFY_OK(outcome);
        const SplitOutcome split = splitOutcome(*outcome);
        QVERIFY2(split.failed.isEmpty(), qPrintable(split.failed.values().join(u", ")));
        const QString at = QStringLiteral("late/app@");
        QStringList deleted{at + z.digest, at + v.digest, u"late/app:plain"_qs};
        deleted.sort();
        QCOMPARE(split.deleted, deleted);
        QCOMPARE(split.kept.value(at + x.digest), u"still tagged: gone2, new"_qs);
        QCOMPARE(split.kept.value(at + y.digest),
                 u"referenced by index "_qs + *index + u" (pushed after the plan)");
        QCOMPARE(split.kept.value(u"late/app:gone2"_qs),
                 u"moved to "_qs + x.digest + u" after planning");
        QCOMPARE(split.kept.value(u"late/app:old"_qs), u"its manifest was kept"_qs);
        QCOMPARE(split.kept.value(u"late/app:gone"_qs), u"its manifest was kept"_qs);
        QCOMPARE(split.kept.size(), 5);
        // What the registry holds: the tags and the index work.
        for (const QString &tag : {u"old"_qs, u"new"_qs, u"gone2"_qs, u"gone"_qs}) {
            const auto head = await(client->headManifest(u"late/app"_qs, tag));
            QVERIFY2(head && *head, qPrintable(tag));
        }
        BERTH_VERIFY_OK(await(client->getManifest(u"late/app"_qs, y.digest)));
        const auto zGone = await(client->headManifest(u"late/app"_qs, z.digest));
        QVERIFY(zGone && !*zGone);
    }

    // No times on /v2/: every tag ties, --keep keeps the highest names. The tags are asked for
    // in pages of 100 (docker-registry 2.8 ignores `n` there and answers all 5,000 at once;
    // the emulator's test shows the pages followed), each HEADed, each manifest read.
    void fiveThousandTagsArePlannedFromPagesKeepingTiesByName()
    {
        QVERIFY(push(*m_kept, u"big/repo:base"_qs)); // a repository, as pushing makes one
        QVERIFY(seedImages(m_registry, u"big/repo"_qs, 5000));
        FaultProxy proxy;
        QString error;
        QVERIFY2(proxy.start(m_registry.port(), &error), qPrintable(error));
        const CliRun run = cli({QStringLiteral("purge"), QStringLiteral("--filter"),
                                u"big/repo:t.*"_qs, QStringLiteral("--keep"), QStringLiteral("10"),
                                QStringLiteral("--untagged"), QStringLiteral("--dry-run")},
                               proxy.url(), 180000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject plan = run.json().object();
        const QJsonObject deleted = plan.value(u"deleted").toObject();
        QCOMPARE(deleted.value(u"tags").toArray().size(), 4990);
        QCOMPARE(deleted.value(u"manifests").toArray().size(), 4990);
        QStringList kept;
        for (int i = 4990; i < 5000; ++i)
            kept << u"big/repo:t0"_qs + QString::number(i);
        QCOMPARE(itemsOf(plan.value(u"kept")), kept);
        int pages = 0;
        for (const QByteArray &line : proxy.requestLines()) {
            if (line.startsWith("GET /v2/big/repo/tags/list")) {
                ++pages;
                QVERIFY2(line.contains("n=100"), line.constData());
            }
        }
        QVERIFY(pages >= 1);
    }

    // A connection cut in the middle of a run: a manifest's DELETE cut after the registry did
    // it (and Qt's resend of it), another manifest's re-check cut before its DELETE. The re-run
    // finishes the plan, deletes nothing twice and nothing unplanned ("stay" stays).
    void aCutConnectionIsFinishedByARerun()
    {
        QStringList planned;
        for (quint64 seed : {21, 22, 23, 24}) {
            auto layout = buildOciLayout(m_dir.filePath(u"cut"_qs + QString::number(seed)),
                                         {.layerSizes = {100}, .seed = seed});
            QVERIFY(layout && push(*layout, u"cut/app:t"_qs + QString::number(seed)));
            planned << layout->ref.digest;
        }
        QVERIFY(push(*m_kept, u"cut/app:stay"_qs));
        FaultProxy proxy;
        QString error;
        QVERIFY2(proxy.start(m_registry.port(), &error), qPrintable(error));
        for (int occurrence : {2, 3})
            proxy.addFault({.kind = FaultProxy::Fault::Kind::CutBeforeResponse,
                            .method = "DELETE",
                            .pathContains = QStringLiteral("/manifests/"),
                            .occurrence = occurrence});
        for (int occurrence : {1, 2})
            proxy.addFault({.kind = FaultProxy::Fault::Kind::CutBeforeResponse,
                            .method = "HEAD",
                            .pathContains = u"/manifests/"_qs + planned.at(2),
                            .occurrence = occurrence});
        const QStringList args{
            QStringLiteral("purge"),      QStringLiteral("--filter"),      u"cut/app:t.*"_qs,
            QStringLiteral("--untagged"), QStringLiteral("--concurrency"), QStringLiteral("1")};
        const CliRun first = cli(args, proxy.url());
        QVERIFY2(first.exitCode == 1, first.out.constData());
        QStringList codes;
        for (const QJsonValue &v : first.json().object().value(u"failed").toArray())
            codes << v.toObject().value(u"code").toString();
        codes.sort();
        QCOMPARE(codes, (QStringList{u"NETWORK_ERROR"_qs, u"NETWORK_ERROR"_qs, u"NOT_ATTEMPTED"_qs,
                                     u"NOT_ATTEMPTED"_qs}));
        proxy.clearFaults();
        const qsizetype seen = proxy.requestLines().size();

        const CliRun second = cli(args, proxy.url());
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const QJsonObject deleted = second.json().object().value(u"deleted").toObject();
        QCOMPARE(itemsOf(deleted.value(u"manifests")), QStringList{u"cut/app@"_qs + planned.at(2)});
        QCOMPARE(itemsOf(deleted.value(u"tags")), QStringList{u"cut/app:t23"_qs});
        QList<QByteArray> deletes;
        for (const QByteArray &line : proxy.requestLines().mid(seen)) {
            if (line.startsWith("DELETE "))
                deletes << line;
        }
        QCOMPARE(deletes, QList<QByteArray>{"DELETE /v2/cut/app/manifests/"
                                            + planned.at(2).toLatin1() + " HTTP/1.1"});
        const QJsonObject size
            = json({QStringLiteral("repo"), QStringLiteral("size"), QStringLiteral("cut/app")});
        QCOMPARE(size.value(u"tags").toInt(), 1);
        QCOMPARE(size.value(u"manifests").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_CliPurgeReal)
#include "tst_cli_purge_real.moc"
