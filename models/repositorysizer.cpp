#include "models/repositorysizer.h"

#include "cleanup/repositoryscan.h"
#include "registry/registryclient.h"

#include <algorithm>

namespace Berth {

namespace {
// Whether a target is one of the registry `registry`'s.
auto ofRegistry(quint64 registry)
{
    return [registry](const RepositorySizer::Target &t) {
        return t.registry == registry;
    };
}
} // namespace

RepositorySizer::RepositorySizer(QObject *parent)
    : QObject(parent)
{}

void RepositorySizer::want(const QList<Target> &targets)
{
    m_waiting.clear();
    for (const Target &target : targets) {
        if (!m_running.contains(target) && !m_waiting.contains(target))
            m_waiting << target;
    }
    startNext();
}

void RepositorySizer::wantInBackground(const QList<Target> &targets)
{
    m_background << targets; // a target sized or running by the time it comes up is skipped
    startNext();
}

void RepositorySizer::forget(quint64 registry)
{
    m_background.removeIf(ofRegistry(registry));
    m_sized.removeIf(ofRegistry(registry));
}

bool RepositorySizer::isBusy(quint64 registry) const
{
    const auto mine = ofRegistry(registry);
    return std::any_of(m_running.cbegin(), m_running.cend(), mine)
           || std::any_of(m_waiting.cbegin(), m_waiting.cend(), mine)
           || std::any_of(m_background.cbegin(), m_background.cend(), mine);
}

void RepositorySizer::startNext()
{
    while (m_running.size() < m_parallel && (!m_waiting.isEmpty() || !m_background.isEmpty())) {
        const Target target
            = m_waiting.isEmpty() ? m_background.takeFirst() : m_waiting.takeFirst();
        if (target.client && !m_running.contains(target) && !m_sized.contains(target))
            start(target);
    }
}

void RepositorySizer::start(const Target &target)
{
    ScanOptions options;
    options.acrTags = false;
    auto *scan = new RepositoryScan(target.client, target.path, m_cache, options, target.client);
    m_running << target;
    onFinished(scan, this, [this, target](const Result<RepositorySnapshot> &snapshot) {
        m_running.removeOne(target);
        m_sized.insert(target);
        if (!snapshot) {
            Q_EMIT sized(target, {}, {}, snapshot.error().toString());
        } else {
            RepositorySize size = sizeOf(*snapshot);
            if (target.client && target.client->capabilities()
                && target.client->capabilities()->acr)
                size.tags = -1;
            Q_EMIT sized(target, size, uniqueBlobs(*snapshot), {});
        }
        startNext();
    });
}

} // namespace Berth
