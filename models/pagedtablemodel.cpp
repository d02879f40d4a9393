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
    ++m_generation; // pages still on their way are dropped
    clearRows();
    m_next.clear();
    m_visited.clear();
    m_hasMore = loadAgain;
    m_error.reset();
    const bool wasFetching = m_fetching;
    m_fetching = false; // a page of the old generation no longer counts
    endResetModel();    // a view may call fetchMore() here (only when loadAgain)
    if (wasFetching && !m_fetching)
        Q_EMIT loadingChanged(false);
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
    if (m_hasMore) {
        std::optional<RegistryError> stop;
        if (m_visited.contains(next))
            stop = RegistryError::make(ErrorCode::PagingLoop,
                                       tr("The registry's next-page link points back to a page "
                                          "already read; stopped."));
        else if (m_visited.size() + 1 >= m_maxPages)
            stop = RegistryError::make(ErrorCode::TooManyPages,
                                       tr("Stopped after %n pages: the registry keeps sending "
                                          "more.",
                                          nullptr, m_maxPages));
        m_visited.insert(next);
        if (stop) {
            m_hasMore = false;
            Q_EMIT pageLoaded(rowsAdded);
            pageFailed(generation, *stop);
            return;
        }
    }
    setFetching(false);
    Q_EMIT pageLoaded(rowsAdded);
}

void PagedTableModel::pageFailed(quint64 generation, const RegistryError &error)
{
    if (!isCurrent(generation))
        return;
    setFetching(false);
    if (error.code == ErrorCode::Aborted)
        return; // the page's client went away (its registry was removed): nothing to retry
    m_error = error;
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
