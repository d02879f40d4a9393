// The tree's order (RepositoryModel::sort, issue 13): each folder's children by name, tag or
// manifest count or size, rows without a value after the others in either order, pages that
// land in place, sizes arriving later moving their rows while persistent indexes (the
// selection, open folders) follow them. The registry's total counts the unique blobs: a layer
// that two repositories share once. On the emulator and on Debian's docker-registry, under
// QAbstractItemModelTester.

#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/purgecontent.h"
#include "fixtures/testutil.h"
#include "models/repositorymodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// The names of `parent`'s children, in the model's order.
QStringList childNames(const RepositoryModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

// Whether every folder under `parent` lists its children by name in `order`.
bool namesInOrder(const RepositoryModel &model, const QModelIndex &parent, Qt::SortOrder order)
{
    QStringList names = childNames(model, parent);
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    if (order == Qt::DescendingOrder)
        std::reverse(sorted.begin(), sorted.end());
    if (names != sorted)
        return false;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        if (!namesInOrder(model, model.index(row, 0, parent), order))
            return false;
    }
    return true;
}
} // namespace

class tst_TreeSort : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_TreeSort()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    static QModelIndex loadTree(RepositoryModel &model, RegistryClient *client)
    {
        const QModelIndex registry = model.addRegistry(client, u"emulator"_qs);
        // The tester fetches too (checkChildren): wait for each page, whoever asked.
        for (int i = 0; i < 100; ++i) {
            if (!QTest::qWaitFor([&] { return !model.isLoading(registry); }, 10000))
                return {};
            if (!model.canFetchMore(registry))
                break;
            model.fetchMore(registry);
        }
        return model.canFetchMore(registry) ? QModelIndex() : registry;
    }

private Q_SLOTS:
    // sort/big (100-byte layer), mid (10), small (1), none (never sized) and a folder sub:
    // the sized ones by size in either order, then the rest by name; the selected row and an
    // index kept on it follow it as it moves.
    void sizesArrivingLaterMoveTheirRows()
    {
        for (const auto &[name, bytes] : {std::pair{u"big"_qs, 100}, std::pair{u"mid"_qs, 10},
                                          std::pair{u"small"_qs, 1}, std::pair{u"none"_qs, 5}})
            pushImage(*m_emu, u"sort/"_qs + name, name, {QByteArray(bytes, 'x')}, u"1"_qs);
        pushImage(*m_emu, u"sort/sub/x"_qs, u"X"_qs, {"y"}, u"1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        const QModelIndex folder = model.index(0, 0, registry);
        QCOMPARE(childNames(model, folder),
                 (QStringList{u"big"_qs, u"mid"_qs, u"none"_qs, u"small"_qs, u"sub"_qs}));

        QItemSelectionModel selection(&model);
        const QPersistentModelIndex small
            = model.findRepository(registry, u"sort/small"_qs).siblingAtColumn(0);
        selection.setCurrentIndex(small, QItemSelectionModel::ClearAndSelect);
        model.sort(RepositoryModel::Size, Qt::DescendingOrder);
        QCOMPARE(childNames(model, folder), // nothing sized yet: by name
                 (QStringList{u"big"_qs, u"mid"_qs, u"none"_qs, u"small"_qs, u"sub"_qs}));
        QModelIndexList sized;
        for (const QString &name : {u"small"_qs, u"big"_qs, u"mid"_qs})
            sized << model.findRepository(registry, u"sort/"_qs + name);
        model.loadSizes(sized);
        QTRY_COMPARE(childNames(model, folder),
                     (QStringList{u"big"_qs, u"mid"_qs, u"small"_qs, u"none"_qs, u"sub"_qs}));
        QCOMPARE(small.row(), 2);
        QCOMPARE(small.data().toString(), u"small"_qs);
        QCOMPARE(selection.currentIndex(), QModelIndex(small));
        QVERIFY(selection.isSelected(small));

        model.sort(RepositoryModel::Size, Qt::AscendingOrder); // unknown ones still last
        QCOMPARE(childNames(model, folder),
                 (QStringList{u"small"_qs, u"mid"_qs, u"big"_qs, u"none"_qs, u"sub"_qs}));
        QCOMPARE(selection.currentIndex().data().toString(), u"small"_qs);
        // One more size: its row moves among the sized, by itself.
        model.loadSizes({model.findRepository(registry, u"sort/none"_qs)});
        QTRY_COMPARE(childNames(model, folder),
                     (QStringList{u"small"_qs, u"none"_qs, u"mid"_qs, u"big"_qs, u"sub"_qs}));

        model.sort(RepositoryModel::Manifests, Qt::DescendingOrder); // ties by name
        QCOMPARE(childNames(model, folder),
                 (QStringList{u"big"_qs, u"mid"_qs, u"none"_qs, u"small"_qs, u"sub"_qs}));
        model.sort(RepositoryModel::Name, Qt::DescendingOrder);
        QCOMPARE(childNames(model, folder),
                 (QStringList{u"sub"_qs, u"small"_qs, u"none"_qs, u"mid"_qs, u"big"_qs}));
        QCOMPARE(selection.currentIndex().data().toString(), u"small"_qs);
    }

    // Sorted before the catalog comes, page by page: every page's rows land in their places.
    void pagesLandInOrder()
    {
        for (int i = 0; i < 30; ++i)
            pushImage(*m_emu, u"p%1/r%2"_qs.arg(i % 3).arg(i, 2, 10, QChar(u'0')), u"I"_qs, {"x"},
                      u"1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setPageSize(4);
        model.sort(RepositoryModel::Name, Qt::DescendingOrder);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        QCOMPARE(childNames(model, registry), (QStringList{u"p2"_qs, u"p1"_qs, u"p0"_qs}));
        QCOMPARE(model.rowCount(model.index(2, 0, registry)), 10);
        QVERIFY(namesInOrder(model, registry, Qt::DescendingOrder));
    }

    // share/one and share/two both hold a 1000-byte layer: the registry's total counts it
    // once, and keeps it while one of them still references it.
    void theRegistryTotalCountsASharedLayerOnce()
    {
        const QByteArray shared(1000, 's');
        const PushedImage one = pushImage(*m_emu, u"share/one"_qs, u"O"_qs, {shared, "a"}, u"1"_qs);
        const PushedImage two
            = pushImage(*m_emu, u"share/two"_qs, u"T"_qs, {shared, "bb"}, u"1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        model.loadSizes({model.findRepository(registry, u"share/one"_qs),
                         model.findRepository(registry, u"share/two"_qs)});
        QTRY_VERIFY(model.total(registry).complete);
        const qint64 oneBytes = one.configSize + 1000 + 1;
        const qint64 twoBytes = two.configSize + 1000 + 2;
        QCOMPARE(model.size(model.findRepository(registry, u"share/one"_qs))->bytes, oneBytes);
        QCOMPARE(model.size(model.findRepository(registry, u"share/two"_qs))->bytes, twoBytes);
        const QModelIndex total = registry.siblingAtColumn(RepositoryModel::Size);
        QCOMPARE(total.data(Qt::UserRole).toLongLong(), oneBytes + twoBytes - 1000);
        QCOMPARE(model.total(registry).blobs, 5); // two configs, the shared layer, a, bb
        QVERIFY(!total.data().toString().startsWith(u"≥"));
        QVERIFY(total.data(Qt::ToolTipRole).toString().contains(u"counts once"_qs));

        model.removeRepository(model.findRepository(registry, u"share/one"_qs));
        QCOMPARE(total.data(Qt::UserRole).toLongLong(), twoBytes); // the layer stays
        model.removeRepository(model.findRepository(registry, u"share/two"_qs));
        QCOMPARE(model.total(registry).bytes, 0);
        QCOMPARE(model.total(registry).blobs, 0);
    }

    // The same on a real registry: one index in two repositories is one image's blobs.
    void aRealRegistrysTotalCountsEachBlobOnce()
    {
        RegistryWithIndex real(QStringLiteral("twice/one"), {QStringLiteral("1.0")});
        QVERIFY2(real.layout, qPrintable(real.layout.error()));
        const auto copied = Skopeo().copy(
            real.layout->ociReference(),
            Skopeo::dockerReference(real.registry, QStringLiteral("twice/two:1.0")),
            QStringList{QStringLiteral("--all")} + Skopeo::destinationFlags(real.registry));
        QVERIFY2(copied, qPrintable(copied.error()));
        auto client = makeClient(real.registry.url());
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = loadTree(model, client.get());
        QVERIFY(registry.isValid());
        const QModelIndex one = model.findRepository(registry, u"twice/one"_qs);
        const QModelIndex two = model.findRepository(registry, u"twice/two"_qs);
        model.loadSizes({one, two});
        QTRY_VERIFY_WITH_TIMEOUT(model.total(registry).complete, 15000);
        QVERIFY(model.size(one)->bytes > 0);
        QCOMPARE(model.size(two)->bytes, model.size(one)->bytes);
        QCOMPARE(model.total(registry).bytes, model.size(one)->bytes);
        QCOMPARE(model.total(registry).blobs, model.size(one)->blobs);
    }
};

QTEST_MAIN(tst_TreeSort)
#include "tst_treesort.moc"
