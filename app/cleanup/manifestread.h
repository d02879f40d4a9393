#pragma once

// Reading manifests into a cache keyed by digest: a digest's content never changes, so what
// was read once (for a repository's size, a plan, a table's sizes) is not read again while the
// cache holds it. The cache is bounded (the least recently used go first); what one read needs
// it keeps itself until it ends (ManifestReadResult), so a plan never loses a manifest.

#include "cleanup/retention.h"
#include "core/job.h"

#include <QHash>
#include <QStringList>

#include <list>
#include <memory>
#include <optional>

namespace Berth {

class JobBatch;
class RegistryClient;

// Manifests by digest (without attributes: those change).
using ManifestSet = QHash<QString, SnapshotManifest>;

// What a manifest's content says (its digest's, so valid across repositories and runs), for
// at most `capacity` manifests: past that, inserting drops the one least recently inserted
// or looked up (value()). A window sizing thousands of repositories stays within it; what
// was dropped is read again when asked for.
class ManifestCache
{
public:
    static constexpr qsizetype DefaultCapacity = 20000;
    explicit ManifestCache(qsizetype capacity = DefaultCapacity)
        : m_capacity(qMax<qsizetype>(1, capacity))
    {}

    bool contains(const QString &digest) const { return m_entries.contains(digest); }
    // The manifest (an empty one when not held); counts as a use.
    SnapshotManifest value(const QString &digest) const;
    void insert(const SnapshotManifest &manifest);
    qsizetype size() const { return m_entries.size(); }
    qsizetype capacity() const { return m_capacity; }

private:
    struct Entry
    {
        SnapshotManifest manifest;
        std::list<QString>::iterator use; // its place in m_uses
    };
    void touch(const Entry &entry) const;

    qsizetype m_capacity;
    QHash<QString, Entry> m_entries;
    mutable std::list<QString> m_uses; // most recently used first
};

struct ManifestReadOptions
{
    int parallel = 4;
    // Stop at the first manifest that cannot be read (a plan needs all); else read the
    // others and name the failures in the result (sizes show what they can).
    bool stopAtError = true;
};

// Manifests that could not be read, by digest.
using ManifestReadFailures = QHash<QString, RegistryError>;

struct ManifestReadResult
{
    // Every manifest of the read (`digests` and the children of the indexes among them), from
    // the cache or as read: whatever the cache dropped meanwhile.
    ManifestSet manifests;
    ManifestReadFailures failures;
};

// Reads into `cache` every manifest of `digests` it does not hold, then the manifests the
// indexes among them list, until none is new: `parallel` GETs at a time, none when the cache
// holds them all. Succeeds with the manifests and the failures (none with stopAtError, which
// fails instead).
class ManifestRead : public Job<ManifestReadResult>
{
public:
    ManifestRead(RegistryClient *client,
                 const QString &repository,
                 const QStringList &digests,
                 std::shared_ptr<ManifestCache> cache,
                 const ManifestReadOptions &options = {},
                 QObject *parent = nullptr);

protected:
    void onAbort() override;

private:
    void readNext();
    RegistryJob *start(const QString &digest);

    JobBatch *m_batch;
    RegistryClient *m_client;
    QString m_repository;
    QStringList m_digests;
    std::shared_ptr<ManifestCache> m_cache;
    ManifestReadOptions m_options;
    ManifestReadResult m_result;               // what it holds so far
    std::optional<RegistryError> m_firstError; // with stopAtError: what fails the read
};

} // namespace Berth
