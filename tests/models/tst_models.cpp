// The item models under QAbstractItemModelTester, fed by the ACR emulator (and a scripted
// server for faults): paging, refresh, late replies, errors and retry.

#include "emulator/acremulator.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/scriptedserver.h"
#include "models/lockcolumns.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QUrlQuery>

using namespace Berth;
using namespace Berth::Test;

namespace {
// Fetches until the model says there is no more (bounded).
bool fetchAll(QAbstractItemModel *model, const QModelIndex &parent, std::function<bool()> loading)
{
    for (int i = 0; i < 1000; ++i) {
        if (!QTest::qWaitFor([&] { return !loading(); }, 10000))
            return false;
        if (!model->canFetchMore(parent))
            return true;
        model->fetchMore(parent);
    }
    return false;
}
// The `n` of each page of `path` the emulator answered, in order.
QList<int> pageSizesAsked(const AcrEmulator &emulator, const QString &path)
{
    QList<int> sizes;
    for (const auto &r : emulator.requests()) {
        if (r.path == path && r.status == 200)
            sizes << QUrlQuery(r.query).queryItemValue(QStringLiteral("n")).toInt();
    }
    return sizes;
}

// The tag table or the manifest table, for tests that hold for both paged tables.
class EitherTable
{
public:
    explicit EitherTable(bool manifests)
        : m_manifests(manifests)
    {}
    PagedTableModel *model()
    {
        return m_manifests ? static_cast<PagedTableModel *>(&m_manifestModel)
                           : static_cast<PagedTableModel *>(&m_tagModel);
    }
    void show(RegistryClient *client, const QString &repo)
    {
        if (m_manifests)
            m_manifestModel.setRepository(client, repo);
        else
            m_tagModel.setRepository(client, repo);
    }

private:
    bool m_manifests;
    TagModel m_tagModel;
    ManifestModel m_manifestModel;
};

// A scripted registry that answers /v2/ (what a client asks first); the test adds the rest.
bool listenAsRegistry(ScriptedServer &server)
{
    if (!server.listen())
        return false;
    server.addRoute("GET", QStringLiteral("/v2/"), ScriptedServer::Response::json(200, "{}"));
    return true;
}

// ACR's manifest list of `repo`, empty: the tag table asks for it beside the tags (for sizes
// and platforms). Unscripted, its plain 404 would tell the client the registry has no /acr/v1/.
void addNoManifests(ScriptedServer &server, const char *repo)
{
    server.addRoute(
        "GET", QStringLiteral("/acr/v1/%1/_manifests").arg(QLatin1StringView(repo)),
        ScriptedServer::Response::json(200, QByteArray(R"({"registry":"r","imageName":")") + repo
                                                + R"(","manifests":[]})"));
}

// The repository tree of a registry, `pageSize` repositories a page, under the model tester.
struct TreeOf
{
    TreeOf(const QUrl &registry, int pageSize)
        : client(makeClient(registry))
    {
        model.setPageSize(pageSize);
    }
    QModelIndex addRegistry()
    {
        return model.addRegistry(client.get(), QStringLiteral("scripted"));
    }

    std::unique_ptr<RegistryClient> client;
    RepositoryModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};
} // namespace

class tst_Models : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;
    std::unique_ptr<RegistryClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("u"), QStringLiteral("p"));
        m_emu->seedDemo();
        m_emu->seedBulk(230, QStringLiteral("big/repo"), 260);
        QVERIFY(m_emu->listen());
        m_client = makeClient(m_emu->url(),
                              Credentials::password(QStringLiteral("u"), QStringLiteral("p")));
    }
    void cleanup()
    {
        m_client.reset();
        m_emu.reset();
    }

    void repositoryTreeNestsNamespacesAcrossPages()
    {
        RepositoryModel model;
        model.setPageSize(37);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QModelIndex registry = model.addRegistry(m_client.get(), QStringLiteral("emulator"));
        // (The model tester may already have asked for the first page.)
        QVERIFY(model.canFetchMore(registry) || model.isLoading(registry));
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        QVERIFY(!model.error(registry));

        const QModelIndex api = model.findRepository(registry, QStringLiteral("team/app/api"));
        QVERIFY(api.isValid());
        QCOMPARE(model.kind(api), RepositoryModel::Kind::Repository);
        QCOMPARE(api.data().toString(), QStringLiteral("api"));
        const QModelIndex app = api.parent();
        QCOMPARE(model.kind(app), RepositoryModel::Kind::Folder);
        QCOMPARE(app.data().toString(), QStringLiteral("app"));
        QCOMPARE(model.kind(app.parent()), RepositoryModel::Kind::Folder);
        QCOMPARE(app.parent().parent(), registry);

        // Every repository appears exactly once.
        const auto all = await(m_client->listRepositories(1000));
        BERTH_VERIFY_OK(all);
        int repositories = 0;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < model.rowCount(parent); ++r) {
                const QModelIndex i = model.index(r, 0, parent);
                if (model.kind(i) == RepositoryModel::Kind::Repository)
                    ++repositories;
                walk(i);
            }
        };
        walk(registry);
        QCOMPARE(repositories, all->size());
    }

    void detailsBringCounts()
    {
        RepositoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QModelIndex registry = model.addRegistry(m_client.get(), QStringLiteral("emulator"));
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        const QModelIndex hello = model.findRepository(registry, QStringLiteral("hello-world"));
        QVERIFY(hello.isValid());
        model.loadDetails(hello);
        QVERIFY(QTest::qWaitFor([&] { return model.details(hello).has_value(); }, 10000));
        QVERIFY(hello.siblingAtColumn(RepositoryModel::Tags).data().toInt() >= 3);
    }

    // The first page asked before a refresh must not land after it. The two requests differ
    // in page size, so the server can tell them apart and the stale one lists a repository
    // the current one does not.
    void refreshDropsLateRepliesAndReloads()
    {
        using Response = ScriptedServer::Response;
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        server.addRoute("GET", QStringLiteral("/v2/_catalog?n=50"),
                        Response::json(200, R"({"repositories":["stale/one","hello-world"]})"));
        server.addRoute("GET", QStringLiteral("/v2/_catalog?n=51"),
                        Response::json(200, R"({"repositories":["fresh/one","hello-world"]})"));
        TreeOf tree(server.url(), 50);
        RepositoryModel &model = tree.model;
        const QModelIndex registry = tree.addRegistry();
        bool told = true; // each loadingChanged tells the state the model is in
        connect(&model, &RepositoryModel::loadingChanged, &model,
                [&](const QModelIndex &index, bool loading) {
                    told &= index == registry && loading == model.isLoading(registry);
                });
        model.fetchMore(registry); // in flight...
        model.setPageSize(51);
        model.refresh(registry);                                   // ...and superseded at once
        QVERIFY(waitForJobsToEnd<RegistryJob>(tree.client.get())); // the stale page has arrived too
        QVERIFY(!model.isLoading(registry));
        QVERIFY(told);
        QVERIFY(!model.error(registry));
        QVERIFY(model.findRepository(registry, QStringLiteral("fresh/one")).isValid());
        QVERIFY(!model.findRepository(registry, QStringLiteral("stale/one")).isValid());
        QCOMPARE(model.rowCount(registry), 2); // fresh, hello-world
        int catalogPages = 0;
        for (const auto &r : server.requests())
            catalogPages += r.path() == "/v2/_catalog";
        QCOMPARE(catalogPages, 2); // the stale page was asked for, and dropped

        model.refresh(registry); // a loaded tree: every repository comes back, once
        QVERIFY(QTest::qWaitFor([&] { return !model.isLoading(registry); }, 10000));
        QCOMPARE(model.rowCount(registry), 2);
    }

    void removingARepositoryPrunesEmptyFolders()
    {
        RepositoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QModelIndex registry = model.addRegistry(m_client.get(), QStringLiteral("emulator"));
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        const QModelIndex untagged
            = model.findRepository(registry, QStringLiteral("samples/untagged"));
        QVERIFY(untagged.isValid());
        const QPersistentModelIndex samples = untagged.parent();
        model.removeRepository(untagged);
        QVERIFY(!model.findRepository(registry, QStringLiteral("samples/untagged")).isValid());
        QVERIFY(!samples.isValid()); // its only repository gone, the folder goes too
    }

    void registryErrorIsVisibleAndRetryable()
    {
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        using Response = ScriptedServer::Response;
        server.addRoute("GET", QStringLiteral("/v2/_catalog"),
                        Response::json(200, R"({"repositories":["a","b/c"]})",
                                       {{"Link", R"(</v2/_catalog?last=b%2Fc&n=2>; rel="next")"}}));
        // (The second page asks for 4 times the first page's size.)
        server.addRoute("GET", QStringLiteral("/v2/_catalog?last=b%2Fc&n=8"),
                        Response::json(500, "{}"));
        server.addRoute("GET", QStringLiteral("/v2/_catalog?last=b%2Fc&n=8"),
                        Response::json(200, R"({"repositories":["b/c","d"]})"));
        TreeOf tree(server.url(), 2);
        RepositoryModel &model = tree.model;
        const QModelIndex registry = tree.addRegistry();
        QSignalSpy failed(&model, &RepositoryModel::loadFailed);
        fetchAll(&model, registry, [&] { return model.isLoading(registry); });
        QCOMPARE(failed.size(), 1);
        QVERIFY(model.error(registry).has_value());
        QVERIFY(!model.canFetchMore(registry)); // no endless loading
        QVERIFY(!model.isLoading(registry));
        QCOMPARE(model.rowCount(registry), 2); // what loaded stays
        model.retry(registry);
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        QVERIFY(!model.error(registry));
        QCOMPARE(model.rowCount(registry), 3); // a, b, d: nothing lost, nothing twice
        QCOMPARE(model.rowCount(model.findRepository(registry, QStringLiteral("b/c")).parent()),
                 1); // b/c, repeated on the retried page, shows once
    }

    // A catalog whose next link points back at a page already read: the tree stops with
    // PAGING_LOOP, as the tables do, instead of asking for the same page for ever.
    void repositoryTreeStopsAtAPagingLoop()
    {
        using Response = ScriptedServer::Response;
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        const QList<QPair<QByteArray, QByteArray>> again{
            {"Link", R"(</v2/_catalog?last=a&n=1>; rel="next")"}};
        server.addRoute("GET", QStringLiteral("/v2/_catalog?n=1"),
                        Response::json(200, R"({"repositories":["a"]})", again));
        server.addRoute("GET", QStringLiteral("/v2/_catalog?last=a&n=4"), // pages grow
                        Response::json(200, R"({"repositories":["b"]})", again));
        TreeOf tree(server.url(), 1);
        RepositoryModel &model = tree.model;
        const QModelIndex registry = tree.addRegistry();
        QSignalSpy failed(&model, &RepositoryModel::loadFailed);
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(model.error(registry)->code, ErrorCode::PagingLoop);
        QVERIFY(!model.canFetchMore(registry));
        QCOMPARE(model.rowCount(registry), 2); // a, b
    }

    // Pages grow: the first as small as asked (it paints at once), the second 4 times that,
    // then 10 times, whatever the registry's next link says (its n is replaced); and a page
    // the view asks for brings one more, asked as soon as it lands, and no further.
    void repositoryTreePagesGrowAndStayOnePageAhead()
    {
        // Without QAbstractItemModelTester: it calls fetchMore() itself on every change
        // (checkChildren), which is what this test must leave out. The other tree tests run
        // the same paging under it.
        RepositoryModel model;
        model.setPageSize(10);
        const QModelIndex registry = model.addRegistry(m_client.get(), QStringLiteral("emulator"));
        m_emu->clearRequests();
        model.fetchMore(registry); // as the view does when the registry is expanded
        QVERIFY(QTest::qWaitFor([&] { return !model.isLoading(registry); }, 10000));
        const QString catalog = QStringLiteral("/acr/v1/_catalog");
        QCOMPARE(pageSizesAsked(*m_emu, catalog), QList<int>({10, 40}));
        model.fetchMore(registry); // the user scrolled to the end
        QVERIFY(QTest::qWaitFor([&] { return !model.isLoading(registry); }, 10000));
        QCOMPARE(pageSizesAsked(*m_emu, catalog), QList<int>({10, 40, 100, 100}));
        QVERIFY(model.canFetchMore(registry)); // 250 of 230 bulk + the demo's repositories
    }

    void tagTablePagesGrow()
    {
        TagModel model;
        model.setPageSize(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_emu->clearRequests();
        model.setRepository(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QCOMPARE(model.rowCount(), 261); // latest, t00001 … t00260
        // 5 + 20 + 50 × 4 = 225, so the seventh page holds the last 36
        QCOMPARE(pageSizesAsked(*m_emu, QStringLiteral("/acr/v1/big/repo/_tags")),
                 QList<int>({5, 20, 50, 50, 50, 50, 50}));
    }

    // A table pages ahead of its view: opening it asks the first page, the one below the view
    // and, ahead, the one after that; scrolling to the end finds that one there and asks the
    // next two the same way. No page is asked twice.
    void aTablePagesAheadOfTheView()
    {
        // Without QAbstractItemModelTester: it calls fetchMore() itself on every change.
        TagModel model;
        model.setPageSize(5);
        m_emu->clearRequests();
        const QString tags = QStringLiteral("/acr/v1/big/repo/_tags");
        model.setRepository(m_client.get(), QStringLiteral("big/repo"));
        QTRY_COMPARE(pageSizesAsked(*m_emu, tags), QList<int>({5, 20, 50}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 25);
        model.fetchMore({}); // the user scrolled to the end
        QTRY_COMPARE(model.rowCount(), 125);
        QTRY_VERIFY(!model.isLoading());
        QTRY_COMPARE(pageSizesAsked(*m_emu, tags), QList<int>({5, 20, 50, 50, 50}));
        QCOMPARE(model.rowCount(), 125); // the fifth page waits in the client
    }

    // A page size the registry refused is not asked again: the client steps down once and
    // later (larger) pages stay at the size it took.
    void aRefusedPageSizeIsNotAskedAgain()
    {
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        QStringList names;
        for (int i = 0; i < 20; ++i)
            names << QStringLiteral("r%1").arg(i, 2, 10, QLatin1Char('0'));
        server.addRoute(
            "GET", QStringLiteral("/v2/_catalog"), [&](const ScriptedServer::Request &r) {
                const QUrlQuery query(QUrl::fromEncoded("http://x" + r.target));
                const int n = query.queryItemValue(QStringLiteral("n")).toInt();
                if (n > 3)
                    return ScriptedServer::Response::json(
                        400, R"({"errors":[{"code":"PAGINATION_NUMBER_INVALID","message":"n"}]})");
                const QString last = query.queryItemValue(QStringLiteral("last"));
                const qsizetype from = last.isEmpty() ? 0 : names.indexOf(last) + 1;
                const QStringList page = names.mid(from, n);
                QByteArray body = "{\"repositories\":[\""
                                  + page.join(QStringLiteral("\",\"")).toUtf8() + "\"]}";
                QList<QPair<QByteArray, QByteArray>> headers;
                if (from + n < names.size())
                    headers.append({"Link", "</v2/_catalog?last=" + page.last().toUtf8() + "&n="
                                                + QByteArray::number(n) + ">; rel=\"next\""});
                return ScriptedServer::Response::json(200, body, headers);
            });
        TreeOf tree(server.url(), 2);
        RepositoryModel &model = tree.model;
        const QModelIndex registry = tree.addRegistry();
        QVERIFY(fetchAll(&model, registry, [&] { return model.isLoading(registry); }));
        QVERIFY(!model.error(registry));
        QCOMPARE(model.rowCount(registry), 20);
        QList<int> refused;
        for (const auto &r : server.requests()) {
            const int n = QUrlQuery(QUrl::fromEncoded("http://x" + r.target))
                              .queryItemValue(QStringLiteral("n"))
                              .toInt();
            if (n > 3)
                refused << n;
        }
        QCOMPARE(refused, QList<int>({8, 4})); // 8 refused, then 4; never again
        QCOMPARE(tree.client->pageLimit(), 2);
    }

    void tagTablePagesWithoutDuplicates()
    {
        TagModel model;
        model.setPageSize(40);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        const auto all
            = await(m_client->listTags(QStringLiteral("big/repo"),
                                       {.pageSize = 1000, .orderBy = OrderBy::None, .digest = {}}));
        BERTH_VERIFY_OK(all);
        QVERIFY(all->size() >= 260);
        QCOMPARE(model.rowCount(), all->size());
        QSet<QString> names;
        for (int r = 0; r < model.rowCount(); ++r)
            names.insert(model.index(r, TagModel::Name).data().toString());
        QCOMPARE(names.size(), all->size()); // no row twice
    }

    void tagSortByTimeAsksTheServer()
    {
        TagModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(m_client.get(), QStringLiteral("hello-world"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        m_emu->clearRequests();
        model.sort(TagModel::Updated, Qt::DescendingOrder);
        QCOMPARE(model.orderBy(), OrderBy::TimeDesc);
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        bool asked = false;
        for (const auto &r : m_emu->requests())
            asked |= r.query.contains(u"orderby=timedesc");
        QVERIFY(asked);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.tagAt(r - 1).lastUpdateTime >= model.tagAt(r).lastUpdateTime);
        model.sort(TagModel::Name, Qt::AscendingOrder); // the server's own order again
        QCOMPARE(model.orderBy(), OrderBy::None);
        QCOMPARE(model.headerData(TagModel::Updated, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Last updated"));
    }

    void tagDetailsAndInPlaceUpdates()
    {
        TagModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        // A view that showed the rows before their details came hears of the details.
        bool shownWithout = false;
        bool told = false;
        connect(&model, &QAbstractItemModel::rowsInserted, &model, [&](auto, int first, int last) {
            for (int r = first; r <= last; ++r)
                shownWithout |= model.index(r, TagModel::Platforms).data().toString().isEmpty();
        });
        connect(&model, &QAbstractItemModel::dataChanged, &model,
                [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    told |= topLeft.column() <= TagModel::Platforms
                            && bottomRight.column() >= TagModel::Platforms;
                });
        model.setRepository(m_client.get(), QStringLiteral("team/app/api"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        const int row = model.rowOfTag(QStringLiteral("1.0"));
        QVERIFY(row >= 0);
        // The index's platforms arrive from the manifest list.
        QVERIFY(QTest::qWaitFor(
            [&] { return !model.index(row, TagModel::Platforms).data().toString().isEmpty(); },
            10000));
        QVERIFY(told || !shownWithout);
        QVERIFY(model.index(row, TagModel::Platforms).data().toString().contains(u"linux/arm64"));

        TagInfo changed = model.tagAt(row);
        changed.attributes.writeEnabled = false;
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        model.updateTag(changed);
        QCOMPARE(dataChanged.size(), 1);
        QCOMPARE(model.index(row, TagModel::WriteEnabled).data(Roles::LockState).toBool(), false);
        const int before = model.rowCount();
        model.removeTag(QStringLiteral("1.0"));
        QCOMPARE(model.rowCount(), before - 1);
        QCOMPARE(model.rowOfTag(QStringLiteral("1.0")), -1);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowOfTag(model.tagAt(r).name), r); // the rows after it moved up

        ChangeableAttributes locked;
        locked.writeEnabled = false;
        dataChanged.clear();
        model.setRepositoryAttributes(locked);
        QCOMPARE(dataChanged.size(), 1); // the views repaint the lock cells
        QCOMPARE(dataChanged.first().at(0).toModelIndex().column(), int(TagModel::WriteEnabled));
        QVERIFY(model.index(0, TagModel::WriteEnabled).data(Roles::InheritedLock).toBool());
    }

    void switchingRepositoryDropsLatePages()
    {
        TagModel model;
        model.setPageSize(10);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(m_client.get(), QStringLiteral("big/repo")); // first page in flight
        model.setRepository(m_client.get(), QStringLiteral("hello-world"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(waitForJobsToEnd<RegistryJob>(
            m_client.get())); // the late big/repo page has arrived too
        const auto hello = await(m_client->listTags(QStringLiteral("hello-world")));
        BERTH_VERIFY_OK(hello);
        QStringList names;
        for (int r = 0; r < model.rowCount(); ++r)
            names << model.tagAt(r).name;
        QStringList expected;
        for (const TagInfo &tag : *hello)
            expected << tag.name;
        names.sort();
        expected.sort();
        QCOMPARE(names, expected); // hello-world's tags, none of big/repo's t00001…
    }

    // Clearing the table (no repository) while a page loads: the page is dropped and the
    // model stops loading at once, for both paged tables.
    void clearingWhileAPageLoadsDropsIt_data() { addBoolRows("manifests", "tags", "manifests"); }
    void clearingWhileAPageLoadsDropsIt()
    {
        QFETCH(bool, manifests);
        EitherTable table(manifests);
        PagedTableModel *model = table.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loading(model, &PagedTableModel::loadingChanged);
        table.show(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(model->isLoading());
        table.show(nullptr, {});
        QVERIFY(!model->isLoading());
        QCOMPARE(loading.last().at(0).toBool(), false); // the status bar hears it
        QVERIFY(!model->canFetchMore({}));
        QVERIFY(waitForJobsToEnd<RegistryJob>(m_client.get())); // the page has arrived
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->isLoading());
        QVERIFY(!model->hasError());
    }

    // The registry is removed (its client destroyed) while a page loads: the job dies with
    // the client and ends ABORTED, so the table stops loading — no "Loading…" left behind —
    // and shows no error: nobody cancelled anything the user could retry.
    void clientGoneWhileAPageLoadsEndsTheLoad_data() { clearingWhileAPageLoadsDropsIt_data(); }
    void clientGoneWhileAPageLoadsEndsTheLoad()
    {
        QFETCH(bool, manifests);
        EitherTable table(manifests);
        PagedTableModel *model = table.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        table.show(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(model->isLoading());
        QSignalSpy failed(model, &PagedTableModel::loadFailed);
        m_client.reset();
        QVERIFY(!model->isLoading());
        QVERIFY(!model->hasError());
        QVERIFY(failed.isEmpty());
    }

    // A view (here the tester) asks for the first page while the model resets: the model
    // must not ask for it a second time.
    void reloadAsksForTheFirstPageOnce()
    {
        TagModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_emu->clearRequests();
        model.setRepository(m_client.get(), QStringLiteral("hello-world"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        int firstPages = 0;
        for (const auto &r : m_emu->requests())
            firstPages += r.path == u"/acr/v1/hello-world/_tags" && !r.query.contains(u"last=")
                          && r.status == 200;
        QCOMPARE(firstPages, 1);
    }

    // A registry that invents a new next page for ever, or points back at a page: the
    // filter's loading-while-filtering ends with an error instead of going on.
    void filteringAnEndlessListingStops_data()
    {
        addBoolRows("loop", "new pages for ever", "link back to a page read");
    }
    void filteringAnEndlessListingStops()
    {
        QFETCH(bool, loop);
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        int served = 0;
        // An ACR-style registry: the table asks for each page itself.
        server.addRoute("GET", QStringLiteral("/acr/v1/_catalog"),
                        ScriptedServer::Response::json(200, R"({"repositories":["endless"]})"));
        addNoManifests(server, "endless");
        server.addRoute(
            "GET", QStringLiteral("/acr/v1/endless/_tags"),
            [&served, loop](const ScriptedServer::Request &) {
                ++served;
                const QByteArray n = QByteArray::number(loop ? served % 3 : served);
                const QByteArray tag
                    = "{\"name\":\"t" + n + "\",\"digest\":\"sha256:" + QByteArray(64, '1')
                      + "\",\"createdTime\":" + "\"2024-05-01T10:00:00Z\",\"lastUpdateTime\":"
                      + "\"2024-05-01T10:00:00Z\",\"changeableAttributes\":{}}";
                return ScriptedServer::Response::json(
                    200, "{\"registry\":\"r\",\"imageName\":\"endless\",\"tags\":[" + tag + "]}",
                    {{"Link", "</acr/v1/endless/_tags?last=t" + n + "&n=1>; rel=\"next\""}});
            });
        auto client = makeClient(server.url());
        TagModel tags;
        tags.setPageSize(1);
        tags.setMaxPages(20);
        TagFilterModel filter;
        filter.setSourceModel(&tags);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy failed(&tags, &PagedTableModel::loadFailed);
        tags.setRepository(client.get(), QStringLiteral("endless"));
        filter.setFilterText(QStringLiteral("no such tag"));
        QVERIFY(failed.wait(20000));
        QCOMPARE(tags.error().code, loop ? ErrorCode::PagingLoop : ErrorCode::TooManyPages);
        QVERIFY(!tags.isLoading());
        QVERIFY(served <= 21); // 20 pages, and the one the last of them asked ahead
    }

    // The manifest list that gives the tag table its sizes and platforms is read to its end
    // in the background: a registry whose next link points back at a page already read stops
    // it instead of keeping it asking for ever.
    void manifestDetailsStopAtALinkBack()
    {
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        int served = 0;
        server.addRoute("GET", QStringLiteral("/acr/v1/_catalog"),
                        ScriptedServer::Response::json(200, R"({"repositories":["circle"]})"));
        server.addRoute("GET", QStringLiteral("/acr/v1/circle/_tags"),
                        ScriptedServer::Response::json(
                            200, R"({"registry":"r","imageName":"circle","tags":[]})"));
        server.addRoute(
            "GET", QStringLiteral("/acr/v1/circle/_manifests"),
            [&served](const ScriptedServer::Request &) {
                ++served;
                const QByteArray n = QByteArray::number(served % 3); // m1, m2, m0, m1, ...
                const QByteArray manifest
                    = "{\"digest\":\"sha256:" + QByteArray(63, '1') + n
                      + "\",\"imageSize\":1,\"createdTime\":\"2024-05-01T10:00:00Z\","
                      + "\"lastUpdateTime\":\"2024-05-01T10:00:00Z\",\"changeableAttributes\":{}}";
                return ScriptedServer::Response::json(
                    200,
                    "{\"registry\":\"r\",\"imageName\":\"circle\",\"manifests\":[" + manifest
                        + "]}",
                    {{"Link", "</acr/v1/circle/_manifests?last=m" + n + "&n=1000>; rel=\"next\""}});
            });
        auto client = makeClient(server.url());
        TagModel tags;
        QAbstractItemModelTester tester(&tags,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        tags.setRepository(client.get(), QStringLiteral("circle"));
        QTRY_VERIFY_WITH_TIMEOUT(tags.isComplete() && !tags.isLoading(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!tags.isLoadingDetails(), 10000);
        // Pages m1, m2, m0, then m1 again: not followed (one more may have been asked ahead).
        QVERIFY2(served >= 4 && served <= 5, qPrintable(QString::number(served)));
    }

    void manifestTableListsUntagged()
    {
        ManifestModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(m_client.get(), QStringLiteral("samples/untagged"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(model.rowCount() >= 2);
        bool untagged = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            untagged |= model.manifestAt(r).tags.isEmpty();
            // The proxy sorts sizes by bytes, as in the tag table, not by their text.
            QCOMPARE(model.index(r, ManifestModel::Size).data(Qt::UserRole).toLongLong(),
                     model.manifestAt(r).imageSize);
        }
        QVERIFY(untagged);
    }

    void filterKeepsLoadingAndSendsTimeSortsToTheServer()
    {
        TagModel tags;
        tags.setPageSize(50);
        TagFilterModel filter;
        filter.setSourceModel(&tags);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        tags.setRepository(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(QTest::qWaitFor([&] { return tags.rowCount() > 0 && !tags.isLoading(); }, 10000));
        QVERIFY(!tags.isComplete());                   // only the first page so far
        filter.setFilterText(QStringLiteral("T0025")); // case-insensitive
        // The filter pulls every page, so matches beyond the first page are found.
        QVERIFY(QTest::qWaitFor([&] { return tags.isComplete() && !tags.isLoading(); }, 20000));
        QVERIFY(filter.rowCount() >= 1);
        for (int r = 0; r < filter.rowCount(); ++r)
            QVERIFY(filter.index(r, TagModel::Name)
                        .data()
                        .toString()
                        .contains(u"t0025", Qt::CaseInsensitive));
        filter.setFilterText({});
        QCOMPARE(filter.rowCount(), tags.rowCount());

        m_emu->clearRequests();
        filter.sort(TagModel::Created, Qt::DescendingOrder);
        QCOMPARE(tags.orderBy(), OrderBy::TimeDesc);
        QVERIFY(QTest::qWaitFor([&] { return tags.rowCount() > 0 && !tags.isLoading(); }, 10000));
        bool asked = false;
        for (const auto &r : m_emu->requests())
            asked |= r.query.contains(u"orderby=timedesc");
        QVERIFY(asked);
    }

    void tagTableSurvivesGarbageAndStalls()
    {
        using Response = ScriptedServer::Response;
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        server.addRoute("GET", QStringLiteral("/v2/garbage/tags/list"),
                        Response::json(200, "{\"tags\": [1, "));
        server.addRoute("GET", QStringLiteral("/v2/stall/tags/list"), Response::stall());
        auto client = makeClient(server.url(), {}, {}, 1000);

        for (const QString &repo : {QStringLiteral("garbage"), QStringLiteral("stall")}) {
            TagModel model;
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::Fatal);
            QSignalSpy failed(&model, &PagedTableModel::loadFailed);
            model.setRepository(client.get(), repo);
            QVERIFY(failed.wait(15000));
            QCOMPARE(model.error().code,
                     repo == u"garbage" ? ErrorCode::InvalidResponse : ErrorCode::Timeout);
            QVERIFY(!model.isLoading()); // no endless "loading"
            QCOMPARE(model.rowCount(), 0);
            QVERIFY(!model.canFetchMore({}));
        }
    }

    void tagTableErrorIsVisible()
    {
        TagModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy failed(&model, &PagedTableModel::loadFailed);
        model.setRepository(m_client.get(), QStringLiteral("no/such/repo"));
        QVERIFY(failed.wait(10000));
        QVERIFY(model.hasError());
        QCOMPARE(model.error().code, ErrorCode::NameUnknown);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.canFetchMore({}));

        model.setRepository(m_client.get(), QStringLiteral("hello-world")); // the error goes
        QVERIFY(!model.hasError());
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(!model.hasError());
        QVERIFY(model.rowCount() > 0);
    }

    // A reload starts again from the first page and may follow the same links again.
    void reloadStartsFromTheFirstPage()
    {
        TagModel model;
        model.setPageSize(20); // 20, then 80 ahead: 100 of 260
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(m_client.get(), QStringLiteral("big/repo"));
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() > 0 && !model.isLoading(); }, 10000));
        QVERIFY(!model.isComplete()); // a next link in hand
        const QString first = model.tagAt(0).name;
        model.reload();
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() > 0 && !model.isLoading(); }, 10000));
        QCOMPARE(model.tagAt(0).name, first);
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        const int all = model.rowCount();
        model.reload(); // every link followed once already
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(!model.hasError());
        QCOMPARE(model.rowCount(), all);
    }

    // A tag repeated within a page or across pages shows once; a failed page is asked again
    // on retry(); an empty page ends the listing even with a next link.
    void tagTableKeepsEachTagOnceAndRetries()
    {
        using Response = ScriptedServer::Response;
        ScriptedServer server;
        QVERIFY(listenAsRegistry(server));
        server.addRoute("GET", QStringLiteral("/acr/v1/_catalog"),
                        Response::json(200, R"({"repositories":["r"]})"));
        auto page = [](const QList<QByteArray> &names, const QByteArray &last) {
            QByteArrayList tags;
            for (const QByteArray &name : names)
                tags << "{\"name\":\"" + name + "\",\"digest\":\"sha256:" + QByteArray(64, '1')
                            + "\"}";
            return Response::json(
                200, "{\"registry\":\"r\",\"imageName\":\"r\",\"tags\":[" + tags.join(',') + "]}",
                {{"Link", "</acr/v1/r/_tags?last=" + last + "&n=2>; rel=\"next\""}});
        };
        addNoManifests(server, "r");
        server.addRoute("GET", QStringLiteral("/acr/v1/r/_tags"), page({"a", "b", "b"}, "b"));
        // (Pages grow: the second asks for 8, the third for 20.)
        server.addRoute("GET", QStringLiteral("/acr/v1/r/_tags?last=b&n=8"),
                        Response::json(400, "{}"));
        server.addRoute("GET", QStringLiteral("/acr/v1/r/_tags?last=b&n=8"), page({"b", "c"}, "c"));
        server.addRoute("GET", QStringLiteral("/acr/v1/r/_tags?last=c&n=20"), page({}, "z"));
        auto client = makeClient(server.url());
        TagModel model;
        model.setPageSize(2);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRepository(client.get(), QStringLiteral("r"));
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(model.hasError()); // the second page
        QCOMPARE(model.rowCount(), 2);
        model.retry();
        QVERIFY(fetchAll(&model, {}, [&] { return model.isLoading(); }));
        QVERIFY(!model.hasError());
        QVERIFY(model.isComplete());
        QStringList names;
        for (int r = 0; r < model.rowCount(); ++r)
            names << model.tagAt(r).name;
        QCOMPARE(names,
                 QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        // Not followed after the empty page: at most the one request asked ahead from its
        // headers, before it was parsed, and that one dropped.
        int afterEmpty = 0;
        for (const auto &r : server.requests())
            afterEmpty += r.target.contains("last=z");
        QVERIFY(afterEmpty <= 1);
        QCOMPARE(client->readAhead().size(), 0);
    }
};

QTEST_MAIN(tst_Models)
#include "tst_models.moc"
