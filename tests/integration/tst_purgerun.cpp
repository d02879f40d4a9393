// PurgeRun against the ACR emulator: what changed between the plan and the run keeps the item
// (a tag locked or moved, a manifest locked or tagged, an index tagged and so its platforms, a
// repository locked, an index pushed that lists a planned manifest), reported as kept with the
// reason, and nothing the plan did not name is deleted.

#include "cleanup/purge.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/purgecontent.h"
#include "fixtures/purgeoutcome.h"
#include "fixtures/testutil.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_PurgeRun : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_PurgeRun()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    // The plan of `filter` with --untagged, as of now.
    static Result<PurgePlan> planUntagged(RegistryClient *client, const QString &filter)
    {
        RetentionRule rule;
        QString error;
        if (!rule.setFilter(filter, &error))
            return std::unexpected(RegistryError::make(u"BAD_FILTER"_qs, error));
        rule.untagged = true;
        return await<PurgePlan>(
            new PurgePlanner(client, rule, QDateTime::currentDateTimeUtc(), {}, client));
    }

    // `plan` run, its outcome split; an item that failed fails it.
    static Result<SplitOutcome>
    run(RegistryClient *client, const PurgePlan &plan, PurgeRun::ItemEnded itemEnded = {})
    {
        const auto outcome
            = await<PurgeOutcome>(new PurgeRun(client, plan, 4, std::move(itemEnded), client));
        if (!outcome)
            return std::unexpected(outcome.error());
        SplitOutcome split = splitOutcome(*outcome);
        if (!split.failed.isEmpty())
            return std::unexpected(RegistryError::make(
                u"ITEM_FAILED"_qs, QStringList(split.failed.values()).join(u", ")));
        return split;
    }

private Q_SLOTS:
    void changesAfterPlanningKeepTheItem()
    {
        const QString repo = QStringLiteral("clean/app");
        const QString multi = QStringLiteral("clean/multi");
        const PushedImage a = pushImage(*m_emu, repo, u"A"_qs, {"a"}, u"v1"_qs);
        const PushedImage b = pushImage(*m_emu, repo, u"B"_qs, {"b"}, u"v2"_qs);
        const PushedImage c = pushImage(*m_emu, repo, u"C"_qs, {"c"}, u"v3"_qs);
        const PushedImage u = pushImage(*m_emu, repo, u"U"_qs, {"u"});
        const PushedImage p1 = pushImage(*m_emu, multi, u"P1"_qs, {"p"});
        const PushedImage p2 = pushImage(*m_emu, multi, u"P2"_qs, {"q"}, {}, u"arm64"_qs);
        const QString index = pushIndex(*m_emu, multi, {p1, p2}, {});
        QVERIFY(!u.digest.isEmpty() && !index.isEmpty());

        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto plan = planUntagged(client.get(), u"clean/.*:v.*"_qs);
        BERTH_VERIFY_OK(plan);
        int planned = 0;
        for (const RepositoryPlan &p : plan->repositories)
            planned += int(p.tags.size() + p.manifests.size());
        QCOMPARE(planned, 3 + 4 + 3); // v1-v3; A, B, C, U; the index and its two platforms

        // Meanwhile: v1 locked, B locked, v3 moved to A, U and the index tagged.
        m_emu->setTagAttributes(repo, u"v1"_qs, {{QStringLiteral("deleteEnabled"), false}});
        m_emu->setManifestAttributes(repo, b.digest, {{QStringLiteral("writeEnabled"), false}});
        QCOMPARE(pushImage(*m_emu, repo, u"A"_qs, {"a"}, u"v3"_qs).digest, a.digest);
        QCOMPARE(pushImage(*m_emu, repo, u"U"_qs, {"u"}, u"new"_qs).digest, u.digest);
        QCOMPARE(pushIndex(*m_emu, multi, {p1, p2}, u"idx"_qs), index);
        m_emu->clearRequests();

        const auto split = run(client.get(), *plan);
        BERTH_VERIFY_OK(split);
        const QStringList &deleted = split->deleted;
        const QHash<QString, QString> &kept = split->kept;
        QCOMPARE(deleted, (QStringList{repo + u":v2", repo + u'@' + c.digest}));
        QCOMPARE(successfulDeletes(*m_emu),
                 (QStringList{u"/acr/v1/clean/app/_tags/v2"_qs,
                              u"/v2/clean/app/manifests/"_qs + c.digest}));
        QCOMPARE(kept.value(repo + u":v1"), u"locked: deleteEnabled=false"_qs);
        QCOMPARE(kept.value(repo + u'@' + a.digest), u"still tagged: v1, v3"_qs);
        QCOMPARE(kept.value(repo + u'@' + b.digest), u"locked: writeEnabled=false"_qs);
        QCOMPARE(kept.value(repo + u":v3"), u"moved to "_qs + a.digest + u" after planning");
        QCOMPARE(kept.value(repo + u'@' + u.digest), u"still tagged: new"_qs);
        QCOMPARE(kept.value(multi + u'@' + index), u"still tagged: idx"_qs);
        for (const PushedImage &p : {p1, p2})
            QCOMPARE(kept.value(multi + u'@' + p.digest),
                     u"an index of the repository was kept, it may list this manifest"_qs);
        QCOMPARE(kept.size(), 8);
        QCOMPARE(split->bytesFreed, 0); // no repository lost all it was to lose
    }

    // Indexes pushed (untagged) after planning, and while the tags are untagged, that list
    // manifests planned as untagged: those stay, or the new index would name a deleted platform.
    void anIndexPushedAfterPlanningKeepsItsPlatform()
    {
        const QString repo = QStringLiteral("late/app");
        const PushedImage p = pushImage(*m_emu, repo, u"P"_qs, {"p"});
        const PushedImage q = pushImage(*m_emu, repo, u"Q"_qs, {"q"});
        const PushedImage r = pushImage(*m_emu, repo, u"R"_qs, {"r"});
        const PushedImage t = pushImage(*m_emu, repo, u"T"_qs, {"t"}, u"v1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto plan = planUntagged(client.get(), u"late/.*:.*"_qs);
        BERTH_VERIFY_OK(plan);
        QCOMPARE(plan->repositories.value(0).manifests.size(), 4);

        const QString before = pushIndex(*m_emu, repo, {p}, {});
        QString during;
        m_emu->clearRequests();
        const auto split = run(client.get(), *plan, [&](const PurgeItemResult &ended) {
            if (ended.isTag) // the tags stage, before any manifest is deleted
                during = pushIndex(*m_emu, repo, {q}, {});
        });
        BERTH_VERIFY_OK(split);
        QVERIFY(!before.isEmpty() && !during.isEmpty());
        QStringList deleted{repo + u'@' + r.digest, repo + u'@' + t.digest, repo + u":v1"};
        deleted.sort();
        QCOMPARE(split->deleted, deleted);
        QCOMPARE(split->kept.value(repo + u'@' + p.digest),
                 u"referenced by index "_qs + before + u" (pushed after the plan)");
        QCOMPARE(split->kept.value(repo + u'@' + q.digest),
                 u"referenced by index "_qs + during + u" (pushed after the plan)");
        QCOMPARE(split->kept.size(), 2);
    }

    // A repository locked after planning (either lock): its items are kept, not failed.
    void aRepositoryLockedAfterPlanningKeepsItsItems()
    {
        const PushedImage a = pushImage(*m_emu, u"lock/del"_qs, u"A"_qs, {"a"}, u"v1"_qs);
        const PushedImage b = pushImage(*m_emu, u"lock/write"_qs, u"B"_qs, {"b"}, u"v1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto plan = planUntagged(client.get(), u"lock/.*:.*"_qs);
        BERTH_VERIFY_OK(plan);

        m_emu->setRepositoryAttributes(u"lock/del"_qs, {{QStringLiteral("deleteEnabled"), false}});
        m_emu->setRepositoryAttributes(u"lock/write"_qs, {{QStringLiteral("writeEnabled"), false}});
        m_emu->clearRequests();
        const auto split = run(client.get(), *plan);
        BERTH_VERIFY_OK(split);
        QCOMPARE(split->deleted, QStringList());
        const QString deleteLock = QStringLiteral("repository locked: deleteEnabled=false");
        const QString writeLock = QStringLiteral("repository locked: writeEnabled=false");
        QCOMPARE(split->kept, (QHash<QString, QString>{{u"lock/del:v1"_qs, deleteLock},
                                                       {u"lock/del@"_qs + a.digest, deleteLock},
                                                       {u"lock/write:v1"_qs, writeLock},
                                                       {u"lock/write@"_qs + b.digest, writeLock}}));
        QCOMPARE(successfulDeletes(*m_emu), QStringList());
        QCOMPARE(split->bytesFreed, 0);
    }
};

QTEST_GUILESS_MAIN(tst_PurgeRun)
#include "tst_purgerun.moc"
