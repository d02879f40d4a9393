#include "cleanup/retention.h"

#include "cleanup/cleanuptr.h"

#include <QSet>

#include <algorithm>

namespace Berth {

namespace {

QString lockNames(const ChangeableAttributes &a)
{
    QStringList names;
    if (a.deleteEnabled == false)
        names << QStringLiteral("deleteEnabled=false");
    if (a.writeEnabled == false)
        names << QStringLiteral("writeEnabled=false");
    return names.join(u", ");
}

// Newest first; an unknown time counts as the oldest; ties by name, higher first.
bool newerThan(const SnapshotTag &a, const SnapshotTag &b)
{
    if (a.lastUpdateTime.isValid() != b.lastUpdateTime.isValid())
        return a.lastUpdateTime.isValid();
    if (a.lastUpdateTime != b.lastUpdateTime)
        return a.lastUpdateTime > b.lastUpdateTime;
    return a.name > b.name;
}

qint64 bytesOf(const QHash<QString, qint64> &blobs)
{
    qint64 sum = 0;
    for (qint64 size : blobs)
        sum += size;
    return sum;
}

// The unique blobs of the manifests `include` accepts.
template<typename Pred>
QHash<QString, qint64> blobsOf(const QList<SnapshotManifest> &manifests, Pred include)
{
    QHash<QString, qint64> blobs;
    for (const SnapshotManifest &m : manifests) {
        if (!include(m))
            continue;
        for (const BlobRef &b : m.blobs)
            blobs.insert(b.digest, b.size);
    }
    return blobs;
}

} // namespace

QString PlanItem::name() const
{
    return tag.isEmpty() ? repository + u'@' + digest : repository + u':' + tag;
}

QString lockReason(const ChangeableAttributes &own, const ChangeableAttributes &repository)
{
    if (own.blocksDelete())
        return CleanupTr::tr("locked: %1").arg(lockNames(own));
    if (repository.blocksDelete())
        return CleanupTr::tr("repository locked: %1").arg(lockNames(repository));
    return {};
}

QHash<QString, qint64> uniqueBlobs(const RepositorySnapshot &snapshot)
{
    return blobsOf(snapshot.manifests, [](const SnapshotManifest &) { return true; });
}

RepositorySize sizeOf(const RepositorySnapshot &snapshot)
{
    const QHash<QString, qint64> blobs = uniqueBlobs(snapshot);
    return {bytesOf(blobs), int(blobs.size()), int(snapshot.manifests.size()),
            int(snapshot.tags.size())};
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression grammar(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?(?:(\\d{1,10})s)?")));
    const QRegularExpressionMatch m = grammar.match(text);
    if (text.isEmpty() || !m.hasMatch())
        return std::nullopt;
    const qint64 factors[] = {86400, 3600, 60, 1};
    qint64 secs = 0;
    for (int i = 0; i < 4; ++i)
        secs += m.captured(i + 1).toLongLong() * factors[i];
    return secs;
}

bool RetentionRule::setFilter(const QString &filter, QString *error)
{
    const qsizetype colon = filter.lastIndexOf(u':');
    if (colon <= 0 || colon == filter.size() - 1) {
        *error = CleanupTr::tr("--filter takes REPO_REGEX:TAG_REGEX, not \"%1\".").arg(filter);
        return false;
    }
    repository.setPattern(QRegularExpression::anchoredPattern(filter.left(colon)));
    tag.setPattern(QRegularExpression::anchoredPattern(filter.mid(colon + 1)));
    for (const QRegularExpression *re : {&repository, &tag}) {
        if (!re->isValid()) {
            *error = CleanupTr::tr("\"%1\" is not a regular expression: %2")
                         .arg(filter, re->errorString());
            return false;
        }
    }
    return true;
}

RepositoryPlan
planRepository(const RepositorySnapshot &snapshot, const RetentionRule &rule, const QDateTime &now)
{
    RepositoryPlan plan;
    plan.repository = snapshot.name;
    plan.canUntag = snapshot.canUntag;
    auto item = [&](const QString &tag, const QString &digest, const QString &reason) {
        return PlanItem{snapshot.name, tag, digest, reason};
    };
    QHash<QString, const SnapshotManifest *> manifests;
    for (const SnapshotManifest &m : snapshot.manifests)
        manifests.insert(m.digest, &m);

    // Tags: the candidates (filter, --ago), newest first; locked ones stay, then --keep.
    const QDateTime cutoff = rule.agoSecs ? now.addSecs(-*rule.agoSecs) : QDateTime();
    QList<SnapshotTag> candidates;
    for (const SnapshotTag &t : snapshot.tags) {
        if (!rule.tag.match(t.name).hasMatch())
            continue;
        if (rule.agoSecs && !t.lastUpdateTime.isValid()) {
            plan.kept << item(t.name, t.digest,
                              CleanupTr::tr("no last update time (the registry does not tell)"));
            continue;
        }
        if (!rule.agoSecs || t.lastUpdateTime < cutoff)
            candidates << t;
    }
    std::sort(candidates.begin(), candidates.end(), newerThan);
    int kept = 0;
    QSet<QString> goingTags;
    for (const SnapshotTag &t : std::as_const(candidates)) {
        const QString locked = lockReason(t.attributes, snapshot.attributes);
        if (!locked.isEmpty()) {
            plan.kept << item(t.name, t.digest, locked);
        } else if (kept < rule.keep) {
            ++kept;
            plan.kept << item(
                t.name, t.digest,
                CleanupTr::tr("among the %1 newest candidates (--keep)").arg(rule.keep));
        } else {
            goingTags.insert(t.name);
        }
    }
    QHash<QString, QStringList> tagsLeft; // digest -> tags that stay
    QHash<QString, QStringList> tagsGoing;
    for (const SnapshotTag &t : snapshot.tags)
        (goingTags.contains(t.name) ? tagsGoing : tagsLeft)[t.digest] << t.name;

    // Manifests: the candidates, then whatever a kept index lists stays (to a fixed point).
    QHash<QString, QString> going; // digest -> reason
    for (const SnapshotManifest &m : snapshot.manifests) {
        if (tagsLeft.contains(m.digest))
            continue;
        QString reason;
        if (tagsGoing.contains(m.digest) && !snapshot.canUntag)
            reason = CleanupTr::tr("all its tags go (the registry cannot untag)");
        else if (rule.untagged)
            reason = tagsGoing.contains(m.digest) ? CleanupTr::tr("untagged by this plan")
                                                  : CleanupTr::tr("untagged");
        if (reason.isEmpty())
            continue;
        const QString locked = lockReason(m.attributes, snapshot.attributes);
        if (!locked.isEmpty())
            plan.kept << item({}, m.digest, locked);
        else
            going.insert(m.digest, reason);
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (const SnapshotManifest &m : snapshot.manifests) {
            if (!m.isIndex || going.contains(m.digest))
                continue;
            for (const QString &child : m.children) {
                if (going.remove(child) > 0) {
                    plan.kept << item({}, child,
                                      CleanupTr::tr("a platform of kept index %1").arg(m.digest));
                    changed = true;
                }
            }
        }
    }

    // Without untagging, a tag whose manifest stays stays too.
    for (const SnapshotTag &t : snapshot.tags) {
        if (!goingTags.contains(t.name))
            continue;
        if (!snapshot.canUntag && !going.contains(t.digest)) {
            plan.kept << item(t.name, t.digest,
                              CleanupTr::tr("its manifest stays and the registry cannot untag"));
            continue;
        }
        plan.tags << item(t.name, t.digest,
                          rule.agoSecs ? CleanupTr::tr("matches the filter, older "
                                                       "than --ago")
                                       : CleanupTr::tr("matches the filter"));
    }
    // Indexes first, so no index is left naming a deleted platform.
    for (bool indexes : {true, false}) {
        for (const SnapshotManifest &m : snapshot.manifests) {
            if (m.isIndex == indexes && going.contains(m.digest))
                plan.manifests << PlanItem{
                    snapshot.name, {}, m.digest, going.value(m.digest), m.isIndex};
        }
    }
    const QHash<QString, qint64> before = uniqueBlobs(snapshot);
    const QHash<QString, qint64> after = blobsOf(
        snapshot.manifests, [&](const SnapshotManifest &m) { return !going.contains(m.digest); });
    plan.bytesFreed = bytesOf(before) - bytesOf(after);
    return plan;
}

} // namespace Berth
