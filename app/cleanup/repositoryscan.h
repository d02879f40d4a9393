#pragma once

// Reads what a plan needs of one repository (cleanup/retention.h): its locks, its tags with
// their times and locks, its manifests and, for each, the blobs it references (an index: the
// manifests it lists, read too). Everything comes from paged lists (ACR: /acr/v1/ tags and
// manifests, `pageSize` a page; elsewhere /v2/ tags, each HEADed), manifests are read
// `parallel` at a time, and what a digest holds is kept in a ManifestCache: a digest's content
// never changes, so a second scan (or another repository) reads only what is new.

#include "cleanup/manifestread.h"
#include "cleanup/retention.h"
#include "core/job.h"

#include <QHash>

#include <memory>

namespace Berth {

class RegistryClient;
struct ManifestInfo;

struct ScanOptions
{
    int pageSize = 100;
    int parallel = 4;
    // On ACR, also the repository's locks and its tags with times and locks: a plan needs
    // them, a size does not (without /acr/v1/ the tags come with the manifest list anyway).
    bool acrTags = true;
};

class RepositoryScan : public Job<RepositorySnapshot>
{
public:
    // Starts at once; finishes with the snapshot or the first error.
    RepositoryScan(RegistryClient *client,
                   const QString &repository,
                   std::shared_ptr<ManifestCache> cache,
                   const ScanOptions &options,
                   QObject *parent = nullptr);

private:
    void listed(const QList<ManifestInfo> &manifests);
    void readAcrTags();
    void readContents();
    void finishSnapshot(const ManifestSet &manifests);

    RegistryClient *m_client;
    std::shared_ptr<ManifestCache> m_cache;
    ScanOptions m_options;
    RepositorySnapshot m_snapshot;
    QHash<QString, ChangeableAttributes> m_locks; // digest -> the manifest's own locks
    QStringList m_listed;                         // digests in list order
};

} // namespace Berth
