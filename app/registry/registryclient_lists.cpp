// RegistryClient: listing repositories, tags and manifests, page by page or all at once.

#include "core/linkheader.h"
#include "registry/clientsupport.h"
#include "registry/pager.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Berth {

using namespace detail;

namespace {

const QString PaginationInvalid = QStringLiteral("PAGINATION_NUMBER_INVALID");
constexpr int MaxPageSize = 1000; // CNCF distribution's default limit

QString orderByName(OrderBy order)
{
    switch (order) {
    case OrderBy::TimeDesc:
        return QStringLiteral("timedesc");
    case OrderBy::TimeAsc:
        return QStringLiteral("timeasc");
    default:
        return {};
    }
}

QUrl withPageSize(QUrl url, int pageSize)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("n"));
    query.addQueryItem(QStringLiteral("n"), QString::number(pageSize));
    url.setQuery(query);
    return url;
}

// The first page of an /acr/v1/ listing: `n`, then `orderby` unless None.
QUrl acrFirstPage(QUrl url, int pageSize, OrderBy orderBy)
{
    url = withPageSize(url, pageSize);
    if (orderBy != OrderBy::None) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("orderby"), orderByName(orderBy));
        url.setQuery(query);
    }
    return url;
}

// The next page: the Link header if any, else the body's "link" field.
template<typename T>
Result<Page<T>> withNext(Result<Page<T>> page, const HttpResponse &response)
{
    if (!page)
        return page;
    const QUrl link = parseNextLink(response.header("Link"), response.url);
    page->next = !link.isEmpty()        ? link
                 : page->next.isEmpty() ? QUrl()
                                        : response.url.resolved(page->next);
    return page;
}

// Completes `job` with `page`, unless its next link leaves the registry.
template<typename T>
void finishPage(RegistryClient *client, Job<Page<T>> *job, Result<Page<T>> page)
{
    if (page && !page->next.isEmpty() && !client->connection()->isRegistryOrigin(page->next)) {
        job->fail(RegistryError::make(
            ErrorCode::InvalidResponse,
            QCoreApplication::translate("Berth::Registry",
                                        "The registry's next-page link points to another "
                                        "server (%1); not following it.")
                .arg(page->next.host())));
        return;
    }
    job->complete(std::move(page));
}

int clampPageSize(const RegistryClient *client, int pageSize)
{
    pageSize = pageSize > 0 ? pageSize : 100;
    return client->pageLimit() > 0 ? qMin(pageSize, client->pageLimit()) : pageSize;
}

// The Link header's next page, if it stays on the registry (else none: finishPage says why).
QUrl headerNext(RegistryClient *client, const HttpResponse &response)
{
    const QUrl link = parseNextLink(response.header("Link"), response.url);
    return client->connection()->isRegistryOrigin(link) ? link : QUrl();
}

// Where a listing's pages come from: the client, the token scopes, the parser of a page.
template<typename Parse>
struct PageSource
{
    RegistryClient *client;
    QStringList scopes;
    Parse parse;
};
template<typename Parse>
PageSource(RegistryClient *, QStringList, Parse) -> PageSource<Parse>;

// Fetches one page; a registry that refuses the page size (n above its limit) is asked
// again with a smaller one instead of failing. `flight` hears of the answer before it is
// parsed (the page after it may be asked ahead then: the parse takes tens of milliseconds a
// page of 1,000); a page that turns out empty or unreadable drops what it asked ahead.
template<typename T, typename Parse>
Job<Page<T>> *fetchFlight(const PageSource<Parse> &source,
                          const QUrl &url,
                          int pageSize,
                          const std::shared_ptr<PageFlight> &flight)
{
    RegistryClient *client = source.client;
    const Parse parse = source.parse;
    auto *job = new Job<Page<T>>(client);
    RequestJob *r
        = new RequestJob(client->connection(), HttpRequest::get(url, source.scopes), client);
    job->setInner(r);
    QObject::connect(r, &RegistryJob::finished, job, [=] {
        const Result<HttpResponse> &response = r->result();
        if (!response && response.error().code == PaginationInvalid && pageSize > 1) {
            const int smaller = pageSize > MaxPageSize ? MaxPageSize : pageSize / 2;
            client->learnPageLimit(smaller); // later pages do not ask for the refused size
            Job<Page<T>> *retry
                = fetchFlight<T>(source, withPageSize(url, smaller), smaller, flight);
            completeWith(job, retry);
            return;
        }
        if (!response) {
            job->fail(response.error());
            return;
        }
        flight->answered(headerNext(client, *response)); // before the parse: see below
        // A page of 1,000 items takes tens of milliseconds to parse: off the event loop, so
        // a window that pages never stalls. If the job goes first, the watcher goes with it
        // and the parsed page is dropped.
        auto *parsing = new QFutureWatcher<Result<Page<T>>>(job);
        QObject::connect(parsing, &QFutureWatcherBase::finished, job, [=] {
            Result<Page<T>> parsed = withNext<T>(parsing->result(), *response);
            if ((!parsed || parsed->items.isEmpty()) && !flight->askedAhead().isEmpty()) {
                // The listing ends here: the page asked ahead will not be taken.
                if (auto ahead = client->readAhead().take(flight->askedAhead()))
                    ahead->drop();
            }
            finishPage<T>(client, job, std::move(parsed));
        });
        parsing->setFuture(QtConcurrent::run(parse, response->body));
    });
    return job;
}

// A page asked ahead of its listing: its job while it runs, its result once it is in.
template<typename T>
struct AheadPage : PageReadAhead::Entry
{
    std::shared_ptr<PageFlight> flight;
    QPointer<Job<Page<T>>> job;
    std::optional<Result<Page<T>>> result;
    void drop() override
    {
        if (job)
            job->abort();
    }
};

template<typename T, typename Parse>
std::shared_ptr<PageFlight> newFlight(const PageSource<Parse> &source, int readAhead);

// Asks the page at `next` with `pageSize` items ahead of its listing, and keeps it under the
// URL returned.
template<typename T, typename Parse>
QUrl askAhead(const PageSource<Parse> &source, const QUrl &next, int pageSize)
{
    RegistryClient *client = source.client;
    pageSize = clampPageSize(client, pageSize);
    QUrl url = withPageSize(next, pageSize);
    auto entry = std::make_shared<AheadPage<T>>();
    entry->flight = newFlight<T>(source, 0);
    Job<Page<T>> *job = fetchFlight<T>(source, url, pageSize, entry->flight);
    entry->job = job;
    std::weak_ptr<AheadPage<T>> weak = entry;
    QObject::connect(job, &RegistryJob::finished, client, [weak, job] {
        if (auto kept = weak.lock())
            kept->result = job->result();
    });
    client->readAhead().keep(url, entry);
    return url;
}

template<typename T, typename Parse>
std::shared_ptr<PageFlight> newFlight(const PageSource<Parse> &source, int readAhead)
{
    auto flight = std::make_shared<PageFlight>(
        [source](const QUrl &next, int size) { return askAhead<T>(source, next, size); });
    flight->wantAhead(readAhead);
    return flight;
}

// The page at `url` if it was asked ahead (its listing takes it over), else nullptr.
template<typename T>
Job<Page<T>> *takeAhead(RegistryClient *client, const QUrl &url, int readAhead)
{
    auto ahead = std::dynamic_pointer_cast<AheadPage<T>>(client->readAhead().take(url));
    if (!ahead || (!ahead->result && !ahead->job))
        return nullptr;
    ahead->flight->wantAhead(readAhead);
    auto *job = new Job<Page<T>>(client);
    if (ahead->result) {
        job->complete(*ahead->result);
    } else {
        Job<Page<T>> *running = ahead->job;
        completeWith(job, running);
    }
    return job;
}

// Fetches one page (fetchFlight), or takes it over if it was asked ahead; `readAhead`: the
// size of the page after it that the caller will ask for (0: none).
template<typename T, typename Parse>
Job<Page<T>> *
fetchPage(const PageSource<Parse> &source, const QUrl &url, int pageSize, int readAhead = 0)
{
    if (Job<Page<T>> *ahead = takeAhead<T>(source.client, url, readAhead))
        return ahead;
    return fetchFlight<T>(source, url, pageSize, newFlight<T>(source, readAhead));
}

// The registry's next link, asking for `pageSize` items (empty: the first page is built).
QUrl nextPage(const QUrl &page, int pageSize)
{
    return page.isEmpty() ? page : withPageSize(page, pageSize);
}

} // namespace

Job<Page<QString>> *RegistryClient::repositoryPage(int pageSize, const QUrl &page)
{
    pageSize = clampPageSize(this, pageSize);
    return withCapabilities<Page<QString>>([this, pageSize, page](const Capabilities &caps) {
        QUrl url = nextPage(page, pageSize);
        if (url.isEmpty())
            url = withPageSize(m_connection->resolve(caps.acr ? QStringLiteral("/acr/v1/_catalog")
                                                              : QStringLiteral("/v2/_catalog")),
                               pageSize);
        return fetchPage<QString>(PageSource{this, catalogScope(), parseRepositoryPage}, url,
                                  pageSize);
    });
}

Job<Page<TagInfo>> *
RegistryClient::tagPage(const QString &repo, const ListOptions &options, const QUrl &page)
{
    if (auto e = checkRepo(repo))
        return failedJob<Page<TagInfo>>(this, *e);
    if (!options.digest.isEmpty()) {
        if (auto e = checkDigest(options.digest))
            return failedJob<Page<TagInfo>>(this, *e);
    }
    const int pageSize = clampPageSize(this, options.pageSize);
    return withCapabilities<Page<TagInfo>>([=, this](const Capabilities &caps) {
        QUrl url = nextPage(page, pageSize);
        if (caps.acr) {
            if (url.isEmpty()) {
                url = acrFirstPage(
                    m_connection->resolve(QStringLiteral("/acr/v1/%1/_tags").arg(repo)), pageSize,
                    options.orderBy);
                if (!options.digest.isEmpty()) {
                    QUrlQuery query(url);
                    query.addQueryItem(QStringLiteral("digest"), options.digest);
                    url.setQuery(query);
                }
            }
            return fetchPage<TagInfo>(
                PageSource{this, repoScope(repo, QStringLiteral("metadata_read")), parseAcrTagPage},
                url, pageSize, options.readAhead);
        }
        if (url.isEmpty())
            url = withPageSize(m_connection->resolve(QStringLiteral("/v2/%1/tags/list").arg(repo)),
                               pageSize);
        // Distribution ignores n and returns tags unsorted: sort each page by name.
        auto parseSorted = [](const QByteArray &body) {
            Result<Page<TagInfo>> parsed = parseV2TagList(body);
            if (parsed)
                std::sort(parsed->items.begin(), parsed->items.end(),
                          [](const TagInfo &a, const TagInfo &b) { return a.name < b.name; });
            return parsed;
        };
        return fetchPage<TagInfo>(
            PageSource{this, repoScope(repo, QStringLiteral("pull")), parseSorted}, url, pageSize,
            options.readAhead);
    });
}

Job<Page<ManifestInfo>> *
RegistryClient::manifestPage(const QString &repo, const ListOptions &options, const QUrl &page)
{
    if (auto e = checkRepo(repo))
        return failedJob<Page<ManifestInfo>>(this, *e);
    const int pageSize = clampPageSize(this, options.pageSize);
    return withCapabilities<Page<ManifestInfo>>([=, this](const Capabilities &caps) {
        if (!caps.acr)
            return manifestsFromTags(repo, options, page);
        QUrl url = nextPage(page, pageSize);
        if (url.isEmpty())
            url = acrFirstPage(
                m_connection->resolve(QStringLiteral("/acr/v1/%1/_manifests").arg(repo)), pageSize,
                options.orderBy);
        return fetchPage<ManifestInfo>(PageSource{this,
                                                  repoScope(repo, QStringLiteral("metadata_read")),
                                                  parseAcrManifestPage},
                                       url, pageSize, options.readAhead);
    });
}

Job<QStringList> *RegistryClient::listRepositories(int pageSize)
{
    auto *job = new Job<QStringList>(this);
    Job<QList<QString>> *all = collectPages<QString>(
        this, m_connection->settings().maxPages,
        [this, pageSize](const QUrl &url) { return repositoryPage(pageSize, url); });
    chain(job, all, [](const QList<QString> &names) -> Result<QStringList> { return names; });
    return job;
}

Job<QList<TagInfo>> *RegistryClient::listTags(const QString &repo, const ListOptions &options)
{
    return collectPages<TagInfo>(
        this, m_connection->settings().maxPages,
        [=, this](const QUrl &url) { return tagPage(repo, options, url); });
}

Job<QList<ManifestInfo>> *RegistryClient::listManifests(const QString &repo,
                                                        const ListOptions &options)
{
    return collectPages<ManifestInfo>(
        this, m_connection->settings().maxPages,
        [=, this](const QUrl &url) { return manifestPage(repo, options, url); });
}

} // namespace Berth
