#include "models/repositorysizer.h"

#include "cleanup/repositoryscan.h"
#include "registry/registryclient.h"

namespace Berth {

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

bool RepositorySizer::isSizing(const Target &target) const
{
    return m_running.contains(target) || m_waiting.contains(target);
}

void RepositorySizer::startNext()
{
    while (m_running.size() < m_parallel && !m_waiting.isEmpty()) {
        const Target target = m_waiting.takeFirst();
        if (!target.client)
            continue;
        ScanOptions options;
        options.acrTags = false;
        auto *scan
            = new RepositoryScan(target.client, target.path, m_cache, options, target.client);
        m_running << target;
        onFinished(scan, this, [this, target](const Result<RepositorySnapshot> &snapshot) {
            m_running.removeOne(target);
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
}

} // namespace Berth
