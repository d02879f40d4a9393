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

// Fetches one page; a registry that refuses the page size (n above its limit) is asked
// again with a smaller one instead of failing.
template<typename T, typename Parse>
Job<Page<T>> *fetchPage(
    RegistryClient *client, const QUrl &url, const QStringList &scopes, int pageSize, Parse parse)
{
    auto *job = new Job<Page<T>>(client);
    RequestJob *r = new RequestJob(client->connection(), HttpRequest::get(url, scopes), client);
    job->setInner(r);
    QObject::connect(r, &RegistryJob::finished, job, [=] {
        const Result<HttpResponse> &response = r->result();
        if (!response && response.error().code == PaginationInvalid && pageSize > 1) {
            const int smaller = pageSize > MaxPageSize ? MaxPageSize : pageSize / 2;
            client->learnPageLimit(smaller); // later pages do not ask for the refused size
            Job<Page<T>> *retry
                = fetchPage<T>(client, withPageSize(url, smaller), scopes, smaller, parse);
            completeWith(job, retry);
            return;
        }
        if (!response) {
            job->fail(response.error());
            return;
        }
        // A page of 1,000 items takes tens of milliseconds to parse: off the event loop, so
        // a window that pages never stalls. If the job goes first, the watcher goes with it
        // and the parsed page is dropped.
        auto *parsing = new QFutureWatcher<Result<Page<T>>>(job);
        QObject::connect(parsing, &QFutureWatcherBase::finished, job, [=] {
            finishPage<T>(client, job, withNext<T>(parsing->result(), *response));
        });
        parsing->setFuture(QtConcurrent::run(parse, response->body));
    });
    return job;
}

int clampPageSize(const RegistryClient *client, int pageSize)
{
    pageSize = pageSize > 0 ? pageSize : 100;
    return client->pageLimit() > 0 ? qMin(pageSize, client->pageLimit()) : pageSize;
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
        return fetchPage<QString>(this, url, catalogScope(), pageSize, parseRepositoryPage);
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
            return fetchPage<TagInfo>(this, url, repoScope(repo, QStringLiteral("metadata_read")),
                                      pageSize, parseAcrTagPage);
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
        return fetchPage<TagInfo>(this, url, repoScope(repo, QStringLiteral("pull")), pageSize,
                                  parseSorted);
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
        return fetchPage<ManifestInfo>(this, url, repoScope(repo, QStringLiteral("metadata_read")),
                                       pageSize, parseAcrManifestPage);
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
