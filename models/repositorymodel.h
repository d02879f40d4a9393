#pragma once

#include "cleanup/retention.h"
#include "core/attributes.h"
#include "models/repositorysizer.h"
#include "registry/registryclient.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

namespace Berth {

// The tree on the left: registry -> namespace folders ("team/app/api" nests as team > app
// > api) -> repositories. A registry's repositories load a page at a time through
// canFetchMore/fetchMore on the registry's row, growing (the first page small, later ones
// larger) and one page ahead of the view (a page it asked for is followed by one more); each
// page is inserted in one batch per parent. Repository details (tag and manifest counts, locks)
// load on request, and so do sizes (loadSizes, RepositorySizer); a registry's row totals their
// unique blobs. Each registry pages on its own PagingState: a refresh or removal drops replies
// still on their way, and a next link that loops or never ends stops with an error as the
// tables' do.
// sort() orders each folder's children (folders and repositories; the registries keep their
// order) and keeps them so: a page lands in place, and counts and sizes that arrive later move
// their rows (gathered, one layout change at most every ResortDelayMs), persistent indexes
// (selection, open folders) following. A row without the value sorts after those with one,
// in either order; ties by name.
class RepositoryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Tags, Manifests, Size, ColumnCount = Size + 1 };
    enum class Kind { Registry, Folder, Repository };

    explicit RepositoryModel(QObject *parent = nullptr);
    ~RepositoryModel() override;

    // The model does not own the client; it must outlive the registry's row.
    QModelIndex addRegistry(RegistryClient *client, const QString &displayName);
    void removeRegistry(const QModelIndex &registry);
    void refresh(const QModelIndex &registry);
    void retry(const QModelIndex &registry);
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

    Kind kind(const QModelIndex &index) const;
    RegistryClient *client(const QModelIndex &index) const; // of the item's registry
    QString repositoryPath(const QModelIndex &index) const; // "team/app/api"; folders: the prefix
    QModelIndex registryOf(const QModelIndex &index) const;
    // The row of `client`'s registry; invalid when the client is not in the tree.
    QModelIndex registryIndex(const RegistryClient *client) const;
    QModelIndex findRepository(const QModelIndex &registry, const QString &path) const;
    std::optional<RepositoryInfo> details(const QModelIndex &index) const;
    bool isLoading(const QModelIndex &registry) const;
    std::optional<RegistryError> error(const QModelIndex &registry) const;

    // Loads a repository's attributes (counts, locks) unless known or on the way.
    void loadDetails(const QModelIndex &repository);
    void setDetails(const QModelIndex &repository, const RepositoryInfo &info);
    // Sizes these repositories unless known (in the background; what was asked before and
    // has not started is dropped). Where manifest contents come from and are kept:
    void loadSizes(const QModelIndexList &repositories);
    void setSizeCache(std::shared_ptr<ManifestCache> cache) { m_sizer.setCache(std::move(cache)); }
    std::optional<RepositorySize> size(const QModelIndex &repository) const;
    // The registry's total: the unique blobs of the repositories sized (a layer that several
    // repositories share counts once) and whether that is all of them.
    struct Total
    {
        qint64 bytes = 0;
        int blobs = 0;
        int sized = 0;
        int repositories = 0; // in the tree so far
        bool complete = false;
    };
    Total total(const QModelIndex &registry) const;
    // Size All (repositorymodel_sizeall.cpp): pages the registry's whole catalog and sizes
    // every repository in the background, after the ones asked for by loadSizes and with the
    // same bound on scans, until each has a size or an error (then the total is exact, unless
    // a repository failed or paging stopped with an error), stopSizingAll(), or a refresh.
    // sizingAllChanged() says when it starts, moves on and ends.
    void sizeAll(const QModelIndex &registry);
    void stopSizingAll(const QModelIndex &registry);
    struct SizeAllProgress
    {
        bool running = false;
        int ended = 0;        // repositories sized or failed
        int repositories = 0; // in the tree so far
        bool listed = false;  // the whole catalog is in the tree
    };
    SizeAllProgress sizeAllProgress(const QModelIndex &registry) const;
    // Whether scans of the registry's repositories run or wait (Size All or those in sight).
    bool isSizing(const QModelIndex &registry) const;
    // After a delete: drops the repository and any folder left empty.
    void removeRepository(const QModelIndex &repository);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static constexpr int ResortDelayMs = 250;

Q_SIGNALS:
    void loadFailed(const QModelIndex &registry, const Berth::RegistryError &error);
    void loadingChanged(const QModelIndex &registry, bool loading);
    void sizingAllChanged(const QModelIndex &registry);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = 0) const;
    Node *registryNode(quint64 id) const;
    // Returns the paths of the repositories new to the tree.
    QStringList insertPage(Node *registry, const QStringList &names);
    // Asks for the registry's next page (its size grows, PagingState::nextPageSize);
    // `thenPrefetch`: when it lands, ask for one more.
    void requestPage(Node *registry, bool thenPrefetch);
    void setFetching(Node *registry, bool fetching);
    void announceFetching(Node *registry);
    void sized(const RepositorySizer::Target &target,
               const RepositorySize &size,
               const QHash<QString, qint64> &blobs,
               const QString &error);
    // Adds `repo`'s blobs to its registry's total (a blob already there is not added twice),
    // or takes them out again.
    static void countBlobs(Node *registry, Node *repo, const QHash<QString, qint64> &blobs);
    static void uncountBlobs(Node *registry, Node *repo);
    // Size All: queues these repositories (paths) of `registry` unless already sized; after a
    // page, a size or a removal: says how far it is, and ends it when every repository ended.
    void sizeInBackground(Node *registry, const QStringList &paths);
    void updateSizingAll(Node *registry);
    void endSizingAll(Node *registry);
    QVariant countData(const Node *node, int column, int role) const;
    qint64 countValue(const Node *node, int column) const; // -1: none
    // Sorting (repositorymodel_sort.cpp): whether `a` goes before `b` in the current order.
    bool lessThan(const Node *a, const Node *b) const;
    bool isSorted(const Node *parent) const; // its children, and theirs
    void sortChildren(Node *parent);
    // Puts every folder's children in order: one layout change, none when all are in order.
    void resort();
    // After a count or size changed: resort() soon, when the order depends on counts.
    void scheduleResort();

    std::vector<std::unique_ptr<Node>> m_registries;
    int m_pageSize = 100;
    quint64 m_nextId = 1;
    RepositorySizer m_sizer;
    int m_sortColumn = -1; // -1: as the catalog lists them
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QTimer m_resortTimer;
};

} // namespace Berth
