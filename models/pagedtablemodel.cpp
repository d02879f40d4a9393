#include "models/pagedtablemodel.h"

namespace Berth {

PagedTableModel::PagedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching && !m_error;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setFetching(true);
    requestPage(m_next, m_generation);
}

void PagedTableModel::reload()
{
    beginResetModel();
    ++m_generation;
    clearRows();
    m_next.clear();
    m_hasMore = true;
    m_error.reset();
    endResetModel();
    setFetching(false);
    fetchMore({});
}

void PagedTableModel::retry()
{
    if (!m_error)
        return;
    m_error.reset();
    fetchMore({});
}

void PagedTableModel::pageDone(quint64 generation, const QUrl &next, int rowsAdded)
{
    if (!isCurrent(generation))
        return;
    m_next = next;
    m_hasMore = !next.isEmpty() && rowsAdded > 0;
    setFetching(false);
    Q_EMIT pageLoaded(rowsAdded);
}

void PagedTableModel::pageFailed(quint64 generation, const RegistryError &error)
{
    if (!isCurrent(generation))
        return;
    m_error = error;
    setFetching(false);
    Q_EMIT loadFailed(error);
}

void PagedTableModel::setFetching(bool fetching)
{
    if (m_fetching == fetching)
        return;
    m_fetching = fetching;
    Q_EMIT loadingChanged(fetching);
}

} // namespace Berth
