// RegistryClient: which indexes in a repository reference a manifest, so that deleting it
// does not silently break them.

#include "core/manifest.h"
#include "core/mediatypes.h"
#include "registry/clientsupport.h"
#include "registry/jobbatch.h"
#include "registry/registrytr.h"

#include <QJsonArray>

#include <memory>

namespace Berth {

using namespace detail;

namespace {

constexpr int AcrPageSize = 100;
constexpr int TagPageSize = 1000; // stepped down by the lister if the registry refuses it
constexpr int ParallelReads = 4;

bool listsPlatform(const QList<PlatformRef> &references, const QString &digest)
{
    return std::any_of(references.cbegin(), references.cend(),
                       [&](const PlatformRef &p) { return p.digest == digest; });
}

bool listsManifest(const QList<Descriptor> &manifests, const QString &digest)
{
    return std::any_of(manifests.cbegin(), manifests.cend(),
                       [&](const Descriptor &d) { return d.digest == digest; });
}

// Reads candidate indexes through a JobBatch; aborting the job aborts the reads.
class IndexScan : public Job<QList<ReferencingIndex>>
{
public:
    explicit IndexScan(QObject *parent)
        : Job(parent)
        , m_batch(new JobBatch(this))
    {}
    JobBatch *batch() const { return m_batch; }

protected:
    void onAbort() override
    {
        m_batch->abort();
        Job::onAbort();
    }

private:
    JobBatch *m_batch;
};

} // namespace

// One entry per digest, tags merged (on /v2/ a manifest may come on several tag pages).
QList<ManifestInfo> detail::mergedByDigest(const QList<ManifestInfo> &manifests)
{
    QList<ManifestInfo> merged;
    QHash<QString, qsizetype> at;
    for (const ManifestInfo &m : manifests) {
        const auto it = at.constFind(m.digest);
        if (it == at.cend()) {
            at.insert(m.digest, merged.size());
            merged.append(m);
            continue;
        }
        for (const QString &tag : m.tags) {
            if (!merged[*it].tags.contains(tag))
                merged[*it].tags.append(tag);
        }
        merged[*it].tags.sort();
    }
    return merged;
}

RegistryError manifestReferenced(const QString &digest, const QList<ReferencingIndex> &indexes)
{
    QStringList named;
    QJsonArray detail;
    for (const ReferencingIndex &index : indexes) {
        named << (index.tags.isEmpty()
                      ? RegistryTr::tr("%1 (untagged)").arg(index.digest)
                      : RegistryTr::tr("%1 (tags: %2)").arg(index.digest, index.tags.join(u", ")));
        detail.append(
            QJsonObject{{QStringLiteral("digest"), index.digest},
                        {QStringLiteral("tags"), QJsonArray::fromStringList(index.tags)}});
    }
    RegistryError error = RegistryError::make(
        ErrorCode::ManifestReferenced,
        RegistryTr::tr("%1 is a platform of %2").arg(digest, named.join(QStringLiteral("; "))));
    error.detail = detail;
    return error;
}

Job<Done> *RegistryClient::deleteUnreferencedManifest(const QString &repo, const QString &digest)
{
    auto *job = new Job<Done>(this);
    Job<QList<ReferencingIndex>> *check = indexesReferencing(repo, digest);
    job->setInner(check);
    connect(check, &RegistryJob::finished, job, [this, job, check, repo, digest] {
        const Result<QList<ReferencingIndex>> &found = check->result();
        if (!found) {
            job->fail(found.error());
            return;
        }
        if (!found->isEmpty()) {
            job->fail(manifestReferenced(digest, *found));
            return;
        }
        Job<Done> *remove = deleteManifest(repo, digest);
        completeWith(job, remove);
    });
    return job;
}

Job<QList<ReferencingIndex>> *RegistryClient::indexesReferencing(const QString &repo,
                                                                 const QString &digest)
{
    using Found = QList<ReferencingIndex>;
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<Found>(this, *e);
    return withCapabilities<Found>([=, this](const Capabilities &caps) -> Job<Found> * {
        auto *job = new IndexScan(this);
        ListOptions options;
        options.pageSize = caps.acr ? AcrPageSize : TagPageSize;
        Job<QList<ManifestInfo>> *all = listManifests(repo, options);
        job->setInner(all);
        connect(all, &RegistryJob::finished, job, [=, this] {
            if (!all->result()) {
                job->fail(all->result().error());
                return;
            }
            const QList<ManifestInfo> manifests = mergedByDigest(*all->result());
            auto found = std::make_shared<Found>();
            if (caps.acr) {
                for (const ManifestInfo &m : manifests) {
                    if (m.digest != digest && listsPlatform(m.references, digest))
                        found->append({m.digest, m.tags});
                }
                job->succeed(*found);
                return;
            }
            // /v2/ only: read every index, and whatever the HEAD gave no type for.
            QList<ManifestInfo> candidates;
            for (const ManifestInfo &m : manifests) {
                if (m.digest != digest
                    && (m.mediaType.isEmpty() || MediaType::isIndex(m.mediaType)))
                    candidates.append(m);
            }
            if (candidates.size() > MaxIndexesRead) {
                job->fail(RegistryError::make(
                    ErrorCode::TooManyIndexes,
                    RegistryTr::tr(
                        "%1 has %2 tagged indexes; reading more than %3 of them to find those "
                        "that reference %4 is not attempted.")
                        .arg(repo)
                        .arg(candidates.size())
                        .arg(MaxIndexesRead)
                        .arg(digest)));
                return;
            }
            auto error = std::make_shared<std::optional<RegistryError>>();
            connect(job->batch(), &JobBatch::finished, job, [job, found, error] {
                if (*error) {
                    job->fail(**error);
                    return;
                }
                std::sort(found->begin(), found->end(),
                          [](const ReferencingIndex &a, const ReferencingIndex &b) {
                              return a.digest < b.digest;
                          });
                job->succeed(*found);
            });
            job->batch()->run(
                int(candidates.size()),
                [=, this](int i) -> RegistryJob * {
                    const ManifestInfo &candidate = candidates.at(i);
                    Job<ManifestContent> *get = getManifest(repo, candidate.digest);
                    onFinished(get, job, [=](const Result<ManifestContent> &r) {
                        if (!r) {
                            // An index deleted meanwhile breaks nothing; anything else
                            // leaves the answer unknown.
                            if (r.error().kind() != ErrorKind::NotFound && !*error) {
                                *error = r.error();
                                job->batch()->abort();
                            }
                            return;
                        }
                        const Result<Manifest> parsed = parseManifest(r->body, r->mediaType);
                        if (!parsed && MediaType::isIndex(r->mediaType) && !*error) {
                            *error = parsed.error(); // an index that cannot be read
                            job->batch()->abort();
                        } else if (parsed && parsed->kind == Manifest::Kind::Index
                                   && listsManifest(parsed->manifests, digest)) {
                            found->append({candidate.digest, candidate.tags});
                        }
                    });
                    return get;
                },
                ParallelReads);
        });
        return job;
    });
}

} // namespace Berth
