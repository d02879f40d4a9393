// The window's actions follow what the user sees (offscreen, against the ACR emulator):
// the visible selection, select-all over a repository that is not fully loaded, locks a
// repository passes down to its tags, and views that stay current after a change.

#include "models/lockcolumns.h"
#include "models/repositorymodel.h"
#include "ui/manifestview.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QHeaderView>
#include <QSignalSpy>

using namespace Berth;
using namespace Berth::Test;

class tst_Selection : public WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startWindow(260); }
    void cleanup() { stopWindow(); }

    // Clicking under the rows clears the highlight: nothing is acted on, nothing is shown.
    void clickOnEmptyAreaClearsActionsAndDetails()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
        QVERIFY(m_window->deleteAction()->isEnabled());
        QVERIFY(m_window->lockAction()->isEnabled());

        QTableView *view = pane()->tagView();
        const QPoint below(10, view->viewport()->height() - 4);
        QVERIFY(!view->indexAt(below).isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, below);
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        QVERIFY(pane()->selectedTags().isEmpty());
        QVERIFY(!m_window->deleteAction()->isEnabled());
        QVERIFY(!m_window->lockAction()->isEnabled());
        QVERIFY(!m_window->copyPullReferenceAction()->isEnabled());
        QVERIFY(!m_window->copyDigestAction()->isEnabled());
        QTRY_COMPARE(pane()->details()->state(), ManifestView::State::Empty);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(!m_dialog);

        // Selecting again brings both back.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(tagRow(QStringLiteral("v2"))).center());
        QVERIFY(m_window->deleteAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
    }
};

QTEST_MAIN(tst_Selection)
#include "tst_selection.moc"
