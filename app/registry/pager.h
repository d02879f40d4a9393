#pragma once

#include "core/attributes.h"
#include "core/job.h"

#include <QSet>

#include <functional>
#include <memory>

namespace Berth {

// PAGING_LOOP: `next` points back at a page already read.
RegistryError pagingLoopError(const QUrl &next);
// TOO_MANY_PAGES: stopped after `maxPages` pages holding `items` items.
RegistryError tooManyPagesError(int maxPages, qsizetype items);

// Follows pages until one has no `next` or comes back empty. A `next` that was already
// visited (a Link pointing at itself or back) fails with PAGING_LOOP instead of looping, and
// a registry that invents new pages for ever is stopped after `maxPages` (TOO_MANY_PAGES).
template<typename T>
Job<QList<T>> *
collectPages(QObject *parent, int maxPages, std::function<Job<Page<T>> *(const QUrl &)> fetch)
{
    struct State
    {
        QList<T> items;
        QSet<QUrl> visited;
        std::function<void(const QUrl &)> step;
    };
    auto *job = new Job<QList<T>>(parent);
    auto state = std::make_shared<State>();
    std::weak_ptr<State> weak = state;
    state->step = [job, fetch, weak, maxPages](const QUrl &url) {
        Job<Page<T>> *page = fetch(url);
        job->setInner(page);
        QObject::connect(page, &RegistryJob::finished, job, [job, page, weak, maxPages] {
            auto s = weak.lock();
            if (!s)
                return;
            const Result<Page<T>> &r = page->result();
            if (!r) {
                job->fail(r.error());
                return;
            }
            s->items += r->items;
            if (r->next.isEmpty() || r->items.isEmpty()) {
                job->succeed(std::move(s->items));
                return;
            }
            if (s->visited.contains(r->next)) {
                job->fail(pagingLoopError(r->next));
                return;
            }
            if (s->visited.size() >= maxPages) {
                job->fail(tooManyPagesError(maxPages, s->items.size()));
                return;
            }
            s->visited.insert(r->next);
            s->step(r->next);
        });
    };
    // The job keeps the state alive until it is destroyed.
    QObject::connect(job, &QObject::destroyed, [state]() mutable { state.reset(); });
    state->visited.insert(QUrl());
    state->step(QUrl());
    return job;
}

} // namespace Berth
