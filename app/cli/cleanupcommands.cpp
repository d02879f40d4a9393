// berth-cli's clean-up commands: `repo size` and `purge` (cleanup/).

#include "cleanup/purge.h"
#include "cleanup/repositoryscan.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "registry/registryclient.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Berth::Cli {

namespace {

QJsonObject itemJson(const PlanItem &item)
{
    return {{QStringLiteral("item"), item.name()}, {QStringLiteral("reason"), item.reason}};
}

QJsonArray itemsJson(const QList<PlanItem> &items)
{
    QJsonArray out;
    for (const PlanItem &item : items)
        out.append(itemJson(item));
    return out;
}

QJsonObject planJson(const QJsonArray &tags,
                     const QJsonArray &manifests,
                     const QJsonArray &kept,
                     const QJsonArray &failed,
                     qint64 bytesFreed)
{
    return {{QStringLiteral("deleted"),
             QJsonObject{{QStringLiteral("tags"), tags}, {QStringLiteral("manifests"), manifests}}},
            {QStringLiteral("kept"), kept},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("bytesFreed"), bytesFreed}};
}

QString resultLine(const PurgeItemResult &r)
{
    if (!r.kept.isEmpty())
        return QStringLiteral("kept %1 (%2)").arg(r.item.name(), r.kept);
    if (r.error)
        return QStringLiteral("failed %1: %2: %3")
            .arg(r.item.name(), r.error->code, r.error->message);
    return QStringLiteral("%1 %2").arg(r.isTag ? u"untagged" : u"deleted", r.item.name());
}

} // namespace

void CommandRunner::repoSize()
{
    const QString repo = m_args.words.at(2);
    auto *scan = new RepositoryScan(m_client, repo, std::make_shared<ManifestCache>(),
                                    {m_args.pageSize, m_args.concurrency}, m_client);
    whenDone(static_cast<Job<RepositorySnapshot> *>(scan), [this, repo](
                                                               const RepositorySnapshot &snapshot) {
        const RepositorySize size = sizeOf(snapshot);
        if (m_args.json) {
            printJson(QJsonObject{{QStringLiteral("repository"), repo},
                                  {QStringLiteral("bytes"), size.bytes},
                                  {QStringLiteral("blobs"), size.blobs},
                                  {QStringLiteral("manifests"), size.manifests},
                                  {QStringLiteral("tags"), size.tags}});
            return;
        }
        printLine(QStringLiteral("repository: %1").arg(repo));
        printLine(
            QStringLiteral("size: %1 bytes in %2 unique blobs").arg(size.bytes).arg(size.blobs));
        printLine(QStringLiteral("manifests: %1").arg(size.manifests));
        printLine(QStringLiteral("tags: %1").arg(size.tags));
    });
}

void CommandRunner::purge()
{
    if (m_args.words.size() != 1)
        return usageError(QStringLiteral("\"purge\" takes no operands, only options."));
    if (m_args.filter.isEmpty())
        return usageError(QStringLiteral("purge needs --filter REPO_REGEX:TAG_REGEX."));
    RetentionRule rule;
    QString error;
    if (!rule.setFilter(m_args.filter, &error))
        return usageError(error);
    if (!m_args.ago.isEmpty()) {
        rule.agoSecs = parseDuration(m_args.ago);
        if (!rule.agoSecs)
            return usageError(QStringLiteral("--ago takes a duration such as 30d, 2d3h or 90m, "
                                             "not \"%1\".")
                                  .arg(m_args.ago));
    }
    rule.keep = m_args.keep;
    rule.untagged = m_args.untagged;
    auto *planner = new PurgePlanner(m_client, rule, QDateTime::currentDateTimeUtc(),
                                     {m_args.pageSize, m_args.concurrency}, m_client);
    whenPlanned(planner);
}

void CommandRunner::whenPlanned(Job<PurgePlan> *planner)
{
    connect(planner, &RegistryJob::finished, this, [this, planner] {
        if (!planner->result()) {
            printError(planner->result().error());
            Q_EMIT done(1);
            return;
        }
        const PurgePlan plan = *planner->result();
        QList<PlanItem> tags, manifests, kept;
        for (const RepositoryPlan &p : plan.repositories) {
            tags << p.tags;
            manifests << p.manifests;
            kept << p.kept;
        }
        if (!m_args.json) {
            for (const PlanItem &k : std::as_const(kept))
                printLine(QStringLiteral("kept %1 (%2)").arg(k.name(), k.reason));
        }
        if (m_args.dryRun) {
            if (m_args.json)
                return printJson(planJson(itemsJson(tags), itemsJson(manifests), itemsJson(kept),
                                          {}, plan.bytesFreed())),
                       Q_EMIT done(0);
            for (const PlanItem &t : std::as_const(tags))
                printLine(QStringLiteral("would untag %1 (%2)").arg(t.name(), t.reason));
            for (const PlanItem &m : std::as_const(manifests))
                printLine(QStringLiteral("would delete %1 (%2)").arg(m.name(), m.reason));
            printLine(QStringLiteral("Plan: %1 tag(s) to untag, %2 manifest(s) to delete, %3 "
                                     "kept, %4 bytes freed.")
                          .arg(tags.size())
                          .arg(manifests.size())
                          .arg(kept.size())
                          .arg(plan.bytesFreed()));
            Q_EMIT done(0);
            return;
        }
        const bool json = m_args.json;
        auto *run = new PurgeRun(
            m_client, plan, m_args.concurrency,
            [json](const PurgeItemResult &r) {
                if (!json)
                    printLine(resultLine(r));
            },
            m_client);
        connect(run, &RegistryJob::finished, this, [this, run, kept] { ranPlan(run, kept); });
    });
}

void CommandRunner::ranPlan(Job<PurgeOutcome> *run, const QList<PlanItem> &kept)
{
    if (!run->result()) {
        printError(run->result().error());
        Q_EMIT done(1);
        return;
    }
    const PurgeOutcome &outcome = *run->result();
    QJsonArray tags, manifests, failed;
    QJsonArray keptJson = itemsJson(kept);
    int deletedTags = 0;
    int deletedManifests = 0;
    for (const PurgeItemResult &r : outcome.results) {
        if (!r.kept.isEmpty()) {
            PlanItem k = r.item;
            k.reason = r.kept;
            keptJson.append(itemJson(k));
        } else if (r.error) {
            QJsonObject f = itemJson(r.item);
            f.insert(QStringLiteral("code"), r.error->code);
            f.insert(QStringLiteral("reason"), r.error->message);
            failed.append(f);
        } else {
            (r.isTag ? tags : manifests).append(itemJson(r.item));
            ++(r.isTag ? deletedTags : deletedManifests);
        }
    }
    if (m_args.json)
        printJson(planJson(tags, manifests, keptJson, failed, outcome.bytesFreed));
    else
        printLine(QStringLiteral("Untagged %1 tag(s), deleted %2 manifest(s); %3 kept, %4 "
                                 "failed; %5 bytes freed.")
                      .arg(deletedTags)
                      .arg(deletedManifests)
                      .arg(keptJson.size())
                      .arg(failed.size())
                      .arg(outcome.bytesFreed));
    Q_EMIT done(failed.isEmpty() ? 0 : 1);
}

} // namespace Berth::Cli
