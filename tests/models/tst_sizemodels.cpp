// Image sizes in the tables (RepositoryTableModel): an index sized per platform and in total
// from its manifests (not ACR's size of its manifest documents), ACR's imageSize kept for an
// image, the platform text with variants, numeric sorting, and one read per digest; on the
// emulator and on Debian's docker-registry (no imageSize at all there). Under
// QAbstractItemModelTester. The same sizes in the details of an index (ManifestView).

#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/purgecontent.h"
#include "fixtures/testutil.h"
#include "models/format.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "ui/manifestview.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

bool loadAll(PagedTableModel &model)
{
    for (int i = 0; i < 100; ++i) {
        if (!QTest::qWaitFor([&] { return !model.isLoading(); }, 10000))
            return false;
        if (!model.canFetchMore({}))
            return true;
        model.fetchMore({});
    }
    return false;
}

// Shows `repo` in `model`, sizing from `cache`; loads every page and waits for `digest`'s size.
template<typename Model>
bool loadSized(Model &model,
               RegistryClient *client,
               const QString &repo,
               const std::shared_ptr<ManifestCache> &cache,
               const QString &digest)
{
    model.setSizeCache(cache);
    model.setRepository(client, repo);
    return loadAll(model)
           && QTest::qWaitFor([&] { return model.imageSizeOf(digest).has_value(); }, 10000);
}
} // namespace

class tst_SizeModels : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_SizeModels()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    const QString m_repo = QStringLiteral("sizes/app");
    PushedImage m_plain, m_amd, m_arm;
    QString m_index;

    // v1: an image; 1.0: an index of linux/amd64 and linux/arm64/v8 sharing a 1000-byte layer.
    void pushContent()
    {
        const QByteArray shared(1000, 's');
        m_plain = pushImage(*m_emu, m_repo, u"A"_qs, {"aaaaaaaa"}, u"v1"_qs);
        m_amd = pushImage(*m_emu, m_repo, u"P1"_qs, {shared, "x"});
        m_arm = pushImage(*m_emu, m_repo, u"P2"_qs, {shared, "yy"}, {}, u"arm64"_qs, u"v8"_qs);
        m_index = pushIndex(*m_emu, m_repo, {m_amd, m_arm}, u"1.0"_qs);
    }
    qint64 indexTotal() const { return m_amd.configSize + m_arm.configSize + 1000 + 1 + 2; }

    // The emulator's registry in `model`, its catalog loaded (invalid when it does not load).
    static QModelIndex loadTree(RepositoryModel &model, RegistryClient *client)
    {
        const QModelIndex registry = model.addRegistry(client, u"emulator"_qs);
        model.fetchMore(registry);
        const bool loaded = QTest::qWaitFor(
            [&] { return !model.isLoading(registry) && !model.canFetchMore(registry); }, 10000);
        return loaded ? registry : QModelIndex();
    }

private Q_SLOTS:
    void anIndexRowShowsItsImagesNotItsDocuments()
    {
        pushContent();
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        TagModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setRepository(client.get(), m_repo);
        QVERIFY(loadAll(model));
        const int index = model.rowOfTag(u"1.0"_qs);
        const int plain = model.rowOfTag(u"v1"_qs);
        QVERIFY(index >= 0 && plain >= 0);
        QTRY_COMPARE(model.index(index, TagModel::Size).data(Qt::UserRole).toLongLong(),
                     indexTotal());
        QCOMPARE(model.index(index, TagModel::Size).data().toString(),
                 QLocale().formattedDataSize(indexTotal(), 1, QLocale::DataSizeSIFormat));
        QCOMPARE(model.index(index, TagModel::Platforms).data().toString(),
                 u"linux/amd64, linux/arm64/v8"_qs);
        const QString tip = model.index(index, TagModel::Size).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"linux/arm64/v8: "_qs), qPrintable(tip));
        QCOMPARE(tip.count(u'\n'), 2); // a line per platform and the total
        const std::optional<ImageSize> size = model.imageSizeOf(m_index);
        QVERIFY(size && size->isIndex);
        QCOMPARE(size->platforms.at(1).bytes, m_arm.configSize + 1000 + 2);
        // The image keeps ACR's imageSize: its manifest is never read for it.
        QCOMPARE(model.index(plain, TagModel::Size).data(Qt::UserRole).toLongLong(),
                 m_plain.configSize + 8);
        QCOMPARE(count("GET", u"/v2/"_qs + m_repo + u"/manifests/" + m_plain.digest), 0);
    }

    void sortingBySizeIsNumeric()
    {
        // 9, 10 and 100 bytes: as text "10 B" < "100 B" < "9 B".
        const QString repo = QStringLiteral("sizes/sorted");
        const PushedImage small = pushImage(*m_emu, repo, u"S"_qs, {});
        const PushedImage mid = pushImage(*m_emu, repo, u"M"_qs, {"x"});
        const PushedImage big = pushImage(*m_emu, repo, u"B"_qs, {QByteArray(100, 'b')});
        pushIndex(*m_emu, repo, {big}, u"big"_qs);
        pushIndex(*m_emu, repo, {small}, u"small"_qs);
        pushIndex(*m_emu, repo, {mid}, u"mid"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        TagModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        TagFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, Fatal);
        model.setRepository(client.get(), repo);
        QVERIFY(loadAll(model));
        QTRY_VERIFY([&] {
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.index(row, TagModel::Size).data(Qt::UserRole).toLongLong() < 0)
                    return false;
            }
            return model.rowCount() == 3;
        }());
        proxy.sort(TagModel::Size, Qt::AscendingOrder);
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order << proxy.index(row, TagModel::Name).data().toString();
        QCOMPARE(order, (QStringList{u"small"_qs, u"mid"_qs, u"big"_qs}));
    }

    void aSharedCacheReadsEachDigestOnce()
    {
        pushContent();
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        auto cache = std::make_shared<ManifestCache>();
        TagModel tags;
        QAbstractItemModelTester tester(&tags, Fatal);
        QVERIFY(loadSized(tags, client.get(), m_repo, cache, m_index));
        const QString manifests = u"/v2/"_qs + m_repo + u"/manifests/";
        QCOMPARE(count("GET", manifests), 3); // the index and its platforms

        ManifestModel list;
        QAbstractItemModelTester listTester(&list, Fatal);
        QVERIFY(loadSized(list, client.get(), m_repo, cache, m_index));
        const int row = list.rowOfDigest(m_index);
        QCOMPARE(list.index(row, ManifestModel::Size).data(Qt::UserRole).toLongLong(),
                 indexTotal());
        QCOMPARE(count("GET", manifests), 3); // nothing read again
        tags.reload();                        // and not after a reload either
        QVERIFY(loadAll(tags));
        QTRY_VERIFY(tags.imageSizeOf(m_index).has_value());
        QCOMPARE(count("GET", manifests), 3);
    }

    void theTreeSizesRepositoriesAndTotalsTheRegistry()
    {
        pushContent(); // sizes/app: v1 and an index, whose platforms share a layer
        const QString other = QStringLiteral("sizes/other");
        const PushedImage b1 = pushImage(*m_emu, other, u"B1"_qs, {"bbbb"}, u"1"_qs);
        const PushedImage b2 = pushImage(*m_emu, other, u"B2"_qs, {"bbbb", "cc"}, u"2"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        const QModelIndex app = model.findRepository(registry, m_repo);
        const QModelIndex second = model.findRepository(registry, other);
        QVERIFY(app.isValid() && second.isValid());

        model.loadSizes({second});
        QTRY_VERIFY(model.size(second).has_value());
        const qint64 otherBytes = b1.configSize + b2.configSize + 4 + 2; // "bbbb" once
        QCOMPARE(model.size(second)->bytes, otherBytes);
        QCOMPARE(second.siblingAtColumn(RepositoryModel::Size).data(Qt::UserRole).toLongLong(),
                 otherBytes);
        QCOMPARE(second.siblingAtColumn(RepositoryModel::Manifests).data().toInt(), 2);
        const QModelIndex total = registry.siblingAtColumn(RepositoryModel::Size);
        QVERIFY2(total.data().toString().startsWith(u"≥ "), qPrintable(total.data().toString()));
        QVERIFY(!model.total(registry).complete);

        model.loadSizes({app, second});
        QTRY_VERIFY(model.total(registry).complete);
        const qint64 appBytes = m_plain.configSize + 8 + indexTotal();
        QCOMPARE(model.size(app)->bytes, appBytes);
        QCOMPARE(model.size(app)->manifests, 4); // v1, the index and its two platforms
        QCOMPARE(total.data(Qt::UserRole).toLongLong(), appBytes + otherBytes);
        QVERIFY(!total.data().toString().startsWith(u"≥"));

        // A refresh sizes again from the cache: the manifest list, no manifest.
        m_emu->clearRequests();
        model.refresh(registry);
        QTRY_VERIFY(!model.isLoading(registry) && !model.canFetchMore(registry));
        QVERIFY(!model.size(model.findRepository(registry, m_repo)));
        model.loadSizes({model.findRepository(registry, m_repo)});
        QTRY_VERIFY(model.size(model.findRepository(registry, m_repo)).has_value());
        QCOMPARE(count("GET", u"/v2/"_qs + m_repo + u"/manifests/"), 0);
    }

    void onlyTheRepositoriesAskedForLastAreSized()
    {
        for (int i = 0; i < 6; ++i)
            pushImage(*m_emu, u"many/r%1"_qs.arg(i), u"I"_qs, {"x"}, u"1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        QModelIndexList repos;
        for (int i = 0; i < 6; ++i)
            repos << model.findRepository(registry, u"many/r%1"_qs.arg(i));
        model.loadSizes(repos.mid(0, 5)); // two start, three wait
        model.loadSizes({repos.at(5)});   // scrolled on: the three waiting are dropped
        QTRY_VERIFY(model.size(repos.at(5)).has_value());
        QTRY_COMPARE(model.total(registry).sized, 3);
        for (int i : {2, 3, 4}) {
            QVERIFY(!model.size(repos.at(i)));
            QCOMPARE(count("GET", u"/acr/v1/many/r%1/_manifests"_qs.arg(i)), 0);
        }
    }

    void theDetailsOfAnIndexShowItsPlatformsImages()
    {
        pushContent();
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        ManifestView view;
        view.showManifest(client.get(), m_repo, u"1.0"_qs);
        QTRY_VERIFY(view.imageSize().has_value());
        QTreeWidget *entries = view.entriesView();
        QCOMPARE(entries->topLevelItemCount(), 2);
        QCOMPARE(entries->topLevelItem(1)->text(0), u"linux/arm64/v8"_qs); // as in the table
        // Each platform's config and layers, not its manifest document.
        QCOMPARE(entries->topLevelItem(0)->text(2), Format::size(m_amd.configSize + 1000 + 1));
        QCOMPARE(entries->topLevelItem(1)->text(2), Format::size(m_arm.configSize + 1000 + 2));
        QVERIFY(entries->topLevelItem(1)->toolTip(2).contains(Format::size(m_arm.size)));
        const QString summary = view.summaryView()->toPlainText();
        QVERIFY2(summary.contains(QLocale().toString(indexTotal())), qPrintable(summary));
    }

    void aRealRegistryHasNoImageSizeAndGetsOne()
    {
        RegistryWithIndex real(QStringLiteral("sizes/real"), {QStringLiteral("1.0")});
        QVERIFY2(real.layout, qPrintable(real.layout.error()));
        auto client = makeClient(real.registry.url());
        ManifestModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setRepository(client.get(), u"sizes/real"_qs);
        QVERIFY(loadAll(model));
        const int row = model.rowOfDigest(real.layout->ref.digest);
        QVERIFY(row >= 0);
        QTRY_VERIFY(model.index(row, ManifestModel::Size).data(Qt::UserRole).toLongLong() > 0);
        QCOMPARE(model.index(row, ManifestModel::Platforms).data().toString(),
                 u"linux/amd64, linux/arm64/v8"_qs);
        QHash<QString, qint64> blobs; // what the two images reference, each blob once
        for (const OciImage &image : real.layout->images) {
            blobs.insert(image.config.digest, image.config.size);
            for (const OciDescriptor &layer : image.layers)
                blobs.insert(layer.digest, layer.size);
        }
        qint64 total = 0;
        for (const qint64 bytes : std::as_const(blobs))
            total += bytes;
        QCOMPARE(model.index(row, ManifestModel::Size).data(Qt::UserRole).toLongLong(), total);
    }
};

QTEST_MAIN(tst_SizeModels)
#include "tst_sizemodels.moc"
