// MainWindow: the actions, wired to the controller that does what they say, the menus, the
// tool bar and the context menus, and which actions apply to what has the focus.

#include "ui/actionscontroller.h"
#include "ui/icons.h"
#include "ui/imagemovecontroller.h"
#include "ui/mainwindow.h"
#include "ui/registriescontroller.h"
#include "ui/registrytree.h"
#include "ui/repositorypane.h"
#include "ui/repositorysearch.h"
#include "ui/transferscontroller.h"
#include "ui/uploaddock.h"

#include "models/repositorymodel.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>

namespace Berth {

namespace {
// A context menu that deletes itself, popped up at `pos` of `view`'s viewport. popup()
// returns at once: no nested event loop.
void popUp(QAbstractItemView *view, const QPoint &pos, const QList<QList<QAction *>> &groups)
{
    auto *menu = new QMenu(view->window());
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const QList<QAction *> &group : groups) {
        if (group.isEmpty())
            continue;
        if (!menu->isEmpty())
            menu->addSeparator();
        menu->addActions(group);
    }
    menu->popup(view->viewport()->mapToGlobal(pos));
}
} // namespace

void MainWindow::createActions()
{
    auto make = [this]<typename Receiver>(const QString &icon, const QString &text,
                                          const QKeySequence &shortcut, Receiver *receiver,
                                          void (Receiver::*slot)()) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : Icons::icon(icon), text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, receiver, slot);
        addAction(action); // shortcuts work without a menu bar too
        return action;
    };
    Actions &a = m_actions;
    ActionsController *commands = m_commands;
    a.copyPullReference = make(QStringLiteral("copy"), tr("&Copy Pull Reference"),
                               QKeySequence::Copy, commands, &ActionsController::copyPullReference);
    a.copyPullReference->setToolTip(tr("Copy registry/repository:tag"));
    a.copyPullCommand = make(QString(), tr("Copy Pull Co&mmand"), {}, commands,
                             &ActionsController::copyPullCommand);
    a.copyPullCommand->setToolTip(tr("Copy docker pull registry/repository:tag"));
    a.copyDigestReference = make(QString(), tr("Copy Pull Reference by D&igest"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), commands,
                                 &ActionsController::copyDigestReference);
    a.copyDigestReference->setToolTip(tr("Copy registry/repository@digest"));
    a.copyDigest = make(QString(), tr("Copy &Digest"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
                        commands, &ActionsController::copyDigest);
    a.deleteSelected = make(QStringLiteral("delete"), tr("&Delete…"), QKeySequence::Delete,
                            commands, &ActionsController::deleteSelected);
    a.deleteSelected->setToolTip(
        tr("Delete the highlighted tags, manifests or repository, after a confirmation"));
    a.editLocks = make(QStringLiteral("lock"), tr("&Lock Attributes…"),
                       QKeySequence(Qt::CTRL | Qt::Key_L), commands, &ActionsController::editLocks);
    a.editLocks->setToolTip(
        tr("Allow or refuse writing, deleting, reading and listing the highlighted items"));
    a.cleanUp = make(QString(), tr("&Clean Up…"), {}, commands, &ActionsController::cleanUp);
    a.cleanUp->setToolTip(tr("Delete tags and manifests by a retention rule, after a preview"));
    a.sizeAll = make(QString(), tr("Si&ze All Repositories"), {}, commands,
                     &ActionsController::toggleSizeAll);
    a.selectUntagged
        = make(QString(), tr("Select &Untagged"), {}, commands, &ActionsController::selectUntagged);
    a.selectUntagged->setToolTip(tr("Select the manifests without a tag that no index lists"));
    a.refresh = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence::Refresh, commands,
                     &ActionsController::refresh);
    a.refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    a.refresh->setToolTip(tr("Read the registry again: its repositories, tags and locks"));
    a.find = make(QStringLiteral("find"), tr("&Filter…"), QKeySequence::Find, commands,
                  &ActionsController::focusFilter);
    a.findRepository
        = make(QString(), tr("Find &Repository…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
               m_search, &RepositorySearch::focusSearch);
    a.findRepository->setToolTip(tr("Find a repository by any part of its path"));
    a.addRegistry = make(QStringLiteral("add"), tr("&Add Registry…"), QKeySequence::New,
                         m_registries, &RegistriesController::addRegistryWithDialog);
    a.addRegistry->setToolTip(tr("Connect to another registry: ACR or any OCI registry"));
    a.removeRegistry = make(QStringLiteral("remove"), tr("&Remove Registry…"), {}, m_registries,
                            &RegistriesController::removeCurrentRegistry);
    a.editRegistry = make(QString(), tr("&Edit Connection…"), {}, m_registries,
                          &RegistriesController::editCurrentRegistry);
    a.pushFiles
        = make(QString(), tr("Push &File…"), {}, m_transfers, &TransfersController::pushFiles);
    a.pushFiles->setToolTip(tr("Upload files to the open repository (or drop them on it)"));
    a.pushImage
        = make(QString(), tr("Push &Image…"), {}, m_transfers, &TransfersController::pushImage);
    a.pushImage->setToolTip(tr("Push an image archive or OCI layout to the open repository (or "
                               "drop it on the repository)"));
    a.addTag
        = make(QString(), tr("Add &Tag…"), {}, m_moves, &ImageMoveController::addTagToSelection);
    a.addTag->setToolTip(tr("Put the highlighted image under another tag as well"));
    a.copyTo = make(QString(), tr("C&opy To…"), {}, m_moves, &ImageMoveController::copySelectionTo);
    a.copyTo->setToolTip(
        tr("Copy the highlighted images to another repository or registry (or drag them onto "
           "it in the tree)"));
    a.saveImageAs = make(QString(), tr("&Save Image As…"), QKeySequence::Save, m_moves,
                         &ImageMoveController::saveSelectionAs);
    a.saveImageAs->setToolTip(
        tr("Save the highlighted image as an OCI layout, an OCI archive or a docker archive"));
    a.quit = new QAction(Icons::icon(QStringLiteral("quit")), tr("&Quit"), this);
    a.quit->setShortcut(QKeySequence::Quit);
    a.quit->setMenuRole(QAction::QuitRole);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    m_pane->showTagsAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_pane->showManifestsAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    addActions({m_pane->showTagsAction(), m_pane->showManifestsAction()});
}

void MainWindow::createMenus()
{
    const Actions &a = m_actions;
    QMenu *registry = menuBar()->addMenu(tr("&Registry"));
    registry->addActions({a.addRegistry, a.editRegistry, a.removeRegistry});
    registry->addSeparator();
    registry->addAction(a.refresh);
    registry->addSeparator();
    registry->addActions({a.pushFiles, a.pushImage});
    registry->addSeparator();
    registry->addActions({a.addTag, a.copyTo, a.saveImageAs});
    registry->addSeparator();
    registry->addActions({a.cleanUp, a.sizeAll});
    registry->addSeparator();
    registry->addAction(a.quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({a.copyPullReference, a.copyPullCommand, a.copyDigestReference, a.copyDigest});
    edit->addSeparator();
    edit->addActions({a.editLocks, a.deleteSelected});
    edit->addSeparator();
    edit->addAction(a.selectUntagged);
    edit->addSeparator();
    edit->addAction(a.find);
    edit->addAction(a.findRepository);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_pane->showTagsAction(), m_pane->showManifestsAction()});
    view->addSeparator();
    view->addAction(m_uploadDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Berth"), this, &MainWindow::showAbout);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({a.addRegistry, a.refresh});
    tools->addSeparator();
    tools->addActions({a.copyPullReference, a.editLocks, a.deleteSelected});
    for (QAction *action : tools->actions()) { // the buttons name their shortcuts
        if (!action->shortcut().isEmpty())
            action->setToolTip(tr("%1 (%2)").arg(
                action->toolTip(), action->shortcut().toString(QKeySequence::NativeText)));
    }
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Berth"),
                                tr("<p><b>Berth</b> %1</p><p>A desktop browser for container "
                                   "registries, Azure Container Registry first.</p>")
                                    .arg(QApplication::applicationVersion().toHtmlEscaped()),
                                QMessageBox::Close, this);
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::treeContextMenu(const QPoint &pos)
{
    const Actions &a = m_actions;
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    m_tree->setFocus(Qt::PopupFocusReason);
    updateActions();
    QList<QAction *> item;     // what acts on the row
    QList<QAction *> listing;  // refreshing it
    QList<QAction *> registry; // its connection
    QList<QAction *> upload;   // pushing to the repository
    if (index.isValid()) {
        const RepositoryModel::Kind kind = m_repositories->kind(index);
        if (kind != RepositoryModel::Kind::Folder)
            item << a.copyPullReference;
        if (kind == RepositoryModel::Kind::Repository) {
            item << a.copyPullCommand << a.editLocks << a.deleteSelected;
            upload << a.pushFiles << a.pushImage;
        }
        listing << a.refresh << a.cleanUp << a.sizeAll;
        if (kind == RepositoryModel::Kind::Registry)
            registry << a.editRegistry << a.removeRegistry;
    }
    (registry.isEmpty() ? listing : registry) << a.addRegistry;
    popUp(m_tree, pos, {item, upload, listing, registry});
}

void MainWindow::tableContextMenu(QTableView *view, const QPoint &pos)
{
    const Actions &a = m_actions;
    view->setFocus(Qt::PopupFocusReason); // the actions act on what has the focus
    updateActions();
    popUp(view, pos,
          {{a.copyPullReference, a.copyPullCommand, a.copyDigestReference, a.copyDigest},
           {a.addTag, a.copyTo, a.saveImageAs},
           {a.editLocks, a.deleteSelected},
           {a.selectUntagged},
           {a.pushFiles, a.pushImage},
           {a.refresh}});
}

void MainWindow::updateActions()
{
    const Actions &a = m_actions;
    const QModelIndex treeIndex = m_tree->currentRow();
    const bool onTree = m_commands->actsOnTree();
    const bool repoInTree = treeIndex.isValid()
                            && m_repositories->kind(treeIndex) == RepositoryModel::Kind::Repository;
    const bool rows = m_pane->hasSelection(); // what is highlighted, never a hidden current row
    const bool acts = onTree ? repoInTree : rows;
    a.copyPullReference->setEnabled(onTree ? treeIndex.isValid() : rows);
    a.copyPullCommand->setEnabled(onTree ? repoInTree : rows);
    a.copyDigestReference->setEnabled(!onTree && rows);
    a.copyDigest->setEnabled(!onTree && rows);
    a.deleteSelected->setEnabled(acts);
    a.editLocks->setEnabled(acts);
    a.refresh->setEnabled(treeIndex.isValid() || m_pane->client());
    a.find->setEnabled(m_pane->client());
    a.selectUntagged->setEnabled(m_pane->client());
    const bool one = !onTree && m_moves->selectedReferences().size() == 1; // one image
    a.addTag->setEnabled(one);
    a.copyTo->setEnabled(!onTree && rows);
    a.saveImageAs->setEnabled(one);
    a.pushFiles->setEnabled(m_pane->client());
    a.pushImage->setEnabled(m_pane->client());
    a.cleanUp->setEnabled(treeIndex.isValid());
    const bool sizingAll
        = m_repositories->sizeAllProgress(m_repositories->registryOf(treeIndex)).running;
    a.sizeAll->setEnabled(treeIndex.isValid());
    a.sizeAll->setText(sizingAll ? tr("Stop Si&zing") : tr("Si&ze All Repositories"));
    a.sizeAll->setToolTip(
        sizingAll ? tr("Stop sizing the registry's repositories (the sizes found so far stay)")
                  : tr("List every repository of the registry and size each in the background: "
                       "an exact total, and every row placed when sorted by size"));
    a.removeRegistry->setEnabled(treeIndex.isValid());
    a.editRegistry->setEnabled(treeIndex.isValid());
}

} // namespace Berth
