#pragma once

#include "core/registryerror.h"

#include <QCoreApplication>
#include <QSet>
#include <QUrl>

#include <optional>

namespace Berth {

// Where one paged listing stands: the registry's next link (the cursor), whether a page is on
// its way, the error that stopped it, and a generation that a restart bumps so that pages
// asked before it are dropped when they land. A model keeps one per listing (PagedTableModel
// one, RepositoryModel one per registry) and says what changes to its views itself.
//
// Paging is bounded as collectPages is: a next link already followed since the restart ends
// in PAGING_LOOP, and more than maxPages pages in TOO_MANY_PAGES, so loading every page (the
// filter, select-all) always ends.
struct PagingState
{
    Q_DECLARE_TR_FUNCTIONS(Berth::PagingState)

public:
    QUrl next;
    QSet<QUrl> visited; // next links followed since the last restart
    int maxPages = 10000;
    bool hasMore = false;
    bool fetching = false;
    std::optional<RegistryError> error;
    quint64 generation = 0;

    bool canFetch() const { return hasMore && !fetching && !error; }
    // How many items to ask for in the next page: `first` for the first page (small, so that
    // it paints at once), then 4× and 10× that, up to MaxGrowth (CNCF distribution's limit;
    // the client steps down where a registry refuses it). 20,000 items take 22 pages of
    // 100 first, not 200.
    int nextPageSize(int first) const { return pageSizeAfter(int(visited.size()), first); }
    // The same for the page after `pagesRead` pages (for code that pages on its own).
    static int pageSizeAfter(int pagesRead, int first);
    static constexpr int MaxGrowth = 1000;
    bool isCurrent(quint64 pageGeneration) const { return pageGeneration == generation; }
    // Forgets the cursor, the error and the page on its way (a new generation); `more`: the
    // first page is still to come.
    void restart(bool more);
    // A page of the current generation with `items` items arrived: follows its `next` link.
    // Returns the error that ends paging here (a loop, too many pages); hasMore is false then.
    [[nodiscard]] std::optional<RegistryError> follow(const QUrl &nextPage, int items);
};

} // namespace Berth
