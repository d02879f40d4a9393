// Size All (RepositoryModel::sizeAll, issue 13): the registry's whole catalog paged and every
// repository sized in the background, so that its total is exact without every row having
// been in sight; the repositories in sight asked for meanwhile do not drop the rest; Stop and
// a refresh end it. On the emulator and on Debian's docker-registry, under
// QAbstractItemModelTester.

#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/purgecontent.h"
#include "fixtures/testutil.h"
#include "models/repositorymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
constexpr int Repositories = 30;
constexpr int SharedBytes = 1000;
} // namespace

class tst_SizeAll : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_SizeAll()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    // Repositories all/rNN, each an image of a layer shared by all (SharedBytes) and one of its
    // own (NN+1 bytes); returns the bytes of their unique blobs.
    qint64 pushRepositories()
    {
        const QByteArray shared(SharedBytes, 's');
        qint64 bytes = SharedBytes;
        for (int i = 0; i < Repositories; ++i) {
            const QString repo = u"all/r%1"_qs.arg(i, 2, 10, QChar(u'0'));
            const PushedImage image
                = pushImage(*m_emu, repo, repo, {shared, QByteArray(i + 1, 'x')}, u"1"_qs);
            bytes += image.configSize + i + 1;
        }
        return bytes;
    }

    // The registry with its first page asked for (4 of 30 repositories; the tester may ask for
    // more).
    static QModelIndex firstPage(RepositoryModel &model, RegistryClient *client)
    {
        model.setPageSize(4);
        const QModelIndex registry = model.addRegistry(client, u"emulator"_qs);
        model.fetchMore(registry);
        if (!QTest::qWaitFor([&] { return !model.isLoading(registry); }, 10000))
            return {};
        return registry;
    }

    // The repositories of pushRepositories() in a model under the tester (the client outlives
    // the model).
    struct Tree
    {
        std::unique_ptr<RegistryClient> client;
        RepositoryModel model;
        QAbstractItemModelTester tester{&model, Fatal};
        QModelIndex registry;
    };
    std::unique_ptr<Tree> pushedTree()
    {
        m_bytes = pushRepositories();
        auto tree = std::make_unique<Tree>();
        tree->client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        tree->registry = firstPage(tree->model, tree->client.get());
        return tree;
    }
    qint64 m_bytes = 0;

private Q_SLOTS:
    // From the first page of 4: every repository is sized, the total is exact (the shared
    // layer once); repositories asked for in sight meanwhile (which replace what was in sight
    // before) do not drop the others.
    void sizesEveryRepositoryOfTheCatalog()
    {
        const std::unique_ptr<Tree> tree = pushedTree();
        RepositoryModel &model = tree->model;
        const QModelIndex registry = tree->registry;
        const qint64 bytes = m_bytes;
        QVERIFY(registry.isValid());
        QSignalSpy changes(&model, &RepositoryModel::sizingAllChanged);

        model.sizeAll(registry);
        QVERIFY(model.sizeAllProgress(registry).running);
        QCOMPARE(changes.size(), 1);
        const QModelIndex folder = model.index(0, 0, registry);
        model.loadSizes({model.index(0, 0, folder)}); // in sight: first, the rest stays queued

        QTRY_VERIFY_WITH_TIMEOUT(!model.sizeAllProgress(registry).running, 30000);
        const RepositoryModel::SizeAllProgress done = model.sizeAllProgress(registry);
        QCOMPARE(done.repositories, Repositories);
        QCOMPARE(done.ended, Repositories);
        QVERIFY(done.listed);
        QCOMPARE(model.rowCount(folder), Repositories);
        const RepositoryModel::Total total = model.total(registry);
        QVERIFY(total.complete);
        QCOMPARE(total.bytes, bytes);
        QCOMPARE(total.blobs, 2 * Repositories + 1); // configs, own layers, the shared one
        const QModelIndex cell = registry.siblingAtColumn(RepositoryModel::Size);
        QVERIFY(!cell.data().toString().startsWith(u"≥"));
        QCOMPARE(cell.data(Qt::UserRole).toLongLong(), bytes);
        // Progress on the way, the last one the end.
        QVERIFY(changes.size() > 2);
        QVERIFY(!model.isSizing(registry));
    }

    // Nothing but Size All asks for pages here (a view or the model tester would fetch them
    // too): it pages on to the catalog's end by itself.
    void itPagesTheCatalogByItself()
    {
        const qint64 bytes = pushRepositories();
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        RepositoryModel model;
        model.setPageSize(4);
        const QModelIndex registry = model.addRegistry(client.get(), u"emulator"_qs);
        model.sizeAll(registry); // before the first page
        QTRY_VERIFY_WITH_TIMEOUT(!model.sizeAllProgress(registry).running, 30000);
        QVERIFY(!model.canFetchMore(registry));
        QCOMPARE(model.rowCount(model.index(0, 0, registry)), Repositories);
        QVERIFY(model.total(registry).complete);
        QCOMPARE(model.total(registry).bytes, bytes);
    }

    // Stop: the scans running finish, nothing else starts, the total stays "at least".
    void stopLeavesTheRestUnsized()
    {
        const std::unique_ptr<Tree> tree = pushedTree();
        RepositoryModel &model = tree->model;
        const QModelIndex registry = tree->registry;
        QVERIFY(registry.isValid());
        model.sizeAll(registry);
        QTRY_VERIFY_WITH_TIMEOUT(model.sizeAllProgress(registry).ended >= 1, 10000);
        model.stopSizingAll(registry);
        const int endedAtStop = model.sizeAllProgress(registry).ended;
        QVERIFY(!model.sizeAllProgress(registry).running);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSizing(registry), 10000);
        const int ended = model.sizeAllProgress(registry).ended;
        QVERIFY2(ended <= endedAtStop + 2, // at most the two scans that were running
                 qPrintable(u"%1 sized after stopping at %2"_qs.arg(ended).arg(endedAtStop)));
        QVERIFY(!model.total(registry).complete);
        QVERIFY(registry.siblingAtColumn(RepositoryModel::Size).data().toString().startsWith(u"≥"));
    }

    // A refresh starts the listing over: Size All ends with it, nothing sized is kept.
    void aRefreshEndsIt()
    {
        const std::unique_ptr<Tree> tree = pushedTree();
        QVERIFY(tree->registry.isValid());
        tree->model.sizeAll(tree->registry);
        QSignalSpy changes(&tree->model, &RepositoryModel::sizingAllChanged);
        tree->model.refresh(tree->registry);
        QVERIFY(!tree->model.sizeAllProgress(tree->registry).running);
        QCOMPARE(changes.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!tree->model.isSizing(tree->registry), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!tree->model.isLoading(tree->registry), 10000);
        QCOMPARE(tree->model.total(tree->registry).sized, 0);
    }

    // Debian's docker-registry: two repositories holding one index (copied by skopeo) and a
    // third, none in sight: one Size All gives the exact total, each blob once.
    void aRealRegistryIsSizedWhole()
    {
        RegistryWithIndex real(QStringLiteral("whole/one"), {QStringLiteral("1.0")});
        QVERIFY2(real.layout, qPrintable(real.layout.error()));
        const QStringList flags
            = QStringList{QStringLiteral("--all")} + Skopeo::destinationFlags(real.registry);
        for (const QString &to : {u"whole/two:1.0"_qs, u"whole/three:2.0"_qs}) {
            const auto copied = Skopeo().copy(real.layout->ociReference(),
                                              Skopeo::dockerReference(real.registry, to), flags);
            QVERIFY2(copied, qPrintable(copied.error()));
        }
        auto client = makeClient(real.registry.url());
        RepositoryModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const QModelIndex registry = model.addRegistry(client.get(), u"real"_qs);
        model.sizeAll(registry); // before the first page
        QTRY_VERIFY_WITH_TIMEOUT(!model.sizeAllProgress(registry).running, 20000);
        QCOMPARE(model.sizeAllProgress(registry).repositories, 3);
        const RepositoryModel::Total total = model.total(registry);
        QVERIFY(total.complete);
        const std::optional<RepositorySize> one
            = model.size(model.findRepository(registry, u"whole/one"_qs));
        QVERIFY(one && one->bytes > 0);
        QCOMPARE(total.bytes, one->bytes);
        QCOMPARE(total.blobs, one->blobs);
    }
};

QTEST_MAIN(tst_SizeAll)
#include "tst_sizeall.moc"
