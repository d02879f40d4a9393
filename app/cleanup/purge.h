#pragma once

// A retention rule over a registry: PurgePlanner makes the plan (every repository the rule's
// filter matches, scanned one after another, each from paged lists), PurgeRun carries it out.
//
// PurgeRun deletes in three stages, each `parallel` at a time, each after reading its
// repositories again (a RepositoryScan: the same paged lists as planning, only manifests not
// seen before are read; the indexes and manifests share one): the tags (untag; registries without
// /acr/v1/ cannot, their tags go with the manifest), then the indexes, then the other manifests. A
// manifest is not attempted when one of its tags could not be untagged, nor any manifest of a
// repository where an index delete failed (it could be one of its platforms), nor any item of a
// repository that could not be read again. An item already gone (404) counts as deleted. Running
// the same rule again plans from what is left: a finished plan deletes nothing more.
//
// What changed since planning keeps an item, with the reason, instead of deleting it. From the
// repository read again: a repository locked (every item of it); a tag moved to another
// manifest; a manifest with a tag the plan does not remove (on registries without /acr/v1/ a
// DELETE by digest would take that tag too); a manifest listed by an index the plan does not
// delete (one pushed after the plan; on registries without /acr/v1/ only tagged indexes can be
// found). Then each item is read again right before its DELETE: a tag locked or moved, a
// manifest locked or tagged (on registries without /acr/v1/ that read is a HEAD: it tells
// only that the item is still there). An index kept so keeps every other manifest of its
// repository (it may list them). Without untagging, a tag whose manifest was kept is kept.

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
    // What the planner read, so that PurgeRun's second look reads only new manifests.
    std::shared_ptr<ManifestCache> cache;
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
    // What a repository holds as read again before any delete, as far as the checks need it.
    struct Fresh
    {
        ChangeableAttributes attributes;
        QHash<QString, QString> digestOf;         // tag -> manifest
        QHash<QString, QStringList> tagsOf;       // manifest -> its tags
        QHash<QString, QString> unplannedIndexOf; // manifest -> an index the plan keeps
    };
    void rescan(Stage next);
    void rescanned(const QString &repository, const Result<RepositorySnapshot> &snapshot);
    void runStage(Stage stage);
    void record(PurgeItemResult result);
    void skip(const PlanItem &item, bool isTag, const QString &why);
    // Records `item` when the repository read again settles it (kept, or not attempted).
    bool settledByRescan(const PlanItem &item, bool isTag);
    QString changedSincePlan(const PlanItem &item, bool isTag) const;
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
    QSet<QString> m_plannedManifests;          // "repo@digest"
    QSet<QString> m_deletedManifests;          // "repo@digest"
    QSet<QString> m_keptManifests;             // "repo@digest"
    QSet<QString> m_failedManifestRepos;
    QHash<QString, Fresh> m_fresh;                // repository -> as read again
    QHash<QString, RegistryError> m_rescanErrors; // repository -> why it could not be
};

} // namespace Berth
