// What the window says and offers without the user having to guess (issue 14), on the real
// window (offscreen) against the ACR emulator: counts with plurals in English and German
// (Qt's own buttons too), its title, registry names, the pull command among the copy actions
// (menu and context menus), pushing files and images from the menus, the empty Uploads dock;
// a lock stays visible on a selected row, text a column cuts keeps both ends and shows all
// of it on hover, and at 1024×640 every column of the tag table is on screen.

#include "credentials/registryprofile.h"
#include "fixtures/ocilayout.h"
#include "fixtures/screenshot.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "models/uploadqueuemodel.h"
#include "registry/registryclient.h"
#include "ui/dialogs/pushimagedialog.h"
#include "ui/mainwindow.h"
#include "ui/manifestview.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/translations.h"
#include "ui/uploaddock.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Berth;
using namespace Berth::Test;

namespace {

// The menu bar's menu titled `title` (without its '&').
QMenu *menuNamed(QMainWindow *window, const QString &title)
{
    for (QAction *action : window->menuBar()->actions()) {
        if (action->menu() && action->text().remove(u'&') == title)
            return action->menu();
    }
    return nullptr;
}

// The actions of the context menu `view` pops up at `at` (then closed).
QList<QAction *> contextMenuOf(QAbstractItemView *view, const QModelIndex &at)
{
    Q_EMIT view->customContextMenuRequested(view->visualRect(at).center());
    QMenu *menu = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())); }))
        return {};
    const QList<QAction *> actions = menu->actions();
    menu->close();
    return actions;
}

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

class tst_WindowPolish : public WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startWindow(3); }
    void cleanup() { stopWindow(); }

    void countsUsePlurals()
    {
        const auto countText = [this] {
            return pane()->findChild<QLabel *>(QStringLiteral("countLabel"))->text();
        };
        auto english = std::make_unique<QObject>();
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), english.get());
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QCOMPARE(countText(), QStringLiteral("1 tag"));
        QVERIFY(openRepository(QStringLiteral("big/repo")));
        const int many = tags()->rowCount();
        QVERIFY(many > 1);
        QCOMPARE(countText(), QStringLiteral("%1 tags").arg(many));
        english.reset();

        auto german = std::make_unique<QObject>();
        installTranslations(QLocale(QLocale::German, QLocale::Germany), german.get());
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QCOMPARE(countText(), QStringLiteral("1 Tag"));
        QVERIFY(openRepository(QStringLiteral("big/repo")));
        QCOMPARE(countText(), QStringLiteral("%1 Tags").arg(many));
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    }

    // The tag filter finds a tag by any part of its digest, not only by its name.
    void tagFilterMatchesDigests()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        const QString digest = tags()->tagAt(tags()->rowOfTag(QStringLiteral("v1"))).digest;
        QVERIFY(digest.startsWith(u"sha256:"));
        const QString part = digest.mid(20, 12);
        QVERIFY(!part.contains(u"v1"));
        pane()->filterEdit()->setText(part);
        TagFilterModel *proxy = pane()->tagProxy();
        QTRY_COMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxy->index(0, TagModel::Name).data().toString(), QStringLiteral("v1"));
    }

    // Escape in the filter box clears it; the box has a clear button too.
    void escapeClearsTheTagFilter()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        QLineEdit *filter = pane()->filterEdit();
        QVERIFY(filter->isClearButtonEnabled());
        pane()->focusFilter();
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("v2"));
        QCOMPARE(pane()->tagProxy()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape);
        QCOMPARE(filter->text(), QString());
        QCOMPARE(pane()->tagProxy()->rowCount(), tags()->rowCount());
    }

    // A filter that hides every row says so (not "0 of 3 tags shown" over an empty table),
    // and opening another repository clears it.
    void aFilterThatHidesEverythingSaysSoAndGoesWithTheRepository()
    {
        QObject english;
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), &english);
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        const int all = tags()->rowCount();
        pane()->filterEdit()->setText(QStringLiteral("nothing-like-this"));
        QCOMPARE(pane()->tagProxy()->rowCount(), 0);
        const auto countText = [this] {
            return pane()->findChild<QLabel *>(QStringLiteral("countLabel"))->text();
        };
        QCOMPARE(countText(),
                 QStringLiteral("No tags match “nothing-like-this” — %1 tags in all").arg(all));
        QVERIFY(!saveScreenshot(m_window.get(), QStringLiteral("tag-filter-no-match")).isEmpty());

        QVERIFY(openRepository(QStringLiteral("big/repo")));
        QCOMPARE(pane()->filterEdit()->text(), QString());
        QCOMPARE(pane()->tagProxy()->rowCount(), tags()->rowCount());
        QCOMPARE(countText(), QStringLiteral("%1 tags").arg(tags()->rowCount()));
    }

    // A registry that speaks plain HTTP, reached over https, says so (not "closed the
    // connection"): what the server answered over plain http tells, not a message text.
    void httpsToAPlainHttpServerSaysSo()
    {
        QUrl url = m_emu->url();
        url.setScheme(QStringLiteral("https"));
        m_window->addRegistry(makeClient(url).release(), QStringLiteral("wrong scheme"));
        MessageBar *bar = m_window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(u"answered in plain HTTP"), Wait);
        const QString hostAndPort = url.host() + u':' + QString::number(url.port());
        QVERIFY2(
            bar->text().contains(QString(u"use http://" + hostAndPort + u" and allow plain http")),
            qPrintable(bar->text()));
        QVERIFY(!saveScreenshot(m_window.get(), QStringLiteral("https-to-plain-http")).isEmpty());
    }

    // Tab goes from pane to pane (tree, filter, table, details), never cell by cell through
    // the table; the first Down in the table moves its current row.
    void tabMovesBetweenPanes()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        QTreeView *tree = m_window->repositoryView();
        tree->setFocus();
        QTRY_VERIFY(tree->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(pane()->filterEdit()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTableView *table = pane()->tagView();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(table));
        QTRY_COMPARE(table->currentIndex().row(), 0);
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(table->currentIndex().row(), 1);
        QTest::keyClick(table, Qt::Key_Tab);
        QTRY_VERIFY(pane()->details()->isAncestorOf(QApplication::focusWidget()));
    }

    void titleNamesRepositoryAndRegistry()
    {
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Berth"));
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("hello-world — emulator — Berth"));
        QVERIFY(openRepository(QStringLiteral("big/repo")));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("big/repo — emulator — Berth"));
    }

    void registryNamesKeepThePortAndAreUnique()
    {
        Result<RegistryProfile> withPort
            = RegistryProfile::forUrl(QStringLiteral("127.0.0.1:5000"));
        QVERIFY(withPort);
        QCOMPARE(withPort->title(), QStringLiteral("127.0.0.1:5000"));
        Result<RegistryProfile> plain = RegistryProfile::forUrl(QStringLiteral("myreg.azurecr.io"));
        QVERIFY(plain);
        QCOMPARE(plain->title(), QStringLiteral("myreg.azurecr.io"));

        // Two more connections to the same registry under the same name.
        for (int i = 0; i < 2; ++i)
            m_window->addRegistry(
                makeClient(m_emu->url(),
                           Credentials::password(QStringLiteral("u"), QStringLiteral("p")))
                    .release(),
                QStringLiteral("emulator"));
        RepositoryModel *model = m_window->repositoryModel();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("emulator"));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("emulator (2)"));
        QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("emulator (3)"));
    }

    void copyPullCommand()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        QAction *command = m_window->actions().copyPullCommand;
        QVERIFY(command);
        QMenu *edit = menuNamed(m_window.get(), QStringLiteral("Edit"));
        QVERIFY(edit && edit->actions().contains(command));
        const QString host = m_client->registryHost();

        // A tag: host/repo:tag.
        selectTag(QStringLiteral("v1"));
        QApplication::clipboard()->clear();
        QVERIFY(command->isEnabled());
        command->trigger();
        QCOMPARE(QApplication::clipboard()->text(),
                 QString(u"docker pull " + host + u"/hello-world:v1"));

        // A manifest: host/repo@digest.
        pane()->showManifestsAction()->trigger();
        ManifestModel *manifests = pane()->manifestModel();
        QTRY_VERIFY_WITH_TIMEOUT(manifests->rowCount() > 0 && !manifests->isLoading(), Wait);
        QTableView *view = pane()->manifestView();
        view->setFocus();
        const QModelIndex first = pane()->manifestProxy()->index(0, 0);
        view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect
                                                           | QItemSelectionModel::Rows);
        const QString digest
            = manifests->manifestAt(pane()->manifestProxy()->mapToSource(first).row()).digest;
        command->trigger();
        QCOMPARE(QApplication::clipboard()->text(),
                 QString(u"docker pull " + host + u"/hello-world@" + digest));

        // The tree's repository: host/repo; a registry has no pull command.
        QTreeView *tree = m_window->repositoryView();
        tree->setFocus();
        const QModelIndex repo = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        tree->setCurrentIndex(repo);
        command->trigger();
        QCOMPARE(QApplication::clipboard()->text(),
                 QString(u"docker pull " + host + u"/hello-world"));
        tree->setCurrentIndex(registry());
        QVERIFY(!command->isEnabled());

        // In the context menus (last: a popup takes the focus).
        QVERIFY(!contextMenuOf(tree, registry()).contains(command));
        QVERIFY(contextMenuOf(tree, repo).contains(command));
        QVERIFY(contextMenuOf(view, first).contains(command));
    }

    void pushFilesFromTheMenus()
    {
        UploadDock *dock = m_window->uploadDock();
        QVERIFY(!dock->isVisible()); // until the first upload
        QVERIFY(dock->emptyHint()->text().contains(u"Drop files onto a repository"));
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        const MainWindow::Actions &a = m_window->actions();
        QMenu *registryMenu = menuNamed(m_window.get(), QStringLiteral("Registry"));
        QVERIFY(registryMenu && registryMenu->actions().contains(a.pushFiles)
                && registryMenu->actions().contains(a.pushImage));
        QVERIFY(
            contextMenuOf(pane()->tagView(), tagRow(QStringLiteral("v1"))).contains(a.pushFiles));
        const QModelIndex repo = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        QVERIFY(contextMenuOf(m_window->repositoryView(), repo).contains(a.pushImage));

        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("pushed from the menu\n");
        file.close();
        QVERIFY(a.pushFiles->isEnabled());
        a.pushFiles->trigger();
        auto *files = qobject_cast<QFileDialog *>(m_dialog.data());
        QVERIFY(files);
        QCOMPARE(files->objectName(), QStringLiteral("pushFilesDialog"));
        Q_EMIT files->filesSelected({file.fileName()});
        files->close();
        UploadQueueModel *queue = m_window->uploadQueue();
        QCOMPARE(queue->rowCount(), 1);
        QCOMPARE(queue->request(0).repository, QStringLiteral("hello-world"));
        QCOMPARE(queue->request(0).kind, UploadRequest::Kind::Blob);
        QTRY_VERIFY(dock->isVisible()); // the dock appears with the upload
        QVERIFY(!dock->emptyHint()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(queue->status(0).state), Wait);
    }

    void pushImageOfALayoutFromTheMenu()
    {
        QTemporaryDir dir;
        OciLayoutSpec spec;
        spec.tag = QStringLiteral("from-menu");
        const auto layout = buildOciLayout(dir.filePath(QStringLiteral("layout")), spec);
        QVERIFY(layout);
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        m_window->actions().pushImage->trigger();
        auto *files = qobject_cast<QFileDialog *>(m_dialog.data());
        QVERIFY(files);
        QCOMPARE(files->objectName(), QStringLiteral("pushImageDialog"));
        // A file dialog chooses files: the layout's index.json stands for its directory.
        Q_EMIT files->filesSelected({layout->path + QStringLiteral("/index.json")});
        files->close();
        QTRY_VERIFY_WITH_TIMEOUT(m_dialog && m_dialog->objectName() == u"imageTagDialog", Wait);
        QCOMPARE(qobject_cast<PushImageDialog *>(m_dialog.data())->tag(),
                 QStringLiteral("from-menu"));
        QCOMPARE(m_window->uploadQueue()->rowCount(), 0); // nothing before the answer
    }

    // hello-world:v2 is locked against writes. Selected, its lock is drawn in the palette's
    // highlighted-text colour on the highlight, not tinted into the blue.
    // Every button of the main toolbar says more than its label (Qt's default tooltip only
    // repeats it), and names its shortcut.
    void toolbarButtonsExplainThemselves()
    {
        auto *bar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(bar);
        int buttons = 0;
        for (QAction *action : bar->actions()) {
            if (action->isSeparator())
                continue;
            ++buttons;
            const QString tip = action->toolTip();
            QVERIFY2(tip.size() > action->text().size() + 5, qPrintable(tip));
            const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(shortcut.isEmpty() || tip.contains(shortcut), qPrintable(tip));
        }
        QCOMPARE(buttons, 5);
    }

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

    // The tree's counts and sizes never squeeze the names out: at 1024×640 a name three
    // levels deep ("api" of team/app/api) shows whole, at 1600×900 "hello-world" would even
    // three levels deep.
    void theTreeKeepsRoomForNamesBesideItsCounts()
    {
        QVERIFY(openRepository(QStringLiteral("team/app/api")));
        QTreeView *tree = m_window->repositoryView();
        const auto nameRoom = [tree] {
            return tree->header()->sectionSize(RepositoryModel::Name) - 3 * tree->indentation()
                   - tree->iconSize().width() - 8;
        };
        for (const auto &[size, name] :
             {std::pair{QSize(1024, 640), QStringLiteral("api")},
              std::pair{QSize(1600, 900), QStringLiteral("hello-world")}}) {
            m_window->resize(size);
            QTRY_COMPARE(m_window->size(), size);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QVERIFY2(nameRoom() >= tree->fontMetrics().horizontalAdvance(name),
                     qPrintable(QStringLiteral("%1 pixels for names at %2x%3")
                                    .arg(nameRoom())
                                    .arg(size.width())
                                    .arg(size.height())));
        }
    }
};

QTEST_MAIN(tst_WindowPolish)
#include "tst_windowpolish.moc"
