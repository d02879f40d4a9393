// RegistryClient: what registries without ACR's /acr/v1/ API can still tell about manifests.

#include "registry/clientsupport.h"
#include "registry/registrytr.h"

#include <QJsonArray>

#include <memory>

namespace Berth {

using namespace detail;

namespace {
constexpr int ParallelHeads = 6;
constexpr int TagPageSize = 1000; // stepped down by the lister if the registry refuses it

struct Grouping
{
    QList<TagInfo> tags;
    int nextTag = 0;
    int running = 0;
    QList<ManifestInfo> manifests; // in the order their first tag came
    QUrl next;
    bool failed = false;
};
} // namespace

Job<Page<ManifestInfo>> *
RegistryClient::manifestsFromTags(const QString &repo, const ListOptions &options, const QUrl &page)
{
    auto *job = new Job<Page<ManifestInfo>>(this);
    ListOptions tagOptions = options;
    tagOptions.orderBy = OrderBy::None;
    Job<Page<TagInfo>> *tags = tagPage(repo, tagOptions, page);
    job->setInner(tags);
    connect(tags, &RegistryJob::finished, job, [this, job, tags, repo] {
        if (!tags->result()) {
            job->fail(tags->result().error());
            return;
        }
        auto state = std::make_shared<Grouping>();
        state->tags = tags->result()->items;
        state->next = tags->result()->next;
        auto pump = std::make_shared<std::function<void()>>();
        *pump = [this, job, repo, state, weakPump = std::weak_ptr<std::function<void()>>(pump)] {
            auto self = weakPump.lock();
            if (!self || state->failed)
                return;
            while (state->running < ParallelHeads && state->nextTag < state->tags.size()) {
                const QString tag = state->tags.at(state->nextTag++).name;
                ++state->running;
                Job<std::optional<ManifestHead>> *head = headManifest(repo, tag);
                connect(head, &RegistryJob::finished, job, [job, head, tag, state, self] {
                    --state->running;
                    const auto &r = head->result();
                    if (!r || !r->has_value()) {
                        // A tag deleted meanwhile is skipped; any other failure ends the page.
                        if (!r && r.error().kind() != ErrorKind::NotFound) {
                            state->failed = true;
                            job->fail(r.error());
                            return;
                        }
                    } else {
                        const ManifestHead &m = **r;
                        auto it = std::find_if(
                            state->manifests.begin(), state->manifests.end(),
                            [&](const ManifestInfo &i) { return i.digest == m.digest; });
                        if (it == state->manifests.end()) {
                            ManifestInfo info;
                            info.digest = m.digest;
                            info.mediaType = m.mediaType;
                            state->manifests << info;
                            it = std::prev(state->manifests.end());
                        }
                        it->tags << tag;
                    }
                    (*self)();
                });
            }
            if (state->running == 0 && state->nextTag >= state->tags.size()) {
                for (ManifestInfo &info : state->manifests) {
                    // In name order, as the page: the HEADs answer in any order.
                    info.tags.sort();
                    info.json = {{QStringLiteral("digest"), info.digest},
                                 {QStringLiteral("mediaType"), info.mediaType},
                                 {QStringLiteral("tags"), QJsonArray::fromStringList(info.tags)}};
                }
                job->succeed(Page<ManifestInfo>{state->manifests, state->next});
            }
        };
        // The job owns the pump until it is gone.
        connect(job, &QObject::destroyed, [pump]() mutable { pump.reset(); });
        (*pump)();
    });
    return job;
}

Job<ManifestInfo> *RegistryClient::manifestOfTag(const QString &repo, const QString &tag)
{
    return withCapabilities<ManifestInfo>([=, this](const Capabilities &caps) {
        auto *job = new Job<ManifestInfo>(this);
        if (caps.acr) {
            Job<TagInfo> *t = getTag(repo, tag);
            job->setInner(t);
            connect(t, &RegistryJob::finished, job, [this, job, t, repo] {
                if (!t->result()) {
                    job->fail(t->result().error());
                    return;
                }
                Job<ManifestInfo> *info = getManifestInfo(repo, t->result()->digest);
                completeWith(job, info);
            });
            return job;
        }
        ListOptions options;
        options.pageSize = TagPageSize;
        chain(job, listManifests(repo, options),
              [repo, tag](const QList<ManifestInfo> &all) -> Result<ManifestInfo> {
                  for (const ManifestInfo &m : mergedByDigest(all)) {
                      if (m.tags.contains(tag))
                          return m;
                  }
                  return std::unexpected(
                      RegistryError::make(ErrorCode::TagUnknown,
                                          RegistryTr::tr("%1 has no tag %2.").arg(repo, tag), 404));
              });
        return job;
    });
}

Job<Done> *
RegistryClient::untagRefused(const QString &repo, const QString &tag, const RegistryError &refusal)
{
    auto *job = new Job<Done>(this);
    Job<ManifestInfo> *of = manifestOfTag(repo, tag);
    job->setInner(of);
    connect(of, &RegistryJob::finished, job, [job, of, repo, tag, refusal] {
        const QString cannot
            = RegistryTr::tr(
                  "This registry cannot delete a tag on its own (it answered %1, HTTP %2): "
                  "CNCF distribution removes a tag only by deleting the manifest it points "
                  "to, and every tag of that manifest with it.")
                  .arg(refusal.code)
                  .arg(refusal.httpStatus);
        QJsonObject detail{{QStringLiteral("registryCode"), refusal.code}};
        QString what;
        if (const Result<ManifestInfo> &m = of->result()) {
            what = RegistryTr::tr(
                       "To remove %1:%2, delete the manifest %1@%3, which also deletes its "
                       "tags: %4.")
                       .arg(repo, tag, m->digest, m->tags.join(u", "));
            detail.insert(QStringLiteral("digest"), m->digest);
            detail.insert(QStringLiteral("tags"), QJsonArray::fromStringList(m->tags));
        } else {
            what = RegistryTr::tr(
                       "To remove %1:%2, delete the manifest it points to, with all its tags.")
                       .arg(repo, tag);
        }
        RegistryError error
            = RegistryError::make(ErrorCode::Unsupported, cannot + u' ' + what, refusal.httpStatus);
        error.detail = detail;
        job->fail(error);
    });
    return job;
}

} // namespace Berth
