#pragma once

#include "core/registryerror.h"
#include "models/pagingstate.h"

#include <QAbstractTableModel>

namespace Berth {

// The paging half of a table fed by a registry list: lazy loading through
// canFetchMore/fetchMore (a page per call, following the registry's next link), a busy
// state, a visible error with retry, and a generation counter so that a reload drops pages
// still on their way (PagingState, which also bounds the paging). Pages grow: the first
// asks for pageSize() items, later ones for more (PagingState::nextPageSize). A page asked
// by fetchMore() is followed by one more, asked as soon as it lands, so that the rows below
// the end of the view are there before the user scrolls to them. Subclasses ask for one
// page in requestPage(); when it lands they drop it unless isCurrent(), else insert its rows
// and call pageDone(), or call pageFailed().
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PagedTableModel(QObject *parent = nullptr);

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    bool isLoading() const { return m_paging.fetching; }
    bool hasError() const { return m_paging.error.has_value(); }
    RegistryError error() const { return m_paging.error.value_or(RegistryError{}); }
    bool isComplete() const { return !m_paging.hasMore; }

    // Forgets every row and starts again from the first page.
    void reload();
    // Forgets every row and loads nothing more (there is nothing to show). Like reload(), it
    // drops pages still on their way and ends the loading state, so no late page lands in
    // the emptied table and isLoading() does not stay true.
    void clear();
    // After an error: asks for the failed page again.
    void retry();

    void setMaxPages(int pages) { m_paging.maxPages = qMax(1, pages); }
    // The size of the first page (later pages are larger).
    int pageSize() const { return m_pageSize; }
    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadFailed(const Berth::RegistryError &error);
    void pageLoaded(int rows);

protected:
    // Ask for the page at `next` (empty: the first) with `pageSize` items, for the paging's
    // `generation`.
    virtual void requestPage(const QUrl &next, int pageSize, quint64 generation) = 0;
    // Drop every row (called inside begin/endResetModel).
    virtual void clearRows() = 0;
    // True when a page asked for `generation` still counts. Only such a page may insert rows
    // and end in pageDone() (`items`: how many the page listed) or pageFailed().
    bool isCurrent(quint64 generation) const { return m_paging.isCurrent(generation); }
    // For requestPage(): the size of the page after the one asked now. The client asks it
    // ahead (ListOptions::readAhead), so its round trip overlaps parsing and inserting this
    // one: a user who scrolls on finds it there, one who stops leaves it in the client's
    // bounded PageReadAhead (one request more per listing).
    int readAheadSize() const;
    void pageDone(const QUrl &next, int items);
    void pageFailed(const RegistryError &error);

private:
    // The one reset of rows and paging state both reload() and clear() go through.
    void reset(bool loadAgain);
    void setFetching(bool fetching);
    void requestNext();

    PagingState m_paging;
    int m_pageSize = 100;
    bool m_prefetch = false; // the page on its way was asked by fetchMore(): one more follows
};

} // namespace Berth
