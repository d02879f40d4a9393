#include "cleanup/purge.h"

#include "cleanup/cleanuptr.h"
#include "registry/jobbatch.h"
#include "registry/registryclient.h"

namespace Berth {

qint64 PurgePlan::bytesFreed() const
{
    qint64 sum = 0;
    for (const RepositoryPlan &p : repositories)
        sum += p.bytesFreed;
    return sum;
}

PurgePlanner::PurgePlanner(RegistryClient *client,
                           const RetentionRule &rule,
                           const QDateTime &now,
                           const ScanOptions &options,
                           QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_rule(rule)
    , m_now(now)
    , m_options(options)
{
    Job<QStringList> *list = m_client->listRepositories(options.pageSize);
    setInner(list);
    onFinished(list, this, [this](const Result<QStringList> &r) {
        if (!r)
            return fail(r.error());
        for (const QString &name : *r) {
            if (m_rule.repository.match(name).hasMatch())
                m_repositories << name;
        }
        scanNext();
    });
}

// One repository at a time: the scan itself reads `parallel` manifests at once.
void PurgePlanner::scanNext()
{
    if (m_plan.repositories.size() == m_repositories.size()) {
        m_plan.cache = m_cache;
        return succeed(m_plan);
    }
    const QString name = m_repositories.at(m_plan.repositories.size());
    auto *scan = new RepositoryScan(m_client, name, m_cache, m_options, this);
    setInner(scan);
    onFinished(scan, this, [this](const Result<RepositorySnapshot> &r) {
        if (!r)
            return fail(r.error());
        m_plan.repositories << planRepository(*r, m_rule, m_now);
        scanNext();
    });
}

PurgeRun::PurgeRun(RegistryClient *client,
                   const PurgePlan &plan,
                   int parallel,
                   ItemEnded itemEnded,
                   QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_plan(plan)
    , m_parallel(parallel)
    , m_itemEnded(std::move(itemEnded))
    , m_batch(new JobBatch(this))
{
    for (const RepositoryPlan &p : std::as_const(m_plan.repositories)) {
        for (const PlanItem &tag : p.tags)
            m_plannedTags[tag.repository + u'@' + tag.digest] << tag.tag;
        for (const PlanItem &m : p.manifests)
            m_plannedManifests.insert(m.repository + u'@' + m.digest);
    }
    if (!m_plan.cache)
        m_plan.cache = std::make_shared<ManifestCache>();
    // Started from the event loop, like every job's work.
    QMetaObject::invokeMethod(
        this, [this] { rescan(Stage::Tags); }, Qt::QueuedConnection);
}

// Reads again, `parallel` at a time (each reading its new manifests one at a time), every
// repository with something to delete in `next`: before the tags, those with tags to untag;
// before the indexes and manifests, those with manifests to delete.
void PurgeRun::rescan(Stage next)
{
    QStringList repositories;
    for (const RepositoryPlan &p : std::as_const(m_plan.repositories)) {
        if (next == Stage::Tags ? p.canUntag && !p.tags.isEmpty() : !p.manifests.isEmpty())
            repositories << p.repository;
    }
    disconnect(m_batch, &JobBatch::finished, this, nullptr);
    connect(m_batch, &JobBatch::finished, this, [this, next](bool aborted) {
        if (aborted)
            return fail(abortedError());
        runStage(next);
    });
    m_batch->run(
        int(repositories.size()),
        [this, repositories](int i) -> RegistryJob * {
            const QString &repository = repositories.at(i);
            auto *scan = new RepositoryScan(m_client, repository, m_plan.cache,
                                            {.pageSize = 100, .parallel = 1}, this);
            onFinished(scan, this, [this, repository](const Result<RepositorySnapshot> &r) {
                rescanned(repository, r);
            });
            return scan;
        },
        m_parallel);
}

void PurgeRun::rescanned(const QString &repository, const Result<RepositorySnapshot> &snapshot)
{
    m_fresh.remove(repository);
    m_rescanErrors.remove(repository);
    if (!snapshot) {
        m_rescanErrors.insert(repository, snapshot.error());
        return;
    }
    Fresh fresh;
    fresh.attributes = snapshot->attributes;
    for (const SnapshotTag &tag : snapshot->tags) {
        fresh.digestOf.insert(tag.name, tag.digest);
        fresh.tagsOf[tag.digest] << tag.name;
    }
    for (const SnapshotManifest &m : snapshot->manifests) {
        if (!m.isIndex || m_plannedManifests.contains(repository + u'@' + m.digest))
            continue;
        for (const QString &child : m.children)
            fresh.unplannedIndexOf.insert(child, m.digest);
    }
    m_fresh.insert(repository, fresh);
}

QString PurgeRun::changedSincePlan(const PlanItem &item, bool isTag) const
{
    const auto fresh = m_fresh.constFind(item.repository);
    if (fresh == m_fresh.cend())
        return {};
    if (QString locked = lockReason({}, fresh->attributes); !locked.isEmpty())
        return locked;
    if (isTag) {
        const QString now = fresh->digestOf.value(item.tag);
        return now.isEmpty() || now == item.digest
                   ? QString()
                   : CleanupTr::tr("moved to %1 after planning").arg(now);
    }
    const QStringList planned = m_plannedTags.value(item.repository + u'@' + item.digest);
    QStringList added;
    for (const QString &tag : fresh->tagsOf.value(item.digest)) {
        if (!planned.contains(tag))
            added << tag;
    }
    added.sort();
    if (!added.isEmpty())
        return CleanupTr::tr("still tagged: %1").arg(added.join(u", "));
    if (const QString index = fresh->unplannedIndexOf.value(item.digest); !index.isEmpty())
        return CleanupTr::tr("referenced by index %1 (pushed after the plan)").arg(index);
    return {};
}

bool PurgeRun::settledByRescan(const PlanItem &item, bool isTag)
{
    if (const auto error = m_rescanErrors.constFind(item.repository);
        error != m_rescanErrors.cend()) {
        if (error->kind() == ErrorKind::NotFound)
            record({item, isTag, *error, {}}); // the repository is gone: so is the item
        else
            skip(item, isTag,
                 CleanupTr::tr("not attempted: the repository could not be read again (%1)")
                     .arg(error->message));
        return true;
    }
    const QString changed = changedSincePlan(item, isTag);
    if (changed.isEmpty())
        return false;
    record({item, isTag, std::nullopt, changed});
    return true;
}

void PurgeRun::onAbort()
{
    m_batch->abort();
    Job::onAbort();
}

void PurgeRun::record(PurgeItemResult result)
{
    if (result.error && result.error->kind() == ErrorKind::NotFound)
        result.error.reset(); // gone already: what the plan wanted
    const QString key = result.item.repository + u'@' + result.item.digest;
    const bool kept = !result.kept.isEmpty();
    if (kept && result.isTag)
        m_plannedTags[key].removeAll(result.item.tag); // it stays on its manifest
    if (kept && result.item.isIndex)
        m_keptIndexRepos.insert(result.item.repository);
    if (result.error && result.isTag)
        m_failedTagDigests.insert(key);
    else if (result.error && result.item.isIndex)
        m_failedIndexRepos.insert(result.item.repository);
    else if (result.error || (kept && !result.isTag))
        m_failedManifestRepos.insert(result.item.repository); // its bytes stay
    else if (!result.isTag)
        m_deletedManifests.insert(key);
    if (kept && !result.isTag)
        m_keptManifests.insert(key);
    if (m_itemEnded)
        m_itemEnded(result);
    m_outcome.results << std::move(result);
}

void PurgeRun::skip(const PlanItem &item, bool isTag, const QString &why)
{
    record({item, isTag, RegistryError::make(NotAttemptedCode, why), {}});
}

void PurgeRun::runStage(Stage stage)
{
    if (isFinished() || hasResult())
        return;
    if (stage == Stage::Done) {
        for (const RepositoryPlan &p : std::as_const(m_plan.repositories)) {
            // Without untagging, the tags went (or not) with their manifests.
            if (!p.canUntag) {
                for (const PlanItem &tag : p.tags) {
                    const QString key = tag.repository + u'@' + tag.digest;
                    if (settledByRescan(tag, true))
                        continue;
                    if (m_deletedManifests.contains(key))
                        record({tag, true, std::nullopt, {}});
                    else if (m_keptManifests.contains(key))
                        record({tag, true, std::nullopt, CleanupTr::tr("its manifest was kept")});
                    else
                        skip(tag, true, CleanupTr::tr("its manifest was not deleted"));
                }
            }
            if (!m_failedIndexRepos.contains(p.repository)
                && !m_failedManifestRepos.contains(p.repository))
                m_outcome.bytesFreed += p.bytesFreed;
        }
        return succeed(m_outcome);
    }
    QList<std::pair<PlanItem, bool>> items; // item, is a tag
    for (const RepositoryPlan &p : std::as_const(m_plan.repositories)) {
        if (stage == Stage::Tags && p.canUntag) {
            for (const PlanItem &tag : p.tags) {
                if (!settledByRescan(tag, true))
                    items.append({tag, true});
            }
        }
        for (const PlanItem &m : p.manifests) {
            if ((stage == Stage::Indexes) != m.isIndex || stage == Stage::Tags)
                continue;
            if (settledByRescan(m, false))
                continue;
            if (m_failedTagDigests.contains(m.repository + u'@' + m.digest))
                skip(m, false, CleanupTr::tr("not attempted: a tag of it could not be untagged"));
            else if (stage == Stage::Manifests && m_keptIndexRepos.contains(m.repository))
                record({m, false, std::nullopt,
                        CleanupTr::tr("an index of the repository was kept, it may list this "
                                      "manifest")});
            else if (stage == Stage::Manifests && m_failedIndexRepos.contains(m.repository))
                skip(m, false,
                     CleanupTr::tr("not attempted: an index of the repository stayed, it may "
                                   "list this manifest"));
            else
                items.append({m, false});
        }
    }
    const Stage next = Stage(int(stage) + 1);
    disconnect(m_batch, &JobBatch::finished, this, nullptr);
    connect(m_batch, &JobBatch::finished, this, [this, next](bool aborted) {
        if (aborted)
            return fail(abortedError());
        next == Stage::Indexes ? rescan(next) : runStage(next);
    });
    m_batch->run(
        int(items.size()),
        [this, items](int i) { return recheckAndDelete(items.at(i).first, items.at(i).second); },
        m_parallel);
}

RegistryJob *PurgeRun::recheckAndDelete(const PlanItem &item, bool isTag)
{
    auto *job = new Job<QString>(this); // the reason it was kept, or empty: deleted
    auto deleteUnlessKept = [this, job, item, isTag](const QString &kept) {
        if (!kept.isEmpty())
            return job->succeed(kept);
        Job<Done> *remove = isTag ? m_client->deleteTag(item.repository, item.tag)
                                  : m_client->deleteManifest(item.repository, item.digest);
        job->setInner(remove);
        onFinished(remove, job,
                   [job](const Result<Done> &r) { r ? job->succeed({}) : job->fail(r.error()); });
    };
    // Gone already: what the plan wanted, nothing to delete.
    auto goneOrFailed = [job](const RegistryError &error) {
        error.kind() == ErrorKind::NotFound ? job->succeed({}) : job->fail(error);
    };
    if (isTag) {
        Job<TagInfo> *read = m_client->getTag(item.repository, item.tag);
        job->setInner(read);
        onFinished(read, job, [=](const Result<TagInfo> &r) {
            if (!r)
                return goneOrFailed(r.error());
            if (!r->digest.isEmpty() && r->digest != item.digest)
                return deleteUnlessKept(CleanupTr::tr("moved to %1 after planning").arg(r->digest));
            deleteUnlessKept(lockReason(r->attributes, {}));
        });
    } else {
        Job<ManifestInfo> *read = m_client->getManifestInfo(item.repository, item.digest);
        job->setInner(read);
        const QStringList planned = m_plannedTags.value(item.repository + u'@' + item.digest);
        onFinished(read, job, [=](const Result<ManifestInfo> &r) {
            if (!r)
                return goneOrFailed(r.error());
            QStringList added;
            for (const QString &tag : r->tags) {
                if (!planned.contains(tag))
                    added << tag;
            }
            if (!added.isEmpty())
                return deleteUnlessKept(CleanupTr::tr("still tagged: %1").arg(added.join(u", ")));
            deleteUnlessKept(lockReason(r->attributes, {}));
        });
    }
    onFinished(job, this, [this, item, isTag](const Result<QString> &r) {
        record({item, isTag, r ? std::nullopt : std::optional<RegistryError>(r.error()),
                r ? *r : QString()});
    });
    return job;
}

} // namespace Berth
