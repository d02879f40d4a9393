#pragma once

// A retention rule over a registry: PurgePlanner makes the plan (every repository the rule's
// filter matches, scanned one after another, each from paged lists), PurgeRun carries it out.
//
// PurgeRun deletes in three stages, each `parallel` at a time: the tags (untag; registries
// without /acr/v1/ cannot, their tags go with the manifest), then the indexes, then the other
// manifests. A manifest is not attempted when one of its tags could not be untagged, nor any
// manifest of a repository where an index delete failed (it could be one of its platforms).
// An item already gone (404) counts as deleted. Running the same rule again plans from what
// is left: a finished plan deletes nothing more.
//
// Each item is read again right before its DELETE, for what changed since planning: a tag
// locked or moved to another manifest, a manifest locked or tagged (beyond the plan's own
// tags) is kept, with the reason, and not deleted. An index kept so keeps every other
// manifest of its repository (it may list them). On registries without /acr/v1/ the read is
// a HEAD: it tells a tag's manifest, but neither locks nor a manifest's tags.

#include "cleanup/repositoryscan.h"
#include "cleanup/retention.h"
#include "core/job.h"

#include <QHash>
#include <QSet>

#include <functional>
#include <memory>

namespace Berth {

class JobBatch;
class RegistryClient;

// The error code of an item PurgeRun left out because a step it depends on failed.
inline const QString NotAttemptedCode = QStringLiteral("NOT_ATTEMPTED");

struct PurgePlan
{
    QList<RepositoryPlan> repositories;
    qint64 bytesFreed() const;
};

class PurgePlanner : public Job<PurgePlan>
{
public:
    PurgePlanner(RegistryClient *client,
                 const RetentionRule &rule,
                 const QDateTime &now,
                 const ScanOptions &options,
                 QObject *parent = nullptr);

private:
    void scanNext();

    RegistryClient *m_client;
    RetentionRule m_rule;
    QDateTime m_now;
    ScanOptions m_options;
    std::shared_ptr<ManifestCache> m_cache = std::make_shared<ManifestCache>();
    QStringList m_repositories;
    PurgePlan m_plan;
};

struct PurgeItemResult
{
    PlanItem item;
    bool isTag = false;
    std::optional<RegistryError> error; // none: deleted (or kept)
    QString kept;                       // not deleted: what changed since planning
};

struct PurgeOutcome
{
    QList<PurgeItemResult> results; // in the order they ended
    // The plan's bytes of each repository whose manifests all went.
    qint64 bytesFreed = 0;
};

class PurgeRun : public Job<PurgeOutcome>
{
public:
    using ItemEnded = std::function<void(const PurgeItemResult &)>;
    // Starts at once; `itemEnded` runs as each item ends (for a result line or progress).
    PurgeRun(RegistryClient *client,
             const PurgePlan &plan,
             int parallel,
             ItemEnded itemEnded,
             QObject *parent = nullptr);

protected:
    void onAbort() override;

private:
    enum class Stage { Tags, Indexes, Manifests, Done };
    void runStage(Stage stage);
    void record(PurgeItemResult result);
    void skip(const PlanItem &item, bool isTag, const QString &why);
    // Reads `item` again, then deletes it unless something keeps it (the job's value).
    RegistryJob *recheckAndDelete(const PlanItem &item, bool isTag);

    RegistryClient *m_client;
    PurgePlan m_plan;
    int m_parallel;
    ItemEnded m_itemEnded;
    JobBatch *m_batch;
    PurgeOutcome m_outcome;
    QSet<QString> m_failedTagDigests;          // "repo@digest" of manifests whose tag stayed
    QSet<QString> m_failedIndexRepos;          // repositories where an index delete failed
    QSet<QString> m_keptIndexRepos;            // repositories where an index was kept at run time
    QHash<QString, QStringList> m_plannedTags; // "repo@digest" -> its tags the plan removes
    QSet<QString> m_deletedManifests;          // "repo@digest"
    QSet<QString> m_failedManifestRepos;
};

} // namespace Berth
