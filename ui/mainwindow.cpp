#include "ui/mainwindow.h"

#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagmodel.h"
#include "models/uploadqueuemodel.h"
#include "registry/registryclient.h"
#include "ui/actionscontroller.h"
#include "ui/icons.h"
#include "ui/imagemovecontroller.h"
#include "ui/manifestview.h"
#include "ui/messagebar.h"
#include "ui/registriescontroller.h"
#include "ui/registrytree.h"
#include "ui/repositorypane.h"
#include "ui/repositorysearch.h"
#include "ui/tagdrag.h"
#include "ui/transferscontroller.h"
#include "ui/uploaddock.h"
#include "ui/uploaddrop.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Berth {

namespace {
const QString StateGroup = QStringLiteral("window");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_repositories(new RepositoryModel(this))
    , m_tree(new RegistryTree(m_repositories, this))
    , m_search(new RepositorySearch(m_tree, m_repositories, this))
    , m_pane(new RepositoryPane(this))
    , m_messageBar(new MessageBar(this))
    , m_uploadQueue(new UploadQueueModel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_busyBar(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
{
    updateWindowTitle();
    setObjectName(QStringLiteral("mainWindow"));
    m_repositories->setSizeCache(m_pane->sizeCache()); // a digest read for one is known to all
    const WindowParts parts{this, m_repositories, m_tree, m_pane, m_messageBar};
    m_registries = new RegistriesController(parts, this);
    m_transfers = new TransfersController(parts, m_uploadQueue, this);
    m_commands = new ActionsController(parts, this);
    m_moves = new ImageMoveController(parts, m_uploadQueue, this);

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_search); // the search box over the tree
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({380, 900});
    // At 1024×640 the splitter's share would leave the tree 240 pixels, most of them taken by
    // the counts and sizes: names three levels deep shrank to "…".
    m_search->setMinimumWidth(320);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    // Tab: the search box, the tree, then the pane (its filter, table, details).
    setTabOrder(m_search->edit(), m_tree);
    setTabOrder(m_tree, m_pane->filterEdit());

    createStatusBar();
    createActions();
    createUploads();
    createMenus();
    connectControllers();
    connectFailures();

    connect(m_repositories, &RepositoryModel::loadingChanged, this, &MainWindow::updateBusy);
    connect(m_repositories, &RepositoryModel::sizingAllChanged, this, [this] {
        updateBusy();
        updateActions();
    });
    connect(m_repositories, &QAbstractItemModel::dataChanged, this,
            &MainWindow::showRepositoryAttributes);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { treeCurrentChanged(current); });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::treeContextMenu);
    connect(m_pane, &RepositoryPane::busyChanged, this, &MainWindow::updateBusy);
    connect(m_pane, &RepositoryPane::repositoryChanged, this, &MainWindow::updateWindowTitle);
    connect(m_pane, &RepositoryPane::selectionChanged, this, &MainWindow::updateActions);
    connect(m_pane, &RepositoryPane::listingChanged, this, &MainWindow::updateActions);
    for (QTableView *view : {m_pane->tagView(), m_pane->manifestView()}) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint &pos) { tableContextMenu(view, pos); });
    }

    // Where the focus is decides what the actions act on.
    connect(qApp, &QApplication::focusChanged, this, &MainWindow::updateActions);
    updateActions();
    resize(1280, 800);
    m_tree->setFocus();
}

MainWindow::~MainWindow()
{
    // Children are destroyed after this body; focus changes then must not reach us.
    disconnect(qApp, nullptr, this, nullptr);
    // The views and models go before the clients they point to.
    m_pane->setRepository(nullptr, {});
}

// Busy indicator: an indeterminate bar and what is loading, in the status bar.
void MainWindow::createStatusBar()
{
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(14);
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Loading"));
    m_busyBar->hide();
    m_busyLabel->hide();
    m_busyLabel->setTextFormat(Qt::PlainText); // it names registries
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busyBar);
}

// The controllers' signals: to the window's widgets and to each other.
void MainWindow::connectControllers()
{
    for (WindowController *controller : std::initializer_list<WindowController *>{
             m_registries, m_transfers, m_commands, m_moves}) {
        connect(controller, &WindowController::dialogOpened, this, &MainWindow::dialogOpened);
        connect(controller, &WindowController::statusMessage, statusBar(),
                &QStatusBar::showMessage);
    }
    m_registries->setUploadCount([transfers = m_transfers](const RegistryClient *client) {
        return transfers->activeUploads(client);
    });
    connect(m_registries, &RegistriesController::registryAdded, this, &MainWindow::registryAdded);
    connect(m_registries, &RegistriesController::registryRemoved, m_transfers,
            &TransfersController::stopUploads);
    connect(m_registries, &RegistriesController::registryRemoved, this,
            &MainWindow::registryRemoved);
    connect(m_registries, &RegistriesController::noSavedRegistries, this,
            &MainWindow::showNoRegistriesHint);
    connect(m_registries, &RegistriesController::resolvingChanged, this, &MainWindow::updateBusy);
    connect(m_registries, &RegistriesController::cancelUploadsFirst, m_transfers,
            &TransfersController::confirmCancelling);
    connect(m_transfers, &TransfersController::closeApproved, this, &QWidget::close);
    connect(m_commands, &ActionsController::removeRegistryRequested, m_registries,
            &RegistriesController::removeCurrentRegistry);
    connect(m_commands, &ActionsController::selectionChanged, this, &MainWindow::updateActions);
    connect(m_commands, &ActionsController::workingChanged, this, &MainWindow::updateBusy);
}

// What fails to load goes to the message bar, with a Retry.
void MainWindow::connectFailures()
{
    connect(m_repositories, &RepositoryModel::loadFailed, this,
            [this](const QModelIndex &registry, const RegistryError &error) {
                const QPersistentModelIndex target(registry);
                m_messageBar->showError(
                    tr("Could not list the repositories of %1").arg(registry.data().toString()),
                    error,
                    [this, target] {
                        if (target.isValid())
                            m_repositories->retry(target);
                    },
                    m_repositories->client(registry));
            });
    connect(m_pane->tagModel(), &PagedTableModel::loadFailed, this,
            [this](const RegistryError &error) {
                m_messageBar->showError(
                    tr("Could not list the tags of %1").arg(m_pane->tagModel()->repository()),
                    error, [this] { m_pane->tagModel()->retry(); }, m_pane->client());
            });
    connect(
        m_pane->manifestModel(), &PagedTableModel::loadFailed, this,
        [this](const RegistryError &error) {
            m_messageBar->showError(
                tr("Could not list the manifests of %1").arg(m_pane->manifestModel()->repository()),
                error, [this] { m_pane->manifestModel()->retry(); }, m_pane->client());
        });
    connect(m_pane->details(), &ManifestView::failed, this,
            [this](const QString &context, const RegistryError &error) {
                m_messageBar->showError(
                    context, error, [this] { m_pane->details()->retry(); }, m_pane->client());
            });
}

// The Transfers dock, and files dropped onto a repository of the tree or onto the open
// repository's tables.
void MainWindow::createUploads()
{
    m_uploadDock = new UploadDock(m_uploadQueue, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_uploadDock);
    m_uploadDock->hide(); // until the first transfer, which shows and raises it
    connect(m_uploadQueue, &QAbstractItemModel::rowsInserted, m_uploadDock, [this] {
        m_uploadDock->show();
        m_uploadDock->raise();
    });

    auto *tree = new UploadDropArea(
        m_tree, [this](const QPoint &pos) { return m_tree->uploadTargetAt(pos); });
    connect(tree, &UploadDropArea::dropped, m_transfers, &TransfersController::uploadDropped);
    for (QTableView *view : {m_pane->tagView(), m_pane->manifestView()}) {
        auto *area = new UploadDropArea(view, [this, view](const QPoint &) {
            UploadDropTarget target;
            target.client = m_pane->client();
            target.repository = m_pane->repository();
            target.highlight = view->viewport()->rect();
            return target;
        });
        connect(area, &UploadDropArea::dropped, m_transfers, &TransfersController::uploadDropped);
    }
    // Tags dragged from the tag table onto a registry or repository: copy, or retag.
    // One tag dropped onto a file manager (X11): saved there.
    new TagDragSource(m_pane, [moves = QPointer(m_moves)](RegistryClient *client,
                                                          const QString &repo, const QString &tag,
                                                          const DirectSave::Target &target) {
        return moves && moves->saveDropped(client, repo, tag, target);
    });
    connect(new TagDropArea(m_tree, m_repositories), &TagDropArea::tagsDropped, m_moves,
            &ImageMoveController::tagsDropped);
}

QTreeView *MainWindow::repositoryView() const
{
    return m_tree;
}

QModelIndex MainWindow::registryIndex(const RegistryClient *client) const
{
    return m_repositories->registryIndex(client);
}

void MainWindow::setSettings(QSettings *settings)
{
    m_settings = settings;
    m_registries->setSettings(settings);
    m_transfers->setSettings(settings);
}

void MainWindow::setCredentialStore(CredentialStore *store)
{
    m_registries->setCredentialStore(store);
}

void MainWindow::loadSavedRegistries()
{
    m_registries->loadSavedRegistries();
}

QModelIndex MainWindow::addRegistry(RegistryClient *client, const QString &displayName)
{
    return m_registries->addRegistry(client, displayName);
}

void MainWindow::registryAdded(const QModelIndex &registry)
{
    if (m_noRegistriesHint) {
        m_noRegistriesHint = false;
        statusBar()->clearMessage(); // "No saved registries yet" no longer holds
    }
    m_tree->expand(registry); // loads the first page
    if (!m_tree->currentIndex().isValid())
        m_tree->setCurrentIndex(registry);
    updateActions();
}

// The views let go of a registry that went (its client is deleted later).
void MainWindow::registryRemoved(const RegistryClient *client)
{
    if (m_pane->client() == client)
        m_pane->setRepository(nullptr, {});
    m_tree->forgetRegistry(client);
    m_messageBar->dismissAbout(client); // its Retry would act on nothing
    updateActions();
}

void MainWindow::showNoRegistriesHint()
{
    m_noRegistriesHint = true; // until the first registry comes
    statusBar()->showMessage(
        tr("No saved registries yet: add one with Registry ▸ Add Registry… (%1).")
            .arg(m_actions.addRegistry->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::openRepository(RegistryClient *client, const QString &repo)
{
    if (m_pane->client() != client || m_pane->repository() != repo)
        m_pane->setRepository(client, repo);
    m_tree->selectRepository(client, repo);
    updateActions();
}

void MainWindow::treeCurrentChanged(const QModelIndex &current)
{
    if (current.isValid() && m_repositories->kind(current) == RepositoryModel::Kind::Repository) {
        RegistryClient *client = m_repositories->client(current);
        const QString path = m_repositories->repositoryPath(current);
        if (m_pane->client() != client || m_pane->repository() != path)
            m_pane->setRepository(client, path);
        m_repositories->loadDetails(current.siblingAtColumn(0));
        showRepositoryAttributes();
    }
    updateActions();
}

// The pane shows the open repository's own locks once the tree knows them.
void MainWindow::showRepositoryAttributes()
{
    if (!m_pane->client())
        return;
    const QModelIndex index = m_repositories->findRepository(
        m_repositories->registryIndex(m_pane->client()), m_pane->repository());
    const std::optional<RepositoryInfo> info = m_repositories->details(index);
    if (info && info->attributes != m_pane->repositoryAttributes())
        m_pane->setRepositoryAttributes(info->attributes);
}

// "repository — registry — Berth" for the open repository, else "Berth".
void MainWindow::updateWindowTitle()
{
    const QModelIndex registry = m_repositories->registryIndex(m_pane->client());
    if (!m_pane->client() || !registry.isValid()) {
        setWindowTitle(tr("Berth"));
        return;
    }
    setWindowTitle(tr("%1 — %2 — Berth").arg(m_pane->repository(), registry.data().toString()));
}

void MainWindow::updateBusy()
{
    bool listing = false;
    QStringList sizes; // of the registries Size All sizes
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const QModelIndex registry = m_repositories->index(row, 0);
        listing = listing || m_repositories->isLoading(registry);
        const RepositoryModel::SizeAllProgress sizing = m_repositories->sizeAllProgress(registry);
        if (sizing.running)
            sizes << (sizing.listed ? tr("sizes of %1 (%2 of %3 repositories)")
                                    : tr("sizes of %1 (%2 of %3 repositories listed so far)"))
                         .arg(registry.data().toString())
                         .arg(sizing.ended)
                         .arg(sizing.repositories);
    }
    QStringList what;
    if (listing)
        what << tr("repositories");
    what << sizes;
    if (m_pane->tagModel()->isLoading())
        what << tr("tags");
    if (m_pane->manifestModel()->isLoading())
        what << tr("manifests");
    if (m_pane->details()->isLoading())
        what << tr("details");
    if (m_registries->isResolving())
        what << tr("saved credentials");
    if (m_commands->isWorking())
        what << tr("repository");
    const bool busy = !what.isEmpty();
    m_busyLabel->setText(busy ? tr("Loading %1…").arg(what.join(QStringLiteral(", "))) : QString());
    m_busyLabel->setVisible(busy);
    m_busyBar->setVisible(busy);
    m_tree->setAnimating(busy);
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void MainWindow::restoreWindowState()
{
    if (!m_settings)
        return;
    m_settings->beginGroup(StateGroup);
    restoreGeometry(m_settings->value(QStringLiteral("geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("state")).toByteArray());
    m_splitter->restoreState(m_settings->value(QStringLiteral("splitter")).toByteArray());
    m_pane->restoreState(m_settings->value(QStringLiteral("pane")).toByteArray());
    m_settings->endGroup();
}

void MainWindow::saveWindowState() const
{
    if (!m_settings)
        return;
    m_settings->beginGroup(StateGroup);
    m_settings->setValue(QStringLiteral("geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("state"), saveState());
    m_settings->setValue(QStringLiteral("splitter"), m_splitter->saveState());
    m_settings->setValue(QStringLiteral("pane"), m_pane->saveState());
    m_settings->endGroup();
    m_registries->saveFacts();
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_transfers->mayClose()) { // asks first while uploads are running
        event->ignore();
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace Berth
