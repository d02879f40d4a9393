#include "models/pagingstate.h"

namespace Berth {

void PagingState::restart(bool more)
{
    ++generation; // pages still on their way are dropped
    next.clear();
    visited.clear();
    hasMore = more;
    fetching = false; // a page of the old generation no longer counts
    error.reset();
}

int PagingState::pageSizeAfter(int pagesRead, int first)
{
    const int factor = pagesRead == 0 ? 1 : pagesRead == 1 ? 4 : 10;
    return qMax(first, qMin(MaxGrowth, first * factor));
}

std::optional<RegistryError> PagingState::follow(const QUrl &nextPage, int items)
{
    next = nextPage;
    hasMore = !nextPage.isEmpty() && items > 0;
    if (!hasMore)
        return std::nullopt;
    std::optional<RegistryError> stop;
    if (visited.contains(nextPage))
        stop = RegistryError::make(ErrorCode::PagingLoop,
                                   tr("The registry's next-page link points back to a page "
                                      "already read; stopped."));
    else if (visited.size() + 1 >= maxPages)
        stop = RegistryError::make(
            ErrorCode::TooManyPages,
            tr("Stopped after %n pages: the registry keeps sending more.", nullptr, maxPages));
    visited.insert(nextPage);
    if (stop)
        hasMore = false;
    return stop;
}

} // namespace Berth
