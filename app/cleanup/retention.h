#pragma once

// Retention rules and the plan they make for one repository: pure logic, data in and plan
// out, shared by berth-cli's `purge` and the window. The data comes from RepositoryScan
// (cleanup/repositoryscan.h); PurgePlanner and PurgeRun (cleanup/purge.h) run it.

#include "core/attributes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace Berth {

// A blob a manifest references (its config or a layer), with the size the manifest gives.
struct BlobRef
{
    QString digest;
    qint64 size = 0;
    friend bool operator==(const BlobRef &, const BlobRef &) = default;
};

// What one repository holds, as far as a plan needs it.
struct SnapshotTag
{
    QString name;
    QString digest;
    QDateTime lastUpdateTime; // invalid where the registry does not tell (no /acr/v1/)
    ChangeableAttributes attributes;
};

struct SnapshotManifest
{
    QString digest;
    bool isIndex = false;
    QStringList children;  // an index's manifests
    QStringList platforms; // their platforms ("linux/arm64/v8", "" for none), as children
    QList<BlobRef> blobs;  // an image's config and layers
    ChangeableAttributes attributes;
};

struct RepositorySnapshot
{
    QString name;
    ChangeableAttributes attributes; // the repository's own locks
    // False on registries without /acr/v1/: a tag goes only with its manifest there.
    bool canUntag = true;
    QList<SnapshotTag> tags;
    // Every manifest known: listed ones and the children of indexes (unlistable on /v2/).
    QList<SnapshotManifest> manifests;
};

struct RepositorySize
{
    qint64 bytes = 0; // the unique blobs of every manifest, shared ones counted once
    int blobs = 0;
    int manifests = 0;
    int tags = 0;
    friend bool operator==(const RepositorySize &, const RepositorySize &) = default;
};

RepositorySize sizeOf(const RepositorySnapshot &snapshot);
// The blobs (digest -> size) every manifest of `snapshot` references, each once.
QHash<QString, qint64> uniqueBlobs(const RepositorySnapshot &snapshot);

// "30d", "2d3h", "1h30m", "90s" as seconds (days, hours, minutes, seconds, each once at most,
// in that order); std::nullopt when it is none.
std::optional<qint64> parseDuration(const QString &text);

struct RetentionRule
{
    QRegularExpression repository; // matched against the whole name (anchored)
    QRegularExpression tag;        // likewise
    std::optional<qint64> agoSecs; // only tags last updated before now - ago
    int keep = 0;                  // the newest `keep` deletable candidates stay
    bool untagged = false;         // delete manifests that no tag and no kept index reaches

    // "REPO_REGEX:TAG_REGEX" (split at the last colon); false when either is not a regex.
    bool setFilter(const QString &filter, QString *error);
};

struct PlanItem
{
    QString repository;
    QString tag;    // empty for a manifest
    QString digest; // the manifest (of the tag)
    QString reason;
    bool isIndex = false; // a manifest that lists others
    QString name() const; // "repo:tag" or "repo@digest"
};

struct RepositoryPlan
{
    QString repository;
    bool canUntag = true;
    QList<PlanItem> tags;      // to untag (without canUntag, they go with their manifest)
    QList<PlanItem> manifests; // to delete: indexes before the manifests they list
    QList<PlanItem> kept;      // what the rule matched but stays, and why
    qint64 bytesFreed = 0;     // the unique blobs no manifest left in the repository references
};

// The plan for one repository. Tags are ordered newest first by last update time, ties by
// name in descending code-point order (so of "v1" and "v2" updated together, "v2" is newer).
RepositoryPlan
planRepository(const RepositorySnapshot &snapshot, const RetentionRule &rule, const QDateTime &now);

// The reason an item is locked ("locked: deleteEnabled=false"), or empty.
QString lockReason(const ChangeableAttributes &own, const ChangeableAttributes &repository);

} // namespace Berth
