// The window shows what is true at a glance (issue 14): a lock stays visible on a selected
// row, text a column cuts keeps both ends and shows all of it on hover, and at 1024×640 every
// column of the tag table is on screen. On the real window (offscreen) against the ACR
// emulator; screenshots for a person to look at.

#include "fixtures/screenshot.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagmodel.h"
#include "registry/registryclient.h"
#include "ui/mainwindow.h"
#include "ui/repositorypane.h"
#include "ui/windowtest.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace Berth;
using namespace Berth::Test;

namespace {

// Pixels of `image` within `rect` that are (nearly) `colour`.
int pixelsOfColour(const QImage &image, const QRect &rect, const QColor &colour)
{
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green())
                    + qAbs(c.blue() - colour.blue())
                < 40)
                ++n;
        }
    }
    return n;
}

} // namespace

class tst_WindowFit : public WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startWindow(3); }
    void cleanup() { stopWindow(); }

    // hello-world:v2 is locked against writes. Selected, its lock is drawn in the palette's
    // highlighted-text colour on the highlight, not tinted into the blue.
    void aLockStaysVisibleOnASelectedRow()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        selectTag(QStringLiteral("v2"));
        QTableView *view = pane()->tagView();
        const QModelIndex lock
            = tagRow(QStringLiteral("v2")).siblingAtColumn(TagModel::WriteEnabled);
        QVERIFY(view->selectionModel()->isSelected(lock));
        QCOMPARE(lock.data(Qt::ToolTipRole).toString().isEmpty(), false); // the cell says what
        view->scrollTo(lock);
        const QImage shot = view->viewport()->grab().toImage();
        const QRect cell = view->visualRect(lock);
        QVERIFY(cell.isValid());
        const QColor ink = view->palette().color(QPalette::Active, QPalette::HighlightedText);
        const QColor highlight = view->palette().color(QPalette::Active, QPalette::Highlight);
        QVERIFY(ink != highlight);
        // A 16-pixel lock in the ink colour covers well over 20 pixels; the tinted one none.
        QVERIFY2(pixelsOfColour(shot, cell, ink) > 20,
                 qPrintable(QStringLiteral("%1 ink pixels").arg(pixelsOfColour(shot, cell, ink))));
        QVERIFY(!saveScreenshot(view, QStringLiteral("lock-on-selected-row")).isEmpty());
    }

    // Platforms of an index and repository paths: elided in the middle, all on hover.
    void cutTextKeepsBothEndsAndShowsAllOnHover()
    {
        QVERIFY(openRepository(QStringLiteral("team/app/api")));
        pane()->showManifestsAction()->trigger();
        ManifestModel *manifests = pane()->manifestModel();
        QVERIFY(QTest::qWaitFor(
            [&] { return !manifests->isLoading() && manifests->rowCount() > 0; }, Wait));
        QTableView *table = pane()->manifestView();
        QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
        bool sawPlatforms = false;
        for (int row = 0; row < manifests->rowCount(); ++row) {
            const QModelIndex platforms = manifests->index(row, ManifestModel::Platforms);
            const QString text = platforms.data().toString();
            QCOMPARE(platforms.data(Qt::ToolTipRole).toString(), text);
            sawPlatforms |= text.contains(u"linux/arm64") && text.contains(u"linux/amd64");
        }
        QVERIFY(sawPlatforms);

        QTreeView *tree = m_window->repositoryView();
        QCOMPARE(tree->textElideMode(), Qt::ElideMiddle);
        const QModelIndex api = tree->currentIndex().siblingAtColumn(0);
        QCOMPARE(api.data(Qt::ToolTipRole).toString(), QStringLiteral("team/app/api"));
    }

    // At 1024×640 the tag table shows every column, locks included, without scrolling
    // sideways, and the details pane keeps a usable width.
    void everyTagColumnFitsAt1024x640()
    {
        m_window->resize(1024, 640);
        QVERIFY(openRepository(QStringLiteral("team/app/api")));
        QTableView *view = pane()->tagView();
        QTRY_COMPARE(m_window->size(), QSize(1024, 640));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(!saveScreenshot(m_window.get(), QStringLiteral("window-1024x640")).isEmpty());
        const QHeaderView *header = view->horizontalHeader();
        for (int column = 0; column < TagModel::ColumnCount; ++column) {
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= view->viewport()->width(),
                     qPrintable(QStringLiteral("column %1 ends at %2 of %3")
                                    .arg(column)
                                    .arg(right)
                                    .arg(view->viewport()->width())));
        }
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        // ...and the names keep room for about eight characters: the lock titles narrowed to
        // letters to leave it.
        const int eight = view->fontMetrics().horizontalAdvance(QStringLiteral("1.0-amd6"));
        QVERIFY(header->sectionSize(TagModel::Name) >= eight);
        QVERIFY(header->sectionSize(TagModel::Platforms) >= eight);
        QCOMPARE(view->model()->headerData(TagModel::WriteEnabled, Qt::Horizontal).toString(),
                 QStringLiteral("W"));

        // A wide window has the words back.
        m_window->resize(1600, 900);
        QTRY_COMPARE(view->model()->headerData(TagModel::WriteEnabled, Qt::Horizontal).toString(),
                     QStringLiteral("Write"));
        // The tree keeps room for names three levels deep ("team/app/api" shows "api").
        QVERIFY(m_window->repositoryView()->width() >= 270);
    }
};

QTEST_MAIN(tst_WindowFit)
#include "tst_windowfit.moc"
