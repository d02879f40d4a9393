// RegistryClient::indexesReferencing and deleteUnreferencedManifest: on the ACR emulator from
// the manifest list's `references`, on a real CNCF distribution registry by reading the
// tagged indexes. A manifest an index lists is never deleted unless forced.

#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/testutil.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace Berth;
using namespace Berth::Test;

class tst_ClientIndexes : public QObject
{
    Q_OBJECT

    static QString platformDigest(const QList<ManifestInfo> &manifests, const QString &arch)
    {
        for (const ManifestInfo &m : manifests) {
            if (m.architecture == arch && m.tags.isEmpty())
                return m.digest;
        }
        return {};
    }

private Q_SLOTS:
    void acrNamesTheIndexThatListsAPlatform()
    {
        const auto emu = startDemoEmulator(QStringLiteral("admin"), QStringLiteral("pw"));
        QVERIFY(emu);
        auto client = makeClient(
            emu->url(), Credentials::password(QStringLiteral("admin"), QStringLiteral("pw")));
        const QString repo = QStringLiteral("team/app/api");
        const auto manifests = await(client->listManifests(repo));
        BERTH_VERIFY_OK(manifests);
        const QString arm = platformDigest(*manifests, QStringLiteral("arm64"));
        QVERIFY(!arm.isEmpty());
        QString index;
        for (const ManifestInfo &m : *manifests)
            index = m.tags.contains(u"1.0") ? m.digest : index;

        const auto found = await(client->indexesReferencing(repo, arm));
        BERTH_VERIFY_OK(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().digest, index);
        QCOMPARE(found->first().tags, QStringList{QStringLiteral("1.0")});
        const auto none = await(client->indexesReferencing(repo, index));
        BERTH_VERIFY_OK(none);
        QVERIFY(none->isEmpty());

        const auto refused = await(client->deleteUnreferencedManifest(repo, arm));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::ManifestReferenced);
        QCOMPARE(refused.error().message, arm + u" is a platform of " + index + u" (tags: 1.0)");
        QCOMPARE(refused.error().detail.toArray().size(), 1);
        for (const auto &r : emu->requests())
            QVERIFY2(r.method != "DELETE", qPrintable(r.path));
        BERTH_VERIFY_OK(await(client->getManifestInfo(repo, arm)));
    }

    void distributionReadsTheTaggedIndexes()
    {
        RegistryWithIndex fixture(QStringLiteral("demo/multi"),
                                  {QStringLiteral("1.0"), QStringLiteral("latest")});
        BERTH_VERIFY_EXPECTED(fixture.layout);
        const QString repo = QStringLiteral("demo/multi");
        const QString arm = fixture.layout->images.at(1).manifest.digest;
        auto client = makeClient(fixture.registry.url());

        const auto found = await(client->indexesReferencing(repo, arm));
        BERTH_VERIFY_OK(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().digest, fixture.layout->ref.digest);
        QStringList tags = found->first().tags;
        tags.sort();
        QCOMPARE(tags, (QStringList{QStringLiteral("1.0"), QStringLiteral("latest")}));

        const auto refused = await(client->deleteUnreferencedManifest(repo, arm));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::ManifestReferenced);
        const auto still = await(client->headManifest(repo, arm));
        BERTH_VERIFY_OK(still);
        QVERIFY(still->has_value());

        // Nothing references the index itself: it goes, and then the platform is free.
        BERTH_VERIFY_OK(
            await(client->deleteUnreferencedManifest(repo, fixture.layout->ref.digest)));
        const auto freed = await(client->indexesReferencing(repo, arm));
        BERTH_VERIFY_OK(freed);
        QVERIFY(freed->isEmpty());
        BERTH_VERIFY_OK(await(client->deleteUnreferencedManifest(repo, arm)));
        const auto gone = await(client->headManifest(repo, arm));
        BERTH_VERIFY_OK(gone);
        QVERIFY(!gone->has_value());
    }
};

QTEST_GUILESS_MAIN(tst_ClientIndexes)
#include "tst_client_indexes.moc"
