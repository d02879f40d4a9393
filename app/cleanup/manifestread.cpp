#include "cleanup/manifestread.h"

#include "core/manifest.h"
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
    for (const Descriptor &d : m.manifests) {
        s.children << d.digest;
        s.platforms << d.platform.toString();
    }
    if (!m.config.digest.isEmpty())
        s.blobs << BlobRef{m.config.digest, std::max<qint64>(m.config.size, 0)};
    for (const Descriptor &d : m.layers)
        s.blobs << BlobRef{d.digest, std::max<qint64>(d.size, 0)};
    return s;
}

} // namespace

SnapshotManifest ManifestCache::value(const QString &digest) const
{
    const auto it = m_entries.constFind(digest);
    if (it == m_entries.cend())
        return {};
    touch(*it);
    return it->manifest;
}

void ManifestCache::insert(const SnapshotManifest &manifest)
{
    const auto it = m_entries.find(manifest.digest);
    if (it != m_entries.end()) {
        it->manifest = manifest;
        touch(*it);
        return;
    }
    m_uses.push_front(manifest.digest);
    m_entries.insert(manifest.digest, Entry{manifest, m_uses.begin()});
    while (m_entries.size() > m_capacity) {
        m_entries.remove(m_uses.back());
        m_uses.pop_back();
    }
}

void ManifestCache::touch(const Entry &entry) const
{
    m_uses.splice(m_uses.begin(), m_uses, entry.use);
}

ManifestRead::ManifestRead(RegistryClient *client,
                           const QString &repository,
                           const QStringList &digests,
                           std::shared_ptr<ManifestCache> cache,
                           const ManifestReadOptions &options,
                           QObject *parent)
    : Job(parent)
    , m_batch(new JobBatch(this))
    , m_client(client)
    , m_repository(repository)
    , m_digests(digests)
    , m_cache(std::move(cache))
    , m_options(options)
{
    connect(m_batch, &JobBatch::finished, this, [this](bool aborted) {
        if (m_options.stopAtError && m_firstError)
            return fail(*m_firstError);
        if (aborted)
            return fail(abortedError());
        readNext();
    });
    readNext();
}

void ManifestRead::onAbort()
{
    m_batch->abort();
    Job::onAbort();
}

// One round: every manifest not held yet (taken from the cache where it has it; nor failed),
// then the children of indexes.
void ManifestRead::readNext()
{
    QStringList unread;
    QSet<QString> seen;
    auto need = [&](const QString &digest) {
        ManifestSet &held = m_result.manifests;
        if (!held.contains(digest) && m_cache->contains(digest))
            held.insert(digest, m_cache->value(digest));
        if (!held.contains(digest) && !m_result.failures.contains(digest)
            && !seen.contains(digest)) {
            seen.insert(digest);
            unread << digest;
        }
    };
    for (const QString &digest : std::as_const(m_digests)) {
        need(digest);
        if (m_result.manifests.contains(digest)) {
            const QStringList children = m_result.manifests.value(digest).children;
            for (const QString &child : children)
                need(child);
        }
    }
    if (unread.isEmpty())
        return succeed(m_result);
    m_batch->run(
        int(unread.size()), [this, unread](int i) { return start(unread.at(i)); },
        m_options.parallel);
}

RegistryJob *ManifestRead::start(const QString &digest)
{
    Job<ManifestContent> *get = m_client->getManifest(m_repository, digest);
    onFinished(get, this, [this, digest](const Result<ManifestContent> &r) {
        Result<Manifest> parsed = r ? parseManifest(r->body, r->mediaType)
                                    : Result<Manifest>(std::unexpected(r.error()));
        if (parsed) {
            const SnapshotManifest manifest = fromContent(digest, *parsed);
            m_cache->insert(manifest);
            m_result.manifests.insert(digest, manifest);
            return;
        }
        // An unknown content: no plan can be sure, and no size.
        m_result.failures.insert(digest, parsed.error());
        if (!m_firstError && m_options.stopAtError) {
            m_firstError = parsed.error();
            m_batch->abort();
        }
    });
    return get;
}

} // namespace Berth
