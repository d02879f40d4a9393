// The clean-up core's pure logic (cleanup/retention.h): durations, filters, sizes and the
// plan a rule makes for a repository, data in and plan out.

#include "cleanup/retention.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

const QDateTime Now = QDateTime::fromString(QStringLiteral("2026-12-01T00:00:00Z"), Qt::ISODate);

QString digest(char c)
{
    return u"sha256:"_qs + QString(64, QLatin1Char(c));
}

SnapshotTag tag(const QString &name, char manifest, int daysAgo)
{
    return {name, digest(manifest), Now.addDays(-daysAgo), {}};
}

SnapshotManifest image(char c, const QList<BlobRef> &blobs)
{
    SnapshotManifest m;
    m.digest = digest(c);
    m.blobs = blobs;
    return m;
}

SnapshotManifest index(char c, const QList<char> &children)
{
    SnapshotManifest m;
    m.digest = digest(c);
    m.isIndex = true;
    for (char child : children)
        m.children << digest(child);
    return m;
}

RetentionRule rule(const QString &filter)
{
    RetentionRule r;
    QString error;
    if (!r.setFilter(filter, &error))
        qFatal("bad filter");
    return r;
}

QStringList names(const QList<PlanItem> &items)
{
    QStringList out;
    for (const PlanItem &i : items)
        out << (i.tag.isEmpty() ? i.digest.mid(7, 1) : i.tag);
    return out;
}

ChangeableAttributes locked()
{
    ChangeableAttributes a;
    a.deleteEnabled = false;
    return a;
}

} // namespace

class tst_Retention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        addColumns<QString, qint64>("text", "secs");
        QTest::newRow("days") << "30d" << qint64(30 * 86400);
        QTest::newRow("days hours") << "2d3h" << qint64(2 * 86400 + 3 * 3600);
        QTest::newRow("minutes") << "90m" << qint64(5400);
        QTest::newRow("all") << "1d1h1m1s" << qint64(90061);
        QTest::newRow("zero") << "0d" << qint64(0);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("no unit") << "30" << qint64(-1);
        QTest::newRow("out of order") << "3h2d" << qint64(-1);
        QTest::newRow("negative") << "-1d" << qint64(-1);
        QTest::newRow("weeks") << "1w" << qint64(-1);
    }
    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, secs);
        QCOMPARE(parseDuration(text).value_or(-1), secs);
    }

    void filterIsAnchoredAndSplitAtTheLastColon()
    {
        const RetentionRule r = rule(QStringLiteral("team/.*:v1.*"));
        QVERIFY(r.repository.match(QStringLiteral("team/app")).hasMatch());
        QVERIFY(!r.repository.match(QStringLiteral("x/team/app")).hasMatch());
        QVERIFY(r.tag.match(QStringLiteral("v1.2")).hasMatch());
        QVERIFY(!r.tag.match(QStringLiteral("rc-v1")).hasMatch());
        RetentionRule bad;
        QString error;
        QVERIFY(!bad.setFilter(QStringLiteral("repo"), &error));
        QVERIFY(!bad.setFilter(QStringLiteral("repo:("), &error));
        QVERIFY(!error.isEmpty());
    }

    void sizeCountsSharedBlobsOnce()
    {
        RepositorySnapshot s;
        s.tags = {tag(QStringLiteral("a"), 'a', 1), tag(QStringLiteral("b"), 'b', 1)};
        s.manifests = {image('a', {{digest('1'), 100}, {digest('2'), 1000}}),
                       image('b', {{digest('3'), 10}, {digest('2'), 1000}})};
        const RepositorySize size = sizeOf(s);
        QCOMPARE(size.bytes, qint64(1110));
        QCOMPARE(size.blobs, 3);
        QCOMPARE(size.manifests, 2);
        QCOMPARE(size.tags, 2);
    }

    void lockedTagAmongDeletableOnesStaysWithItsManifest()
    {
        RepositorySnapshot s;
        s.name = QStringLiteral("r");
        s.tags = {tag(QStringLiteral("v1"), 'a', 10), tag(QStringLiteral("v2"), 'b', 10),
                  tag(QStringLiteral("v3"), 'c', 10)};
        s.tags[1].attributes = locked();
        s.manifests = {image('a', {{digest('1'), 1}}), image('b', {{digest('2'), 2}}),
                       image('c', {{digest('3'), 4}})};
        RetentionRule r = rule(QStringLiteral("r:.*"));
        r.untagged = true;
        const RepositoryPlan plan = planRepository(s, r, Now);
        QCOMPARE(names(plan.tags), (QStringList{u"v1"_qs, u"v3"_qs}));
        QCOMPARE(names(plan.manifests), (QStringList{u"a"_qs, u"c"_qs}));
        QCOMPARE(names(plan.kept), QStringList{u"v2"_qs});
        QCOMPARE(plan.kept.first().reason, u"locked: deleteEnabled=false"_qs);
        QCOMPARE(plan.bytesFreed, qint64(5));
    }

    void repositoryLockKeepsEverything()
    {
        RepositorySnapshot s;
        s.name = QStringLiteral("r");
        s.attributes.writeEnabled = false;
        s.tags = {tag(QStringLiteral("v1"), 'a', 10)};
        s.manifests = {image('a', {}), image('b', {})};
        RetentionRule r = rule(QStringLiteral("r:.*"));
        r.untagged = true;
        const RepositoryPlan plan = planRepository(s, r, Now);
        QVERIFY(plan.tags.isEmpty());
        QVERIFY(plan.manifests.isEmpty());
        QCOMPARE(names(plan.kept), (QStringList{u"v1"_qs, u"b"_qs}));
        QCOMPARE(plan.kept.first().reason, u"repository locked: writeEnabled=false"_qs);
    }

    void agoAndKeepWithTiesInTime()
    {
        RepositorySnapshot s;
        s.name = QStringLiteral("r");
        // b and c updated at the same time: c (higher name) counts as the newer.
        s.tags = {tag(QStringLiteral("a"), 'a', 5), tag(QStringLiteral("b"), 'a', 3),
                  tag(QStringLiteral("c"), 'a', 3), tag(QStringLiteral("d"), 'a', 1),
                  tag(QStringLiteral("x"), 'a', 9)};
        s.manifests = {image('a', {})};
        RetentionRule r = rule(QStringLiteral("r:[a-d]"));
        r.agoSecs = 2 * 86400; // d is too young
        r.keep = 1;
        const RepositoryPlan plan = planRepository(s, r, Now);
        QCOMPARE(names(plan.kept), QStringList{u"c"_qs});
        QCOMPARE(names(plan.tags), (QStringList{u"a"_qs, u"b"_qs}));
        QVERIFY(plan.manifests.isEmpty());
    }

    void platformsOfAKeptIndexSurvive()
    {
        RepositorySnapshot s;
        s.name = QStringLiteral("r");
        s.tags = {tag(QStringLiteral("multi"), 'i', 1), tag(QStringLiteral("old"), 'o', 9)};
        s.manifests = {index('i', {'p', 'q'}), image('p', {{digest('1'), 10}}),
                       image('q', {{digest('2'), 20}}), image('o', {{digest('1'), 10}})};
        RetentionRule r = rule(QStringLiteral("r:old"));
        r.untagged = true;
        const RepositoryPlan plan = planRepository(s, r, Now);
        QCOMPARE(names(plan.tags), QStringList{u"old"_qs});
        QCOMPARE(names(plan.manifests), QStringList{u"o"_qs});
        QCOMPARE(names(plan.kept), (QStringList{u"p"_qs, u"q"_qs}));
        QCOMPARE(plan.bytesFreed, qint64(0)); // o's only layer is p's too

        // The index going: its platforms go with it, the index first.
        const RepositoryPlan all = planRepository(s, rule(QStringLiteral("r:.*")), Now);
        QVERIFY(all.manifests.isEmpty()); // without --untagged only tags go
        r = rule(QStringLiteral("r:.*"));
        r.untagged = true;
        const RepositoryPlan everything = planRepository(s, r, Now);
        QCOMPARE(names(everything.manifests), (QStringList{u"i"_qs, u"p"_qs, u"q"_qs, u"o"_qs}));
        QVERIFY(everything.manifests.first().isIndex);
        QCOMPARE(everything.bytesFreed, qint64(30));
    }

    void withoutUntaggingATagGoesOnlyWithItsManifest()
    {
        RepositorySnapshot s;
        s.name = QStringLiteral("r");
        s.canUntag = false;
        s.tags = {tag(QStringLiteral("a1"), 'a', 9), tag(QStringLiteral("keep"), 'a', 9),
                  tag(QStringLiteral("b1"), 'b', 9)};
        for (SnapshotTag &t : s.tags)
            t.lastUpdateTime = {};
        s.manifests = {image('a', {{digest('1'), 1}}), image('b', {{digest('2'), 2}})};
        const RepositoryPlan plan = planRepository(s, rule(QStringLiteral("r:.1")), Now);
        QCOMPARE(names(plan.tags), QStringList{u"b1"_qs});
        QCOMPARE(names(plan.manifests), QStringList{u"b"_qs});
        QCOMPARE(names(plan.kept), QStringList{u"a1"_qs});
        QCOMPARE(plan.bytesFreed, qint64(2));
        // --ago cannot be judged without times: nothing goes.
        RetentionRule r = rule(QStringLiteral("r:.*"));
        r.agoSecs = 1;
        const RepositoryPlan aged = planRepository(s, r, Now);
        QVERIFY(aged.tags.isEmpty());
        QCOMPARE(aged.kept.size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_Retention)
#include "tst_retention.moc"
