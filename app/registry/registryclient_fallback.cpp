// RegistryClient: what registries without ACR's /acr/v1/ API can still tell about manifests.

#include "registry/clientsupport.h"

#include <QJsonArray>

#include <memory>

namespace Berth {

using namespace detail;

namespace {
constexpr int ParallelHeads = 6;

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
                        if (!r && r.error().httpStatus != 404) {
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

} // namespace Berth
