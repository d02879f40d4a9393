// The window's actions follow what the user sees (offscreen, against the ACR emulator):
// the visible selection, select-all over a repository that is not fully loaded, locks a
// repository passes down to its tags, views that stay current after a change, Select Untagged
// (never an index's untagged platforms) and Clean Up… on a folder (its repositories the filter).

#include "fixtures/purgecontent.h"
#include "models/cleanuppreviewmodel.h"
#include "models/lockcolumns.h"
#include "models/manifestmodel.h"
#include "models/pagedloader.h"
#include "models/repositorymodel.h"
#include "ui/dialogs/cleanupdialog.h"
#include "ui/dialogs/deletedialog.h"
#include "ui/dialogs/lockdialog.h"
#include "ui/manifestview.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>

using namespace Berth;
using namespace Berth::Test;

class tst_Selection : public WindowTest
{
    Q_OBJECT

    static constexpr int BigTags = 2001; // big/repo: tags t00001…, and `latest`

    // Opens big/repo (its first page) and waits for the tree to know how many tags it has.
    bool openBigRepository()
    {
        if (!openRepository(QStringLiteral("big/repo")))
            return false;
        const QModelIndex repo
            = m_window->repositoryModel()->findRepository(registry(), QStringLiteral("big/repo"));
        return QTest::qWaitFor(
            [&] {
                return repo.siblingAtColumn(RepositoryModel::Tags).data().toInt() == BigTags + 1;
            },
            Wait);
    }

private Q_SLOTS:
    void init() { startWindow(BigTags); }
    void cleanup() { stopWindow(); }

    // Clicking under the rows clears the highlight: nothing is acted on, nothing is shown.
    void clickOnEmptyAreaClearsActionsAndDetails()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
        QVERIFY(m_window->actions().deleteSelected->isEnabled());
        QVERIFY(m_window->actions().editLocks->isEnabled());

        QTableView *view = pane()->tagView();
        const QPoint below(10, view->viewport()->height() - 4);
        QVERIFY(!view->indexAt(below).isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, below);
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        QVERIFY(pane()->selectedTags().isEmpty());
        QVERIFY(!m_window->actions().deleteSelected->isEnabled());
        QVERIFY(!m_window->actions().editLocks->isEnabled());
        QVERIFY(!m_window->actions().copyPullReference->isEnabled());
        QVERIFY(!m_window->actions().copyDigest->isEnabled());
        QTRY_COMPARE(pane()->details()->state(), ManifestView::State::Empty);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(!m_dialog);

        // Selecting again brings both back.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(tagRow(QStringLiteral("v2"))).center());
        QVERIFY(m_window->actions().deleteSelected->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
    }

    // After a delete the counts say what the table shows, without F5.
    void countsFollowADelete()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        auto *count = pane()->findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(count);
        QCOMPARE(count->text(), RepositoryPane::tr("%n tag(s)", nullptr, 3));
        const QModelIndex repo = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        QTRY_COMPARE_WITH_TIMEOUT(repo.siblingAtColumn(RepositoryModel::Tags).data().toInt(), 3,
                                  Wait);
        selectTag(QStringLiteral("v1"));
        QTest::keyClick(pane()->tagView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<DeleteDialog *>(m_dialog.data());
        QVERIFY(dialog);
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowOfTag(QStringLiteral("v1")) < 0, Wait);
        QCOMPARE(pane()->tagProxy()->rowCount(), 2);
        QCOMPARE(count->text(), RepositoryPane::tr("%n tag(s)", nullptr, 2));
        QCOMPARE(repo.siblingAtColumn(RepositoryModel::Tags).data().toInt(), 2);

        // A manifest deleted from the manifest table: its count, and its tags' count.
        pane()->showManifestsAction()->trigger();
        ManifestModel *manifests = pane()->manifestModel();
        QTRY_VERIFY_WITH_TIMEOUT(manifests->rowCount() > 0 && !manifests->isLoading(), Wait);
        const int before = manifests->rowCount();
        QCOMPARE(count->text(), RepositoryPane::tr("%n manifest(s)", nullptr, before));
        m_dialog.clear();
        QVERIFY(activate());
        pane()->manifestView()->setFocus();
        QTest::keyClick(pane()->manifestView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        dialog = qobject_cast<DeleteDialog *>(m_dialog.data());
        QVERIFY(dialog);
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(manifests->rowCount(), before - 1, Wait);
        QCOMPARE(count->text(), RepositoryPane::tr("%n manifest(s)", nullptr, before - 1));
        pane()->showTagsAction()->trigger();
        QCOMPARE(count->text(), RepositoryPane::tr("%n tag(s)", nullptr, tags()->rowCount()));
        QCOMPARE(repo.siblingAtColumn(RepositoryModel::Tags).data().toInt(), tags()->rowCount());
    }

    // A sort the registry does reloads the rows: the highlighted ones stay highlighted.
    void serverSortKeepsTheSelection()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v2"));
        QTableView *view = pane()->tagView();
        view->selectionModel()->select(tagRow(QStringLiteral("v1")),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(pane()->selectedTags().size(), 2);
        m_emu->clearRequests();
        view->sortByColumn(TagModel::Created, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(countRequests(*m_emu, "GET",
                                               QStringLiteral("/acr/v1/hello-world/_tags"),
                                               QStringLiteral("orderby=timeasc"))
                                         > 0
                                     && tags()->rowCount() == 3 && !tags()->isLoading(),
                                 Wait);
        QStringList names;
        for (const TagInfo &tag : pane()->selectedTags())
            names << tag.name;
        names.sort();
        QCOMPARE(names, QStringList({QStringLiteral("v1"), QStringLiteral("v2")}));
        QCOMPARE(view->currentIndex().siblingAtColumn(0), tagRow(QStringLiteral("v2")));
        // Back to the registry's order: the same.
        view->sortByColumn(TagModel::Name, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowCount() == 3 && !tags()->isLoading(), Wait);
        QCOMPARE(pane()->selectedTags().size(), 2);
        // Another repository starts afresh: its first row.
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QCOMPARE(pane()->selectedTags().size(), 1);
    }

    // Ctrl+A then Ctrl+L with 100 of 2,002 tags loaded: the rest loads first, with progress,
    // and the lock dialog has every tag.
    void selectAllThenLockMeansEveryTag()
    {
        QVERIFY(openBigRepository());
        QVERIFY(!tags()->isComplete());
        QVERIFY(tags()->rowCount() < BigTags);
        QVERIFY(activate());
        pane()->tagView()->setFocus();
        QTest::keyClick(pane()->tagView(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(pane()->tagView(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(m_dialog);
        auto *progress = qobject_cast<QProgressDialog *>(m_dialog.data());
        QVERIFY(progress);
        QVERIFY2(progress->labelText().contains(u"2002"), qPrintable(progress->labelText()));
        QCOMPARE(progress->maximum(), BigTags + 1);
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<LockDialog *>(m_dialog.data()), Wait);
        QVERIFY(tags()->isComplete());
        QCOMPARE(tags()->rowCount(), BigTags + 1);
        QCOMPARE(pane()->selectedTags().size(), BigTags + 1);
        QStringList headings;
        for (const QLabel *label : m_dialog->findChildren<QLabel *>())
            headings << label->text();
        QVERIFY2(headings.join(u'\n').contains(u"2002 tags"), qPrintable(headings.join(u'\n')));
    }

    // Cancel while the rest loads: no dialog, nothing acted on, loading stops.
    void selectAllCancelledActsOnNothing()
    {
        QVERIFY(openBigRepository());
        QVERIFY(activate());
        QSignalSpy opened(m_window.get(), &MainWindow::dialogOpened);
        pane()->tagView()->setFocus();
        QTest::keyClick(pane()->tagView(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(pane()->tagView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        auto *progress = qobject_cast<QProgressDialog *>(m_dialog.data());
        QVERIFY(progress);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QTRY_VERIFY(!m_dialog); // closed and deleted
        QTRY_VERIFY_WITH_TIMEOUT(!tags()->isLoading(), Wait);
        QCOMPARE(opened.size(), 1); // the progress only: no delete dialog
        QVERIFY(!tags()->isComplete());
        const int rows = tags()->rowCount();
        QVERIFY(rows < BigTags);
        // Selecting a few rows by hand then acts on those alone, at once.
        selectTag(QStringLiteral("t00002"));
        QVERIFY(!pane()->selectsBeyondLoaded());
        m_window->actions().editLocks->trigger();
        QTRY_VERIFY(qobject_cast<LockDialog *>(m_dialog.data()));
        QCOMPARE(tags()->rowCount(), rows);
    }

    // Select Untagged: exactly the untagged manifests no index lists, not an index's untagged
    // platforms.
    void selectUntaggedLeavesAnIndexsPlatforms()
    {
        // team/app/api: the index 1.0 over two untagged platforms; one more untagged image.
        const QString repo = QStringLiteral("team/app/api");
        const PushedImage loose = pushImage(*m_emu, repo, u"loose"_qs, {"loose layer"});
        QVERIFY(!loose.digest.isEmpty());
        QVERIFY(openRepository(repo));
        pane()->setListing(RepositoryPane::Listing::Manifests);
        ManifestModel *manifests = pane()->manifestModel();
        QTRY_VERIFY_WITH_TIMEOUT(!manifests->isLoading() && manifests->rowCount() > 0, Wait);
        QSet<QString> listed; // the platforms of the indexes
        for (int row = 0; row < manifests->rowCount(); ++row) {
            for (const PlatformRef &p : manifests->manifestAt(row).references)
                listed.insert(p.digest);
        }
        int untaggedPlatforms = 0;
        for (int row = 0; row < manifests->rowCount(); ++row)
            untaggedPlatforms += manifests->manifestAt(row).tags.isEmpty()
                                 && listed.contains(manifests->manifestAt(row).digest);
        QVERIFY(untaggedPlatforms > 0); // which must not be selected

        QVERIFY(m_window->actions().selectUntagged->isEnabled());
        pane()->manifestView()->selectionModel()->clearSelection();
        m_window->actions().selectUntagged->trigger();
        // It selects once every page is in: when its loader is gone.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->findChildren<PagedLoader *>().isEmpty(), Wait);
        const QList<ManifestInfo> selected = pane()->selectedManifests();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().digest, loose.digest);
    }

    void cleanUpOnAFolderFiltersItsRepositories()
    {
        const QModelIndex api
            = waitForRepository(m_window.get(), m_client, u"team/app/api"_qs, Wait);
        QVERIFY(api.isValid());
        m_window->repositoryView()->setCurrentIndex(api.parent()); // the folder team/app
        m_window->actions().cleanUp->trigger();
        auto *dialog = qobject_cast<CleanupDialog *>(m_dialog.data());
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"repositoryFilter"_qs)->text(), u"team/app/.*"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPlanning(), Wait);
        QVERIFY(dialog->preview()->rowCount() > 0); // every tag of team/app/* matches ".*"
    }
};

QTEST_MAIN(tst_Selection)
#include "tst_selection.moc"
