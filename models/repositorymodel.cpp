#include "models/repositorymodel.h"

#include "models/lockcolumns.h"
#include "models/repositorymodel_p.h"

#include <QIcon>
#include <QSet>

namespace Berth {

namespace {
// Built once, on first use (views ask on the GUI thread), and deliberately never destroyed
// (an icon must not outlive the application). A tree view asks for the icon of every row it
// paints or measures, and building one resolves the theme and reads the fallback file: that
// was most of the tree's time with 20,000 repositories (bench/README.md).
const QIcon &kindIcon(RepositoryModel::Kind kind)
{
    static const QIcon *const registry = new QIcon(QIcon::fromTheme(
        QStringLiteral("network-server"), QIcon(QStringLiteral(":/berth/icons/registry.svg"))));
    static const QIcon *const folder = new QIcon(QIcon::fromTheme(
        QStringLiteral("folder"), QIcon(QStringLiteral(":/berth/icons/folder.svg"))));
    static const QIcon *const repository
        = new QIcon(QIcon::fromTheme(QStringLiteral("package-x-generic"),
                                     QIcon(QStringLiteral(":/berth/icons/repository.svg"))));
    switch (kind) {
    case RepositoryModel::Kind::Registry:
        return *registry;
    case RepositoryModel::Kind::Folder:
        return *folder;
    case RepositoryModel::Kind::Repository:
        break;
    }
    return *repository;
}
} // namespace

RepositoryModel::RepositoryModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    connect(&m_sizer, &RepositorySizer::sized, this, &RepositoryModel::sized);
    m_resortTimer.setSingleShot(true);
    m_resortTimer.setInterval(ResortDelayMs);
    connect(&m_resortTimer, &QTimer::timeout, this, &RepositoryModel::resort);
}

RepositoryModel::~RepositoryModel() = default;

RepositoryModel::Node *RepositoryModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex RepositoryModel::indexOf(Node *node, int column) const
{
    return node ? createIndex(node->row, column, node) : QModelIndex();
}

RepositoryModel::Node *RepositoryModel::registryNode(quint64 id) const
{
    for (const auto &r : m_registries) {
        if (r->id == id)
            return r.get();
    }
    return nullptr;
}

QModelIndex RepositoryModel::addRegistry(RegistryClient *client, const QString &displayName)
{
    auto node = std::make_unique<Node>();
    node->kind = Kind::Registry;
    node->name = displayName;
    node->client = client;
    node->paging.hasMore = true; // the first page is still to come
    node->id = m_nextId++;
    node->row = int(m_registries.size());
    beginInsertRows({}, node->row, node->row);
    m_registries.push_back(std::move(node));
    endInsertRows();
    return indexOf(m_registries.back().get());
}

void RepositoryModel::removeRegistry(const QModelIndex &registry)
{
    Node *node = nodeOf(registry);
    if (!node || node->kind != Kind::Registry)
        return;
    const int row = node->row;
    m_sizer.forget(node->id);
    beginRemoveRows({}, row, row);
    m_registries.erase(m_registries.begin() + row);
    for (size_t i = 0; i < m_registries.size(); ++i)
        m_registries[i]->row = int(i);
    endRemoveRows();
}

void RepositoryModel::refresh(const QModelIndex &registry)
{
    Node *node = nodeOf(registry);
    if (!node || node->kind != Kind::Registry)
        return;
    if (!node->children.empty()) {
        beginRemoveRows(registry, 0, int(node->children.size()) - 1);
        node->children.clear();
        node->folders.clear();
        node->known.clear();
        node->blobs.clear();
        node->sizedBytes = 0;
        node->sizedCount = 0;
        node->sizeFailedCount = 0;
        endRemoveRows();
    }
    m_sizer.forget(node->id);
    if (node->sizingAll) {
        node->sizingAll = false;
        Q_EMIT sizingAllChanged(registry);
    }
    const bool wasFetching = node->paging.fetching;
    node->paging.restart(true); // replies still on their way are dropped
    if (wasFetching)
        announceFetching(node);
    fetchMore(registry);
}

void RepositoryModel::retry(const QModelIndex &registry)
{
    Node *node = nodeOf(registry);
    if (!node || node->kind != Kind::Registry || !node->paging.error)
        return;
    node->paging.error.reset();
    fetchMore(registry);
}

bool RepositoryModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return node && node->kind == Kind::Registry && node->client && node->paging.canFetch();
}

void RepositoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(nodeOf(parent), true);
}

void RepositoryModel::requestPage(Node *node, bool thenPrefetch)
{
    setFetching(node, true);
    const quint64 id = node->id;
    const quint64 generation = node->paging.generation;
    Job<Page<QString>> *job
        = node->client->repositoryPage(node->paging.nextPageSize(m_pageSize), node->paging.next);
    connect(job, &RegistryJob::finished, this, [this, job, id, generation, thenPrefetch] {
        Node *registry = registryNode(id);
        if (!registry || !registry->paging.isCurrent(generation))
            return; // removed or refreshed meanwhile
        const Result<Page<QString>> &page = job->result();
        std::optional<RegistryError> error;
        if (page) {
            const QStringList added = insertPage(registry, page->items);
            if (registry->sizingAll)
                sizeInBackground(registry, added);
            error = registry->paging.follow(page->next, int(page->items.size()));
        } else {
            error = page.error();
        }
        registry->paging.error = error;
        setFetching(registry, false);
        if (error)
            Q_EMIT loadFailed(indexOf(registry), *error);
        else if ((thenPrefetch || registry->sizingAll) && registry->client
                 && registry->paging.canFetch())
            requestPage(registry, false); // the rows below the view's end, before it gets there
        updateSizingAll(registry);        // Size All pages on to the end
    });
}

void RepositoryModel::setFetching(Node *registry, bool fetching)
{
    if (registry->paging.fetching == fetching)
        return;
    registry->paging.fetching = fetching;
    announceFetching(registry);
}

void RepositoryModel::announceFetching(Node *registry)
{
    const QModelIndex index = indexOf(registry);
    Q_EMIT dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
    Q_EMIT loadingChanged(index, registry->paging.fetching);
}

QStringList RepositoryModel::insertPage(Node *registry, const QStringList &names)
{
    QStringList added;
    // New children of nodes already in the tree, per parent, in arrival order. Nodes created
    // in this page take their own new children directly: they enter the tree with them.
    std::vector<std::pair<Node *, std::vector<std::unique_ptr<Node>>>> pending;
    QSet<Node *> fresh;
    auto addChild = [&](Node *parent, std::unique_ptr<Node> child) -> Node * {
        Node *raw = child.get();
        raw->parent = parent;
        fresh.insert(raw);
        if (fresh.contains(parent)) {
            parent->adopt(std::move(child));
            return raw;
        }
        auto it = std::find_if(pending.begin(), pending.end(),
                               [parent](const auto &p) { return p.first == parent; });
        if (it == pending.end()) {
            pending.emplace_back(parent, std::vector<std::unique_ptr<Node>>{});
            it = std::prev(pending.end());
        }
        it->second.push_back(std::move(child));
        return raw;
    };
    for (const QString &name : names) {
        if (name.isEmpty() || registry->known.contains(name))
            continue; // a name repeated across pages shows once
        registry->known.insert(name);
        added << name;
        const QStringList segments = name.split(u'/');
        Node *parent = registry;
        for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
            Node *folder = parent->folders.value(segments.at(i));
            if (!folder) {
                auto node = std::make_unique<Node>();
                node->kind = Kind::Folder;
                node->name = segments.at(i);
                node->path = segments.mid(0, i + 1).join(u'/');
                folder = addChild(parent, std::move(node));
                parent->folders.insert(folder->name, folder);
            }
            parent = folder;
        }
        auto repo = std::make_unique<Node>();
        repo->kind = Kind::Repository;
        repo->name = segments.last();
        repo->path = name;
        addChild(parent, std::move(repo));
    }
    for (auto &[parent, children] : pending) {
        const int first = int(parent->children.size());
        beginInsertRows(indexOf(parent), first, first + int(children.size()) - 1);
        for (auto &child : children)
            parent->adopt(std::move(child));
        endInsertRows();
    }
    resort(); // the page's rows in their places
    return added;
}

RepositoryModel::Kind RepositoryModel::kind(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->kind : Kind::Registry;
}

QModelIndex RepositoryModel::registryOf(const QModelIndex &index) const
{
    Node *node = nodeOf(index);
    while (node && node->parent)
        node = node->parent;
    return indexOf(node);
}

QModelIndex RepositoryModel::registryIndex(const RegistryClient *client) const
{
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex registry = index(row, 0);
        if (this->client(registry) == client)
            return registry;
    }
    return {};
}

RegistryClient *RepositoryModel::client(const QModelIndex &index) const
{
    const Node *registry = nodeOf(registryOf(index));
    return registry ? registry->client.data() : nullptr;
}

QString RepositoryModel::repositoryPath(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->path : QString();
}

QModelIndex RepositoryModel::findRepository(const QModelIndex &registry, const QString &path) const
{
    Node *node = nodeOf(registry);
    if (!node)
        return {};
    const QStringList segments = path.split(u'/');
    for (qsizetype i = 0; i + 1 < segments.size() && node; ++i)
        node = node->folders.value(segments.at(i));
    if (!node)
        return {};
    for (const auto &child : node->children) {
        if (child->kind == Kind::Repository && child->path == path)
            return indexOf(child.get());
    }
    return {};
}

std::optional<RepositoryInfo> RepositoryModel::details(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->info : std::nullopt;
}

bool RepositoryModel::isLoading(const QModelIndex &registry) const
{
    const Node *node = nodeOf(registry);
    return node && node->paging.fetching;
}

std::optional<RegistryError> RepositoryModel::error(const QModelIndex &registry) const
{
    const Node *node = nodeOf(registry);
    return node ? node->paging.error : std::nullopt;
}

void RepositoryModel::loadDetails(const QModelIndex &repository)
{
    Node *node = nodeOf(repository);
    RegistryClient *c = client(repository);
    if (!node || !c || node->kind != Kind::Repository || node->info || node->detailsLoading)
        return;
    node->detailsLoading = true;
    const quint64 id = nodeOf(registryOf(repository))->id;
    const quint64 generation = nodeOf(registryOf(repository))->paging.generation;
    const QString path = node->path;
    Job<RepositoryInfo> *job = c->getRepository(path);
    connect(job, &RegistryJob::finished, this, [this, job, id, generation, path] {
        Node *registry = registryNode(id);
        if (!registry || !registry->paging.isCurrent(generation))
            return;
        const QModelIndex index = findRepository(indexOf(registry), path);
        Node *repo = nodeOf(index);
        if (!repo)
            return;
        repo->detailsLoading = false;
        if (job->result())
            repo->info = *job->result();
        Q_EMIT dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
        scheduleResort();
    });
}

void RepositoryModel::setDetails(const QModelIndex &repository, const RepositoryInfo &info)
{
    Node *node = nodeOf(repository);
    if (!node || node->kind != Kind::Repository)
        return;
    node->info = info;
    Q_EMIT dataChanged(repository.siblingAtColumn(0), repository.siblingAtColumn(ColumnCount - 1));
    scheduleResort();
}

void RepositoryModel::removeRepository(const QModelIndex &repository)
{
    Node *node = nodeOf(repository);
    if (!node || node->kind == Kind::Registry)
        return;
    Node *registry = nodeOf(registryOf(repository));
    registry->known.remove(node->path);
    if (node->size)
        uncountBlobs(registry, node);
    else if (!node->sizeError.isEmpty())
        --registry->sizeFailedCount;
    // Climb while the parent folder would be left empty.
    while (node->parent && node->parent->kind == Kind::Folder && node->parent->children.size() == 1)
        node = node->parent;
    Node *parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexOf(parent), row, row);
    if (node->kind == Kind::Folder)
        parent->folders.remove(node->name);
    parent->children.erase(parent->children.begin() + row);
    parent->renumber();
    endRemoveRows();
    updateSizingAll(registry);
}

QModelIndex RepositoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount
        || (parent.isValid() && parent.column() != 0))
        return {};
    if (!parent.isValid())
        return row < int(m_registries.size()) ? createIndex(row, column, m_registries[row].get())
                                              : QModelIndex();
    const Node *node = nodeOf(parent);
    return row < int(node->children.size()) ? createIndex(row, column, node->children[row].get())
                                            : QModelIndex();
}

QModelIndex RepositoryModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int RepositoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_registries.size());
    if (parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RepositoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool RepositoryModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_registries.empty();
    if (parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    switch (node->kind) {
    case Kind::Registry:
        return !node->children.empty() || node->paging.hasMore;
    case Kind::Folder:
        return true;
    case Kind::Repository:
        return false;
    }
    return false;
}

QVariant RepositoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Roles::Kind:
        return int(node->kind);
    case Roles::Name:
        return node->kind == Kind::Registry ? node->name : node->path;
    case Roles::Busy:
        return node->kind == Kind::Registry ? node->paging.fetching : node->detailsLoading;
    case Roles::Error:
        return node->paging.error ? node->paging.error->toString() : QString();
    default:
        break;
    }
    if (index.column() == Name) {
        if (role == Qt::DisplayRole)
            return node->name;
        // A repository with locks of its own says so: a lock for its icon, the locks named.
        const QString locks = node->info ? repositoryLocksText(node->info->attributes) : QString();
        if (role == Qt::ToolTipRole) {
            if (node->kind == Kind::Registry)
                return node->paging.error
                           ? node->paging.error->toString()
                           : (node->client ? node->client->registry().toString() : QString());
            if (!locks.isEmpty())
                return tr("%1\nLocked: %2 disabled for everything in it").arg(node->path, locks);
            return node->path;
        }
        if (role == Qt::DecorationRole)
            return locks.isEmpty() ? kindIcon(node->kind) : lockIcon(false);
        if (role == Roles::InheritedLock)
            return !locks.isEmpty();
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return countData(node, index.column(), role);
}

QVariant RepositoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // A first click on a count sorts the largest first: what there is to reclaim.
    if (role == Qt::InitialSortOrderRole)
        return section == Name ? Qt::AscendingOrder : Qt::DescendingOrder;
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Repository");
    case Tags:
        return tr("Tags");
    case Manifests:
        return tr("Manifests");
    case Size:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace Berth
