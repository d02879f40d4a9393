#pragma once

#include "core/registryerror.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QUrl>

namespace Berth {

// The paging half of a table fed by a registry list: lazy loading through
// canFetchMore/fetchMore (a page per call, following the registry's next link), a busy
// state, a visible error with retry, and a generation counter so that a reload drops pages
// still on their way. Subclasses ask for one page in requestPage() and hand the outcome to
// pageArrived() — which ignores it unless it belongs to the current generation. Paging is
// bounded as collectPages is: a next link already visited ends in PAGING_LOOP, and more than
// maxPages() pages in TOO_MANY_PAGES, so the filter's loading-while-filtering always ends.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PagedTableModel(QObject *parent = nullptr);

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    bool isLoading() const { return m_fetching; }
    bool hasError() const { return m_error.has_value(); }
    RegistryError error() const { return m_error.value_or(RegistryError{}); }
    bool isComplete() const { return !m_hasMore; }

    // Forgets every row and starts again from the first page.
    void reload();
    // Forgets every row and loads nothing more (there is nothing to show). Like reload(), it
    // drops pages still on their way and ends the loading state, so no late page lands in
    // the emptied table and isLoading() does not stay true.
    void clear();
    // After an error: asks for the failed page again.
    void retry();

    int maxPages() const { return m_maxPages; }
    void setMaxPages(int pages) { m_maxPages = qMax(1, pages); }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadFailed(const Berth::RegistryError &error);
    void pageLoaded(int rows);

protected:
    // Ask for the page at `next` (empty: the first); call pageArrived() with `generation`.
    virtual void requestPage(const QUrl &next, quint64 generation) = 0;
    // Drop every row (called inside begin/endResetModel).
    virtual void clearRows() = 0;
    // True when the page is current: then insert its rows, then call pageDone().
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    void pageDone(quint64 generation, const QUrl &next, int rowsAdded);
    void pageFailed(quint64 generation, const RegistryError &error);
    quint64 generation() const { return m_generation; }

private:
    // The one reset of rows and paging state both reload() and clear() go through.
    void reset(bool loadAgain);
    void setFetching(bool fetching);

    QUrl m_next;
    QSet<QUrl> m_visited; // next links followed since the last reload
    int m_maxPages = 10000;
    bool m_hasMore = false;
    bool m_fetching = false;
    std::optional<RegistryError> m_error;
    quint64 m_generation = 0;
};

} // namespace Berth
