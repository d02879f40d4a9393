// What the window shows stays true after a change (offscreen, against the ACR emulator):
// the status bar's hint once a registry is there, the details before anything is selected,
// the message bar once the registry it speaks about is removed, the tree's open folders
// across F5.

#include "models/repositorymodel.h"
#include "ui/manifestview.h"
#include "ui/messagebar.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Berth;
using namespace Berth::Test;

class tst_StaleViews : public WindowTest
{
    Q_OBJECT

    // Removes `registry` through Registry > Remove Registry, confirming the question.
    bool removeRegistry(const QModelIndex &registry)
    {
        m_window->repositoryView()->setCurrentIndex(registry);
        m_dialog.clear();
        m_window->actions().removeRegistry->trigger();
        auto *box = qobject_cast<QMessageBox *>(m_dialog.data());
        if (!box)
            return false;
        box->button(QMessageBox::Yes)->click();
        return true;
    }

    // The tree row of the folder `path` (loaded rows only).
    QModelIndex folder(const QString &path) const
    {
        const RepositoryModel *model = m_window->repositoryModel();
        QModelIndexList todo{registry()};
        while (!todo.isEmpty()) {
            const QModelIndex index = todo.takeFirst();
            if (model->kind(index) == RepositoryModel::Kind::Folder
                && model->repositoryPath(index) == path)
                return index;
            for (int row = 0; row < model->rowCount(index); ++row)
                todo << model->index(row, 0, index);
        }
        return {};
    }

private Q_SLOTS:
    void init() { startWindow(0); }
    void cleanup() { stopWindow(); }

    void noSavedRegistriesHintGoesWhenOneIsAdded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        MainWindow window;
        window.setSettings(&settings);
        window.loadSavedRegistries();
        QVERIFY2(window.statusBar()->currentMessage().contains(u"No saved registries"),
                 qPrintable(window.statusBar()->currentMessage()));
        window.addRegistry(makeClient(m_emu->url(), Credentials::password(QStringLiteral("u"),
                                                                          QStringLiteral("p")))
                               .release(),
                           QStringLiteral("emulator"));
        QCOMPARE(window.statusBar()->currentMessage(), QString());
    }

    // The layer/platform table has no placeholder headers ("1 2 3 4") before a manifest.
    void detailsShowNoPlaceholderTable()
    {
        QTreeWidget *entries = pane()->details()->entriesView();
        QCOMPARE(pane()->details()->state(), ManifestView::State::Empty);
        QVERIFY(!entries->isVisibleTo(m_window.get()));
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
        QVERIFY(entries->isVisibleTo(m_window.get()));
        QCOMPARE(entries->headerItem()->text(0), ManifestView::tr("Layer"));
        pane()->details()->clear();
        QVERIFY(!entries->isVisibleTo(m_window.get()));
    }

    // An error about a registry goes with the registry; one about another registry stays.
    void messageBarForgetsARemovedRegistry()
    {
        RegistryClient *wrong
            = makeClient(m_emu->url(),
                         Credentials::password(QStringLiteral("u"), QStringLiteral("wrong")))
                  .release();
        m_window->addRegistry(wrong, QStringLiteral("wrong password"));
        MessageBar *bar = m_window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(u"wrong password"), Wait);
        QVERIFY(bar->canRetry());
        QVERIFY(removeRegistry(registry())); // the other one
        QTRY_COMPARE(m_window->repositoryModel()->rowCount(), 1);
        QVERIFY(bar->text().contains(u"wrong password"));
        QVERIFY(removeRegistry(m_window->registryIndex(wrong)));
        QTRY_COMPARE(m_window->repositoryModel()->rowCount(), 0);
        QVERIFY(bar->isHidden());
        QVERIFY(!bar->canRetry());
    }

    // F5 on the tree lists the registry again and leaves the open folders open.
    void refreshKeepsFoldersOpen()
    {
        QTreeView *tree = m_window->repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(folder(QStringLiteral("team/app")).isValid(), Wait);
        tree->expand(folder(QStringLiteral("team")));
        tree->expand(folder(QStringLiteral("team/app")));
        QVERIFY(!tree->isExpanded(folder(QStringLiteral("samples"))));
        QVERIFY(activate());
        tree->setFocus();
        tree->setCurrentIndex(registry());
        m_emu->clearRequests();
        QTest::keyClick(tree, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(
            countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/_catalog")) > 0, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->repositoryModel()->isLoading(registry())
                                     && folder(QStringLiteral("team/app")).isValid(),
                                 Wait);
        QVERIFY(tree->isExpanded(folder(QStringLiteral("team"))));
        QVERIFY(tree->isExpanded(folder(QStringLiteral("team/app"))));
        QVERIFY(!tree->isExpanded(folder(QStringLiteral("samples"))));
    }
};

QTEST_MAIN(tst_StaleViews)
#include "tst_staleviews.moc"
