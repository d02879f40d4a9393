#pragma once

#include "cleanup/manifestread.h"
#include "cleanup/retention.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

namespace Berth {

class RegistryClient;
class RegistryJob;

// Sizes repositories for the tree, a few at a time: each a RepositoryScan of its manifest
// list and the manifests the ManifestCache lacks (no tags, no locks), then sizeOf(). Only what
// is wanted now is sized: want() replaces the waiting list (the rows in sight), so scrolling
// through 3,000 repositories queues no more than a screenful, and the scans already running
// finish (their results are kept). Each scan ends in one `sized`.
// Size All adds a second, lower queue: wantInBackground() appends targets that stay until
// they are sized or forget() drops their registry's, whatever want() asks later;
// they start when nothing in sight waits. Both queues share the same bound on scans.
class RepositorySizer : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QPointer<RegistryClient> client;
        quint64 registry = 0;   // the tree's id of the registry
        quint64 generation = 0; // its paging generation (a refresh drops what was asked before)
        QString path;
        friend bool operator==(const Target &a, const Target &b)
        {
            return a.client == b.client && a.registry == b.registry && a.generation == b.generation
                   && a.path == b.path;
        }
        friend size_t qHash(const Target &t, size_t seed = 0)
        {
            return qHashMulti(seed, t.registry, t.generation, t.path);
        }
    };

    explicit RepositorySizer(QObject *parent = nullptr);

    void setCache(std::shared_ptr<ManifestCache> cache) { m_cache = std::move(cache); }
    void setParallel(int scans) { m_parallel = qMax(1, scans); }
    // Sizes these (in order) once the scans running now leave room; drops what waited.
    void want(const QList<Target> &targets);
    // Whether scans of the registry `registry` run or wait, in sight or in the background.
    bool isBusy(quint64 registry) const;
    // Sizes these after everything in sight (Size All), until sized or dropped.
    void wantInBackground(const QList<Target> &targets);
    // Drops the background targets of the registry `registry` that have not started, and what
    // it remembers of its ended ones (on Stop, refresh or removal).
    void forget(quint64 registry);

Q_SIGNALS:
    // `size.tags` is -1 on ACR (its tag count comes with the repository's attributes);
    // `blobs` are the ones it counts (digest -> size); `error` says why there is no size
    // (empty: there is).
    void sized(const Berth::RepositorySizer::Target &target,
               const Berth::RepositorySize &size,
               const QHash<QString, qint64> &blobs,
               const QString &error);

private:
    void startNext();
    void start(const Target &target);

    std::shared_ptr<ManifestCache> m_cache = std::make_shared<ManifestCache>();
    QList<Target> m_waiting;
    QList<Target> m_background;
    QList<Target> m_running;
    QSet<Target> m_sized; // ended (sized or failed): a background target met again is skipped
    int m_parallel = 2;
};

} // namespace Berth
