#include "models/pagedtablemodel.h"

#include <utility>

namespace Berth {

PagedTableModel::PagedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_paging.canFetch();
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_prefetch = true;
    requestNext();
}

void PagedTableModel::requestNext()
{
    setFetching(true);
    requestPage(m_paging.next, m_paging.nextPageSize(m_pageSize), m_paging.generation);
}

int PagedTableModel::readAheadSize() const
{
    return PagingState::pageSizeAfter(int(m_paging.visited.size()) + 1, m_pageSize);
}

void PagedTableModel::reload()
{
    reset(true);   // a view may ask for the first page inside the reset...
    fetchMore({}); // ...and then this asks for nothing more
}

void PagedTableModel::clear()
{
    reset(false);
}

void PagedTableModel::reset(bool loadAgain)
{
    beginResetModel();
    clearRows();
    const bool wasFetching = m_paging.fetching;
    m_paging.restart(loadAgain);
    m_prefetch = false;
    endResetModel(); // a view may call fetchMore() here (only when loadAgain)
    if (wasFetching && !m_paging.fetching)
        Q_EMIT loadingChanged(false);
}

void PagedTableModel::retry()
{
    if (!m_paging.error)
        return;
    m_paging.error.reset();
    fetchMore({});
}

void PagedTableModel::pageDone(const QUrl &next, int items)
{
    if (const std::optional<RegistryError> stop = m_paging.follow(next, items)) {
        Q_EMIT pageLoaded(items);
        pageFailed(*stop);
        return;
    }
    setFetching(false);
    const bool prefetch = std::exchange(m_prefetch, false);
    Q_EMIT pageLoaded(items);
    if (prefetch && m_paging.canFetch()) // (a slot of pageLoaded may have asked already)
        requestNext();
}

void PagedTableModel::pageFailed(const RegistryError &error)
{
    setFetching(false);
    m_prefetch = false;
    if (error.code == ErrorCode::Aborted)
        return; // the page's client went away (its registry was removed): nothing to retry
    m_paging.error = error;
    Q_EMIT loadFailed(error);
}

void PagedTableModel::setFetching(bool fetching)
{
    if (m_paging.fetching == fetching)
        return;
    m_paging.fetching = fetching;
    Q_EMIT loadingChanged(fetching);
}

} // namespace Berth
