// RepositoryModel's Size All: the whole catalog paged and every repository sized in the
// background, so that the registry's total and the order by size are exact.

#include "models/repositorymodel.h"
#include "models/repositorymodel_p.h"

namespace Berth {

void RepositoryModel::sizeAll(const QModelIndex &index)
{
    Node *registry = nodeOf(index);
    if (!registry || registry->kind != Kind::Registry || !registry->client || registry->sizingAll)
        return;
    registry->sizingAll = true;
    sizeInBackground(registry, registry->known.values());
    // Paging stopped by an error starts again; a page on its way asks for the next itself.
    registry->paging.error.reset();
    if (registry->paging.canFetch())
        requestPage(registry, false);
    updateSizingAll(registry); // says it started, or ends it when there is nothing to size
}

void RepositoryModel::stopSizingAll(const QModelIndex &index)
{
    Node *registry = nodeOf(index);
    if (registry && registry->kind == Kind::Registry && registry->sizingAll)
        endSizingAll(registry);
}

RepositoryModel::SizeAllProgress RepositoryModel::sizeAllProgress(const QModelIndex &index) const
{
    const Node *registry = nodeOf(index);
    if (!registry || registry->kind != Kind::Registry)
        return {};
    return {registry->sizingAll, registry->sizedCount + registry->sizeFailedCount,
            int(registry->known.size()), !registry->paging.hasMore};
}

bool RepositoryModel::isSizing(const QModelIndex &index) const
{
    const Node *registry = nodeOf(index);
    return registry && registry->kind == Kind::Registry && m_sizer.isBusy(registry->id);
}

void RepositoryModel::sizeInBackground(Node *registry, const QStringList &paths)
{
    const QModelIndex index = indexOf(registry);
    QList<RepositorySizer::Target> targets;
    targets.reserve(paths.size());
    for (const QString &path : paths) {
        const Node *repo = nodeOf(findRepository(index, path));
        if (repo && !repo->size && repo->sizeError.isEmpty())
            targets << RepositorySizer::Target{registry->client, registry->id,
                                               registry->paging.generation, path};
    }
    m_sizer.wantInBackground(targets);
}

void RepositoryModel::updateSizingAll(Node *registry)
{
    if (!registry->sizingAll)
        return;
    const SizeAllProgress progress = sizeAllProgress(indexOf(registry));
    // Listed: to the end, or as far as paging got before an error stopped it.
    const bool listed
        = !registry->paging.fetching && (progress.listed || registry->paging.error.has_value());
    if (listed && progress.ended >= progress.repositories)
        endSizingAll(registry);
    else
        Q_EMIT sizingAllChanged(indexOf(registry));
}

void RepositoryModel::endSizingAll(Node *registry)
{
    registry->sizingAll = false;
    m_sizer.forget(registry->id);
    const QModelIndex total = indexOf(registry, Size);
    Q_EMIT dataChanged(total, total); // its tooltip
    Q_EMIT sizingAllChanged(indexOf(registry));
}

} // namespace Berth
