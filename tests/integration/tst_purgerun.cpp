// PurgeRun against the ACR emulator: what changed between the plan and the run keeps the item
// (a tag locked or moved, a manifest locked or tagged, an index tagged and so its platforms),
// reported as kept with the reason, and nothing the plan did not name is deleted.

#include "cleanup/purge.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/purgecontent.h"
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
        RetentionRule rule;
        QString error;
        QVERIFY(rule.setFilter(u"clean/.*:v.*"_qs, &error));
        rule.untagged = true;
        const auto plan = await<PurgePlan>(new PurgePlanner(
            client.get(), rule, QDateTime::currentDateTimeUtc(), {}, client.get()));
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

        const auto outcome
            = await<PurgeOutcome>(new PurgeRun(client.get(), *plan, 4, {}, client.get()));
        BERTH_VERIFY_OK(outcome);
        QHash<QString, QString> kept;
        QStringList deleted;
        for (const PurgeItemResult &r : outcome->results) {
            if (r.error)
                QFAIL(qPrintable(r.item.name() + u": " + r.error->message));
            if (r.kept.isEmpty())
                deleted << r.item.name();
            else
                kept.insert(r.item.name(), r.kept);
        }
        deleted.sort();
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
        QCOMPARE(outcome->bytesFreed, 0); // no repository lost all it was to lose
    }
};

QTEST_GUILESS_MAIN(tst_PurgeRun)
#include "tst_purgerun.moc"
