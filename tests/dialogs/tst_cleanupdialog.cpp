// The clean-up dialog against the ACR emulator (locks, an index with untagged platforms,
// untagged manifests, shared layers): its preview lists exactly what `berth-cli purge
// --dry-run` plans, Run (after the confirmation) deletes exactly that and keeps the locked
// tag with its reason, and a repository of 5,000 tags is planned from pages without holding
// up the event loop, and can be stopped.

#include "cli/clirun.h"
#include "dialogtest.h"
#include "fixtures/purgecontent.h"
#include "fixtures/screenshot.h"
#include "models/cleanuppreviewmodel.h"
#include "ui/dialogs/cleanupdialog.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QSpinBox>
#include <QTimer>

using namespace Berth;
using namespace Berth::Test;

class tst_CleanupDialog : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_CleanupDialog()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    std::unique_ptr<RegistryClient> m_client;
    void connectClient() override
    {
        m_client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
    }
    void disconnectClient() override { m_client.reset(); }

    // The dialog on `filter`, its model under the tester; null when it could not be made.
    std::unique_ptr<CleanupDialog> dialog(const QString &filter)
    {
        auto d = std::make_unique<CleanupDialog>(m_client.get(), filter, nullptr);
        new QAbstractItemModelTester(
            d->preview(), QAbstractItemModelTester::FailureReportingMode::QtTest, d.get());
        d->show();
        return d;
    }
    static bool planShown(CleanupDialog *d)
    {
        return !child<QLabel>(d, "summary")->text().isEmpty() && !d->isPlanning();
    }
    // "untag repo:tag", "delete repo@digest", "keep name: reason", sorted.
    static QStringList rows(const CleanupPreviewModel *model)
    {
        QStringList out;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString reason
                = model->index(row, CleanupPreviewModel::ReasonColumn).data().toString();
            switch (model->action(row)) {
            case CleanupPreviewModel::Action::Untag:
                out << u"untag "_qs + model->itemName(row);
                break;
            case CleanupPreviewModel::Action::Delete:
                out << u"delete "_qs + model->itemName(row);
                break;
            case CleanupPreviewModel::Action::Keep:
                out << u"keep "_qs + model->itemName(row) + u": " + reason;
                break;
            }
        }
        out.sort();
        return out;
    }
    static QStringList rows(const QJsonObject &plan)
    {
        QStringList out;
        const QJsonObject deleted = plan.value(u"deleted").toObject();
        for (const QJsonValue &v : deleted.value(u"tags").toArray())
            out << u"untag "_qs + v.toObject().value(u"item").toString();
        for (const QJsonValue &v : deleted.value(u"manifests").toArray())
            out << u"delete "_qs + v.toObject().value(u"item").toString();
        for (const QJsonValue &v : plan.value(u"kept").toArray())
            out << u"keep "_qs + v.toObject().value(u"item").toString() + u": "
                       + v.toObject().value(u"reason").toString();
        out.sort();
        return out;
    }

private Q_SLOTS:
    void previewIsTheDryRunAndRunDeletesIt()
    {
        // clean/app: v1-v4 (v3 locked) updated together, three sharing a layer; "multi" an
        // index of two untagged platforms; U untagged. other/app is outside the filter.
        const QString repo = QStringLiteral("clean/app");
        const QByteArray shared(1000, 's');
        pushImage(*m_emu, repo, u"A"_qs, {shared, "a"}, u"v1"_qs);
        pushImage(*m_emu, repo, u"B"_qs, {shared, "b"}, u"v2"_qs);
        pushImage(*m_emu, repo, u"C"_qs, {shared, "c"}, u"v3"_qs);
        pushImage(*m_emu, repo, u"D"_qs, {"d"}, u"v4"_qs);
        const PushedImage p1 = pushImage(*m_emu, repo, u"P1"_qs, {"p"});
        const PushedImage p2 = pushImage(*m_emu, repo, u"P2"_qs, {"q"}, {}, u"arm64"_qs);
        QVERIFY(!pushIndex(*m_emu, repo, {p1, p2}, u"multi"_qs).isEmpty());
        QVERIFY(!pushImage(*m_emu, repo, u"U"_qs, {"u"}).digest.isEmpty());
        for (const char16_t *tag : {u"v1", u"v2", u"v3", u"v4"})
            m_emu->setTagUpdated(repo, QString::fromUtf16(tag), u"2024-01-01T00:00:00Z"_qs);
        m_emu->setTagAttributes(repo, u"v3"_qs, {{QStringLiteral("deleteEnabled"), false}});
        pushImage(*m_emu, u"other/app"_qs, u"O"_qs, {shared}, u"v1"_qs);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), m_emu->url().toString());
        env.insert(QStringLiteral("BERTH_USERNAME"), m_user);
        env.insert(QStringLiteral("BERTH_PASSWORD"), m_password);
        const CliRun dryRun = runCli({u"-o"_qs, u"json"_qs, u"purge"_qs, u"--filter"_qs,
                                      u"clean/.*:v.*"_qs, u"--keep"_qs, u"1"_qs, u"--ago"_qs,
                                      u"1d"_qs, u"--untagged"_qs, u"--dry-run"_qs},
                                     env);
        QCOMPARE(dryRun.exitCode, 0);
        const QStringList planned = rows(dryRun.json().object());
        QVERIFY(planned.contains(u"keep clean/app:v3: locked: deleteEnabled=false"_qs));

        auto d = dialog(u"clean/.*"_qs);
        child<QLineEdit>(d.get(), "tagFilter")->setText(u"v.*"_qs);
        child<QLineEdit>(d.get(), "olderThan")->setText(u"1d"_qs);
        child<QSpinBox>(d.get(), "keep")->setValue(1);
        child<QCheckBox>(d.get(), "untagged")->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(planShown(d.get()), Wait);
        QCOMPARE(rows(d->preview()), planned);
        d->resize(1000, 560);
        saveScreenshot(d.get(), u"cleanup-preview"_qs);

        m_emu->clearRequests();
        child<QPushButton>(d.get(), "run")->click();
        auto *box = d->findChild<QMessageBox *>(u"confirmation"_qs);
        QVERIFY(box);
        QVERIFY2(box->text().startsWith(u"Untag 2 tag")
                     && box->text().contains(u"delete 3 manifest"),
                 qPrintable(box->text()));
        QVERIFY(box->informativeText().contains(u"cannot be undone"));
        child<QPushButton>(box, "confirm")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isRunning() && !d->isPlanning(), Wait);
        QVERIFY2(message(d.get())->kind() == MessageLabel::Kind::Success,
                 qPrintable(message(d.get())->text()));
        QStringList expected;
        for (const QString &row : planned) {
            if (row.startsWith(u"untag "))
                expected << u"/acr/v1/"_qs + row.mid(6).replace(u':', u"/_tags/"_qs);
            else if (row.startsWith(u"delete "))
                expected << u"/v2/"_qs + row.mid(7).replace(u'@', u"/manifests/"_qs);
        }
        expected.sort();
        QCOMPARE(successfulDeletes(*m_emu), expected);
        saveScreenshot(d.get(), u"cleanup-done"_qs);
        const QString summary = child<QLabel>(d.get(), "summary")->text();
        QVERIFY2(summary.startsWith(u"Untagged 2 tag") && summary.contains(u"deleted 3 manifest"),
                 qPrintable(summary));
        const CleanupPreviewModel *preview = d->preview();
        for (int row = 0; row < preview->rowCount(); ++row) {
            const QString outcome
                = preview->index(row, CleanupPreviewModel::OutcomeColumn).data().toString();
            if (preview->action(row) == CleanupPreviewModel::Action::Keep)
                QVERIFY(outcome.isEmpty());
            else
                QVERIFY2(outcome == u"untagged" || outcome == u"deleted", qPrintable(outcome));
        }
    }

    void manyTagsArePlannedFromPagesAndCanBeStopped()
    {
        m_emu->seedBulk(1, u"bulk/many"_qs, 5000);
        int ticks = 0; // the event loop's turns while planning
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(0);
        auto d = dialog(u"bulk/many"_qs);
        QVERIFY(d->isPlanning());
        child<QPushButton>(d.get(), "stop")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isPlanning(), Wait);
        QVERIFY(message(d.get())->text().startsWith(u"Planning stopped"));
        QCOMPARE(d->preview()->rowCount(), 0);

        m_emu->clearRequests();
        ticks = 0;
        child<QLineEdit>(d.get(), "tagFilter")->setText(u"t.*"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(planShown(d.get()), 60000);
        QCOMPARE(d->preview()->count(CleanupPreviewModel::Action::Untag), 5000);
        int pages = 0;
        for (const auto &r : m_emu->requests())
            pages += r.method == "GET" && r.path.endsWith(u"/_tags") && r.status == 200;
        QVERIFY2(pages >= 5, qPrintable(QString::number(pages)));
        QVERIFY2(ticks > pages, qPrintable(QString::number(ticks)));
    }
};

QTEST_MAIN(tst_CleanupDialog)
#include "tst_cleanupdialog.moc"
