#include "models/tagfiltermodel.h"

#include "models/lockcolumns.h"
#include "models/pagedtablemodel.h"
#include "models/tagmodel.h"

#include <QDateTime>

namespace Berth {

TagFilterModel::TagFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_serverColumns{TagModel::Created, TagModel::Updated}
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void TagFilterModel::setFilterColumns(const QList<int> &columns)
{
    m_filterColumns = columns;
    invalidateFilter();
}

void TagFilterModel::setFilterMatchesDigest(bool on)
{
    m_matchDigest = on;
    invalidateFilter();
}

void TagFilterModel::setSourceModel(QAbstractItemModel *source)
{
    disconnect(m_pageConnection);
    QSortFilterProxyModel::setSourceModel(source);
    // After every page (the source is idle again then), ask for the next one while filtering.
    if (auto *paged = qobject_cast<PagedTableModel *>(source))
        m_pageConnection
            = connect(paged, &PagedTableModel::pageLoaded, this, &TagFilterModel::keepLoading);
}

void TagFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
    keepLoading();
}

void TagFilterModel::keepLoading()
{
    QAbstractItemModel *source = sourceModel();
    if (isFiltering() && source && source->canFetchMore({}))
        source->fetchMore({});
}

void TagFilterModel::sort(int column, Qt::SortOrder order)
{
    if (column >= 0 && m_serverColumns.contains(column)) {
        // The registry orders the pages; keep its order here.
        QSortFilterProxyModel::sort(-1, order);
        if (QAbstractItemModel *source = sourceModel())
            source->sort(column, order);
        return;
    }
    QSortFilterProxyModel::sort(column, order);
}

bool TagFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *source = sourceModel();
    for (const int column : m_filterColumns) {
        const QModelIndex index = source->index(sourceRow, column, sourceParent);
        if (index.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    if (m_matchDigest) {
        const QModelIndex index = source->index(sourceRow, 0, sourceParent);
        if (index.data(Roles::Digest).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool TagFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(Qt::UserRole);
    const QVariant r = right.data(Qt::UserRole);
    if (l.isValid() && r.isValid()) {
        if (l.userType() == QMetaType::QDateTime && r.userType() == QMetaType::QDateTime)
            return l.toDateTime() < r.toDateTime();
        if (l.canConvert<qlonglong>() && r.canConvert<qlonglong>())
            return l.toLongLong() < r.toLongLong();
    }
    const QVariant lockL = left.data(Roles::LockState);
    const QVariant lockR = right.data(Roles::LockState);
    if (lockL.isValid() || lockR.isValid()) // unknown < locked < enabled
        return (lockL.isValid() ? 1 + int(lockL.toBool()) : 0)
               < (lockR.isValid() ? 1 + int(lockR.toBool()) : 0);
    const int byText = m_collator.compare(left.data(Qt::DisplayRole).toString(),
                                          right.data(Qt::DisplayRole).toString());
    if (byText != 0)
        return byText < 0;
    return left.row() < right.row(); // stable for equal keys
}

} // namespace Berth
