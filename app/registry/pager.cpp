#include "registry/pager.h"

#include "registry/registrytr.h"

namespace Berth {

RegistryError pagingLoopError(const QUrl &next)
{
    return RegistryError::make(ErrorCode::PagingLoop,
                               RegistryTr::tr("The registry's next-page link points back to a "
                                              "page already read (%1); stopped.")
                                   .arg(next.path()));
}

RegistryError tooManyPagesError(int maxPages, qsizetype items)
{
    return RegistryError::make(
        ErrorCode::TooManyPages,
        RegistryTr::tr("Stopped after %1 pages (%2 items): the registry keeps sending more. The "
                       "page limit is a setting.")
            .arg(maxPages)
            .arg(items));
}

} // namespace Berth
