#pragma once

// Reading manifests into a cache keyed by digest: a digest's content never changes, so what
// was read once (for a repository's size, a plan, a table's sizes) is never read again.

#include "cleanup/retention.h"
#include "core/job.h"

#include <QHash>
#include <QStringList>

#include <memory>
#include <optional>

namespace Berth {

class JobBatch;
class RegistryClient;

// What a manifest's content says (its digest's, so valid across repositories and runs).
class ManifestCache
{
public:
    bool contains(const QString &digest) const { return m_manifests.contains(digest); }
    SnapshotManifest value(const QString &digest) const { return m_manifests.value(digest); }
    void insert(const SnapshotManifest &manifest) { m_manifests.insert(manifest.digest, manifest); }
    qsizetype size() const { return m_manifests.size(); }

private:
    QHash<QString, SnapshotManifest> m_manifests; // without attributes (those change)
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

// Reads into `cache` every manifest of `digests` it does not hold, then the manifests the
// indexes among them list, until none is new: `parallel` GETs at a time, none when the cache
// holds them all. Succeeds with the failures (none with stopAtError, which fails instead).
class ManifestRead : public Job<ManifestReadFailures>
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
    ManifestReadFailures m_failures;
    std::optional<RegistryError> m_firstError; // with stopAtError: what fails the read
};

} // namespace Berth
