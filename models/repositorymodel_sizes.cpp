// RepositoryModel's sizes: repositories sized by a RepositorySizer, the registry's total.

#include "models/format.h"
#include "models/repositorymodel.h"
#include "models/repositorymodel_p.h"

namespace Berth {

// The Tags, Manifests and Size columns: ACR's counts, else the size's; the registry's total.
QVariant RepositoryModel::countData(const Node *node, int column, int role) const
{
    if (node->kind == Kind::Registry && column == Size) {
        const Total sum = total(indexOf(const_cast<Node *>(node)));
        if (sum.sized == 0)
            return {};
        if (role == Qt::UserRole)
            return sum.bytes;
        if (role == Qt::DisplayRole)
            return sum.complete ? Format::size(sum.bytes) : tr("≥ %1").arg(Format::size(sum.bytes));
        if (role == Qt::ToolTipRole && node->sizingAll)
            return tr("At least: %1 of %2 repositories sized so far (%3 blobs; a layer that "
                      "several share counts once). Sizing every repository…")
                .arg(sum.sized)
                .arg(sum.repositories)
                .arg(sum.blobs);
        if (role == Qt::ToolTipRole)
            return sum.complete
                       ? tr("The unique blobs of its %1 repositories (%2 blobs): a layer "
                            "that several repositories share counts once")
                             .arg(sum.repositories)
                             .arg(sum.blobs)
                       : tr("At least: the unique blobs of the %1 of %2 repositories sized so "
                            "far (%3 blobs; a layer that several share counts once). A "
                            "repository is sized when it comes into view, or all of them by "
                            "Size All")
                             .arg(sum.sized)
                             .arg(sum.repositories)
                             .arg(sum.blobs);
        return {};
    }
    if (node->kind != Kind::Repository)
        return {};
    if (column == Size && role == Qt::ToolTipRole)
        return node->sizeError.isEmpty()
                   ? tr("The blobs its manifests reference, layers shared between tags once")
                   : tr("Could not be sized: %1").arg(node->sizeError);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    const qint64 value = countValue(node, column);
    if (value < 0)
        return {};
    if (role == Qt::UserRole || column != Size)
        return value;
    return Format::size(value);
}

qint64 RepositoryModel::countValue(const Node *node, int column) const
{
    if (node->kind != Kind::Repository)
        return -1;
    if (column == Size)
        return node->size ? node->size->bytes : -1;
    if (column == Tags)
        return node->info && node->info->tagCount >= 0 ? node->info->tagCount
               : node->size                            ? node->size->tags
                                                       : -1;
    return node->info && node->info->manifestCount >= 0 ? node->info->manifestCount
           : node->size                                 ? node->size->manifests
                                                        : -1;
}

void RepositoryModel::loadSizes(const QModelIndexList &repositories)
{
    QList<RepositorySizer::Target> targets;
    for (const QModelIndex &index : repositories) {
        const Node *node = nodeOf(index);
        if (!node || node->kind != Kind::Repository || node->size || !node->sizeError.isEmpty())
            continue;
        const Node *registry = nodeOf(registryOf(index));
        targets << RepositorySizer::Target{registry->client, registry->id,
                                           registry->paging.generation, node->path};
    }
    m_sizer.want(targets);
}

void RepositoryModel::sized(const RepositorySizer::Target &target,
                            const RepositorySize &size,
                            const QHash<QString, qint64> &blobs,
                            const QString &error)
{
    Node *registry = registryNode(target.registry);
    if (!registry || !registry->paging.isCurrent(target.generation))
        return;
    const QModelIndex index = findRepository(indexOf(registry), target.path);
    Node *repo = nodeOf(index);
    if (!repo || repo->size)
        return;
    if (error.isEmpty()) {
        repo->size = size;
        countBlobs(registry, repo, blobs);
    } else {
        repo->sizeError = error;
        ++registry->sizeFailedCount;
    }
    Q_EMIT dataChanged(index.siblingAtColumn(Tags), index.siblingAtColumn(Size));
    const QModelIndex registryRow = indexOf(registry, Size);
    Q_EMIT dataChanged(registryRow, registryRow);
    scheduleResort();
    updateSizingAll(registry);
}

std::optional<RepositorySize> RepositoryModel::size(const QModelIndex &repository) const
{
    const Node *node = nodeOf(repository);
    return node ? node->size : std::nullopt;
}

RepositoryModel::Total RepositoryModel::total(const QModelIndex &registry) const
{
    const Node *node = nodeOf(registry);
    if (!node || node->kind != Kind::Registry)
        return {};
    const int repositories = int(node->known.size());
    return {node->sizedBytes, int(node->blobs.size()), node->sizedCount, repositories,
            node->sizedCount == repositories && !node->paging.hasMore};
}

void RepositoryModel::countBlobs(Node *registry, Node *repo, const QHash<QString, qint64> &blobs)
{
    repo->blobDigests.reserve(blobs.size());
    for (auto it = blobs.cbegin(); it != blobs.cend(); ++it) {
        auto use = registry->blobs.find(it.key());
        if (use == registry->blobs.end()) {
            use = registry->blobs.insert(it.key(), {it.value(), 0});
            registry->sizedBytes += it.value();
        }
        ++use->repositories;
        repo->blobDigests << use.key(); // shares the key's text
    }
    ++registry->sizedCount;
}

void RepositoryModel::uncountBlobs(Node *registry, Node *repo)
{
    for (const QString &digest : std::as_const(repo->blobDigests)) {
        auto use = registry->blobs.find(digest);
        if (use != registry->blobs.end() && --use->repositories == 0) {
            registry->sizedBytes -= use->size;
            registry->blobs.erase(use);
        }
    }
    repo->blobDigests.clear();
    --registry->sizedCount;
}

} // namespace Berth
