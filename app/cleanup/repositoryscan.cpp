#include "cleanup/repositoryscan.h"

#include "registry/registryclient.h"

#include <QSet>

namespace Berth {

RepositoryScan::RepositoryScan(RegistryClient *client,
                               const QString &repository,
                               std::shared_ptr<ManifestCache> cache,
                               const ScanOptions &options,
                               QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_cache(std::move(cache))
    , m_options(options)
{
    m_snapshot.name = repository;
    ListOptions list;
    list.pageSize = options.pageSize;
    Job<QList<ManifestInfo>> *manifests = m_client->listManifests(repository, list);
    setInner(manifests);
    onFinished(manifests, this, [this](const Result<QList<ManifestInfo>> &r) {
        if (!r)
            return fail(r.error());
        listed(*r);
    });
}

void RepositoryScan::listed(const QList<ManifestInfo> &manifests)
{
    const bool acr = m_client->capabilities() && m_client->capabilities()->acr;
    m_snapshot.canUntag = acr;
    QSet<QString> tagged;
    for (const ManifestInfo &m : manifests) {
        if (!m_locks.contains(m.digest))
            m_listed << m.digest;
        m_locks.insert(m.digest, m.attributes);
        if (acr)
            continue;
        // Without /acr/v1/ the tags come from this list (each HEADed), without times.
        for (const QString &tag : m.tags) {
            if (!tagged.contains(tag)) {
                tagged.insert(tag);
                m_snapshot.tags << SnapshotTag{tag, m.digest, {}, {}};
            }
        }
    }
    if (acr && m_options.acrTags)
        return readAcrTags();
    readContents();
}

void RepositoryScan::readAcrTags()
{
    Job<RepositoryInfo> *repo = m_client->getRepository(m_snapshot.name);
    setInner(repo);
    onFinished(repo, this, [this](const Result<RepositoryInfo> &r) {
        if (!r)
            return fail(r.error());
        m_snapshot.attributes = r->attributes;
        ListOptions list;
        list.pageSize = m_options.pageSize;
        Job<QList<TagInfo>> *tags = m_client->listTags(m_snapshot.name, list);
        setInner(tags);
        onFinished(tags, this, [this](const Result<QList<TagInfo>> &t) {
            if (!t)
                return fail(t.error());
            for (const TagInfo &tag : *t)
                m_snapshot.tags << SnapshotTag{tag.name, tag.digest, tag.lastUpdateTime,
                                               tag.attributes};
            readContents();
        });
    });
}

// Reads every manifest not in the cache, and the children of indexes.
void RepositoryScan::readContents()
{
    ManifestReadOptions options;
    options.parallel = m_options.parallel;
    auto *read = new ManifestRead(m_client, m_snapshot.name, m_listed, m_cache, options, this);
    setInner(read);
    onFinished(read, this, [this](const Result<ManifestReadResult> &r) {
        if (!r)
            return fail(r.error());
        finishSnapshot(r->manifests);
    });
}

// From what the read holds, not the cache: that may have dropped some meanwhile.
void RepositoryScan::finishSnapshot(const ManifestSet &manifests)
{
    QSet<QString> added;
    auto add = [&](const QString &digest, auto &self) -> void {
        if (added.contains(digest) || !manifests.contains(digest))
            return;
        added.insert(digest);
        SnapshotManifest m = manifests.value(digest);
        m.attributes = m_locks.value(digest);
        m_snapshot.manifests << m;
        for (const QString &child : m.children)
            self(child, self);
    };
    for (const QString &digest : std::as_const(m_listed))
        add(digest, add);
    succeed(m_snapshot);
}

} // namespace Berth
