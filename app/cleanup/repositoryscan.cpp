#include "cleanup/repositoryscan.h"

#include "core/manifest.h"
#include "core/mediatypes.h"
#include "registry/jobbatch.h"
#include "registry/registryclient.h"

#include <QSet>

namespace Berth {

namespace {

SnapshotManifest fromContent(const QString &digest, const Manifest &m)
{
    SnapshotManifest s;
    s.digest = digest;
    s.isIndex = m.kind == Manifest::Kind::Index;
    for (const Descriptor &d : m.manifests)
        s.children << d.digest;
    if (!m.config.digest.isEmpty())
        s.blobs << BlobRef{m.config.digest, std::max<qint64>(m.config.size, 0)};
    for (const Descriptor &d : m.layers)
        s.blobs << BlobRef{d.digest, std::max<qint64>(d.size, 0)};
    return s;
}

} // namespace

RepositoryScan::RepositoryScan(RegistryClient *client,
                               const QString &repository,
                               std::shared_ptr<ManifestCache> cache,
                               const ScanOptions &options,
                               QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_cache(std::move(cache))
    , m_options(options)
    , m_batch(new JobBatch(this))
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

void RepositoryScan::onAbort()
{
    m_batch->abort();
    Job::onAbort();
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
    if (acr)
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

// Reads every manifest not in the cache; then the children of indexes, until none is new.
void RepositoryScan::readContents()
{
    QStringList unread;
    QSet<QString> seen;
    auto need = [&](const QString &digest) {
        if (!m_cache->contains(digest) && !seen.contains(digest)) {
            seen.insert(digest);
            unread << digest;
        }
    };
    for (const QString &digest : std::as_const(m_listed)) {
        need(digest);
        if (m_cache->contains(digest)) {
            for (const QString &child : m_cache->value(digest).children)
                need(child);
        }
    }
    if (unread.isEmpty())
        return finishSnapshot();
    auto error = std::make_shared<std::optional<RegistryError>>();
    disconnect(m_batch, &JobBatch::finished, this, nullptr);
    connect(m_batch, &JobBatch::finished, this, [this, error](bool aborted) {
        if (*error)
            return fail(**error);
        if (aborted)
            return fail(abortedError());
        readContents();
    });
    m_batch->run(
        int(unread.size()),
        [this, unread, error](int i) -> RegistryJob * {
            const QString &digest = unread.at(i);
            Job<ManifestContent> *get = m_client->getManifest(m_snapshot.name, digest);
            onFinished(get, this, [this, digest, error](const Result<ManifestContent> &r) {
                Result<Manifest> parsed = r ? parseManifest(r->body, r->mediaType)
                                            : Result<Manifest>(std::unexpected(r.error()));
                if (parsed) {
                    m_cache->insert(fromContent(digest, *parsed));
                } else if (!*error) {
                    *error = parsed.error(); // unknown content: no plan can be sure
                    m_batch->abort();
                }
            });
            return get;
        },
        m_options.parallel);
}

void RepositoryScan::finishSnapshot()
{
    QSet<QString> added;
    auto add = [&](const QString &digest, auto &self) -> void {
        if (added.contains(digest) || !m_cache->contains(digest))
            return;
        added.insert(digest);
        SnapshotManifest m = m_cache->value(digest);
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
