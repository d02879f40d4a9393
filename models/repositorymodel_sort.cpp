// RepositoryModel's order: each folder's children by name, tag or manifest count, or size.

#include "models/repositorymodel.h"
#include "models/repositorymodel_p.h"

#include <algorithm>

namespace Berth {

namespace {
int compareNames(const QString &a, const QString &b)
{
    const int folded = QString::compare(a, b, Qt::CaseInsensitive);
    return folded != 0 ? folded : QString::compare(a, b, Qt::CaseSensitive);
}
} // namespace

bool RepositoryModel::lessThan(const Node *a, const Node *b) const
{
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (m_sortColumn == Name) {
        const int c = compareNames(a->name, b->name);
        return ascending ? c < 0 : c > 0;
    }
    const qint64 x = countValue(a, m_sortColumn);
    const qint64 y = countValue(b, m_sortColumn);
    if ((x < 0) != (y < 0))
        return x >= 0; // what is not known yet goes last, in either order
    if (x != y)
        return ascending ? x < y : x > y;
    return compareNames(a->name, b->name) < 0;
}

bool RepositoryModel::isSorted(const Node *parent) const
{
    const auto less = [this](const auto &a, const auto &b) {
        return lessThan(a.get(), b.get());
    };
    if (!std::is_sorted(parent->children.begin(), parent->children.end(), less))
        return false;
    return std::all_of(parent->children.begin(), parent->children.end(), [this](const auto &c) {
        return c->kind == Kind::Repository || isSorted(c.get());
    });
}

void RepositoryModel::sortChildren(Node *parent)
{
    const auto less = [this](const auto &a, const auto &b) {
        return lessThan(a.get(), b.get());
    };
    if (!std::is_sorted(parent->children.begin(), parent->children.end(), less)) {
        std::stable_sort(parent->children.begin(), parent->children.end(), less);
        parent->renumber();
    }
    for (const auto &child : parent->children) {
        if (child->kind != Kind::Repository)
            sortChildren(child.get());
    }
}

void RepositoryModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    resort();
}

void RepositoryModel::resort()
{
    m_resortTimer.stop();
    if (m_sortColumn < 0)
        return;
    if (std::all_of(m_registries.begin(), m_registries.end(),
                    [this](const auto &r) { return isSorted(r.get()); }))
        return;
    Q_EMIT layoutAboutToBeChanged({}, VerticalSortHint);
    // Taken after the announcement: views keep some indexes in answer to it.
    const QModelIndexList before = persistentIndexList();
    for (const auto &registry : m_registries)
        sortChildren(registry.get());
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after << indexOf(nodeOf(index), index.column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, VerticalSortHint);
}

void RepositoryModel::scheduleResort()
{
    if (m_sortColumn > Name && !m_resortTimer.isActive())
        m_resortTimer.start();
}

} // namespace Berth
