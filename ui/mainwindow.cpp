#include "ui/mainwindow.h"

#include "auth/authenticator.h"

#include "models/lockcolumns.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagmodel.h"
#include "registry/registryclient.h"
#include "ui/busydelegate.h"
#include "ui/icons.h"
#include "ui/manifestview.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/uploaddock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Berth {

namespace {
constexpr int VisibleDetailsDelayMs = 200;
constexpr int MaxDetailsPerPass = 200;
const QString StateGroup = QStringLiteral("window");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_repositories(new RepositoryModel(this))
    , m_pane(new RepositoryPane(this))
    , m_messageBar(new MessageBar(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_busyBar(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
{
    setWindowTitle(tr("Berth"));
    setObjectName(QStringLiteral("mainWindow"));

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(createTree());
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({300, 980});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    // Busy indicator: an indeterminate bar and what is loading, in the status bar.
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(14);
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Loading"));
    m_busyBar->hide();
    m_busyLabel->hide();
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busyBar);

    createActions();
    createUploads();
    createMenus();

    connect(m_repositories, &RepositoryModel::loadingChanged, this, &MainWindow::updateBusy);
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
    connect(m_repositories, &QAbstractItemModel::dataChanged, this,
            &MainWindow::showRepositoryAttributes);
    connect(m_repositories, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                reopenFolders(under, first, last);
                selectPendingRepository();
                scheduleVisibleDetails();
            });

    connect(m_pane, &RepositoryPane::busyChanged, this, &MainWindow::updateBusy);
    connect(m_pane, &RepositoryPane::selectionChanged, this, &MainWindow::updateActions);
    connect(m_pane, &RepositoryPane::listingChanged, this, &MainWindow::updateActions);
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
    for (QTableView *view : {m_pane->tagView(), m_pane->manifestView()}) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint &pos) { tableContextMenu(view, pos); });
    }

    m_detailsTimer.setSingleShot(true);
    m_detailsTimer.setInterval(VisibleDetailsDelayMs);
    connect(&m_detailsTimer, &QTimer::timeout, this, &MainWindow::loadVisibleDetails);

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

QWidget *MainWindow::createTree()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("repositoryTree"));
    m_tree->setAccessibleName(tr("Registries and repositories"));
    m_tree->setModel(m_repositories);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RepositoryModel::Name, QHeaderView::Stretch);
    // Count columns as wide as their header (never measured over the rows).
    for (const int column : {int(RepositoryModel::Tags), int(RepositoryModel::Manifests)}) {
        const QString title
            = m_repositories->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_tree->setColumnWidth(column,
                               m_tree->header()->fontMetrics().horizontalAdvance(title) + 24);
    }
    m_busyDelegate = new BusyDelegate(m_tree);
    m_tree->setItemDelegateForColumn(RepositoryModel::Name, m_busyDelegate);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { treeCurrentChanged(current); });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::treeContextMenu);
    connect(m_tree, &QTreeView::expanded, this, &MainWindow::scheduleVisibleDetails);
    connect(m_tree->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &MainWindow::scheduleVisibleDetails);
    return m_tree;
}

void MainWindow::createActions()
{
    auto make = [this](const QString &icon, const QString &text, const QKeySequence &shortcut,
                       void (MainWindow::*slot)()) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : Icons::icon(icon), text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action); // shortcuts work without a menu bar too
        return action;
    };
    m_copyPull = make(QStringLiteral("copy"), tr("&Copy Pull Reference"), QKeySequence::Copy,
                      &MainWindow::copyPullReference);
    m_copyPull->setToolTip(tr("Copy registry/repository:tag"));
    m_copyDigestRef
        = make(QString(), tr("Copy Pull Reference by D&igest"),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &MainWindow::copyDigestReference);
    m_copyDigestRef->setToolTip(tr("Copy registry/repository@digest"));
    m_copyDigest = make(QString(), tr("Copy &Digest"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
                        &MainWindow::copyDigest);
    m_delete = make(QStringLiteral("delete"), tr("&Delete…"), QKeySequence::Delete,
                    &MainWindow::deleteSelected);
    m_lock = make(QStringLiteral("lock"), tr("&Lock Attributes…"),
                  QKeySequence(Qt::CTRL | Qt::Key_L), &MainWindow::editLocks);
    m_refresh = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence::Refresh,
                     &MainWindow::refresh);
    m_refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_find = make(QStringLiteral("find"), tr("&Filter…"), QKeySequence::Find,
                  &MainWindow::focusFilter);
    m_addRegistry = make(QStringLiteral("add"), tr("&Add Registry…"), QKeySequence::New,
                         &MainWindow::addRegistryWithDialog);
    m_removeRegistry = make(QStringLiteral("remove"), tr("&Remove Registry…"), {},
                            &MainWindow::removeCurrentRegistry);
    m_editRegistry = make(QString(), tr("&Edit Connection…"), {}, &MainWindow::editCurrentRegistry);
    m_quit = new QAction(Icons::icon(QStringLiteral("quit")), tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_pane->showTagsAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_pane->showManifestsAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    addActions({m_pane->showTagsAction(), m_pane->showManifestsAction()});
}

void MainWindow::createMenus()
{
    QMenu *registry = menuBar()->addMenu(tr("&Registry"));
    registry->addActions({m_addRegistry, m_editRegistry, m_removeRegistry});
    registry->addSeparator();
    registry->addAction(m_refresh);
    registry->addSeparator();
    registry->addAction(m_quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_copyPull, m_copyDigestRef, m_copyDigest});
    edit->addSeparator();
    edit->addActions({m_lock, m_delete});
    edit->addSeparator();
    edit->addAction(m_find);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_pane->showTagsAction(), m_pane->showManifestsAction()});
    view->addSeparator();
    view->addAction(m_uploadDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Berth"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About Berth"),
                                    tr("<p><b>Berth</b> %1</p><p>A desktop browser for container "
                                       "registries, Azure Container Registry first.</p>")
                                        .arg(QApplication::applicationVersion().toHtmlEscaped()),
                                    QMessageBox::Close, this);
        box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_addRegistry, m_refresh});
    tools->addSeparator();
    tools->addActions({m_copyPull, m_lock, m_delete});
}

bool MainWindow::treeHasFocus() const
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == m_tree || m_tree->isAncestorOf(focus));
}

QModelIndex MainWindow::currentTreeIndex() const
{
    return m_tree->currentIndex().siblingAtColumn(0);
}

QModelIndex MainWindow::registryIndex(const RegistryClient *client) const
{
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const QModelIndex index = m_repositories->index(row, 0);
        if (m_repositories->client(index) == client)
            return index;
    }
    return {};
}

QModelIndex MainWindow::addRegistry(RegistryClient *client, const QString &displayName)
{
    client->setParent(this);
    connect(client->connection()->authenticator(), &Authenticator::realmRefused, this,
            [this, guarded = QPointer(client)](const QString &realm, bool approvable) {
                if (guarded && approvable)
                    askToTrustRealm(guarded, realm);
            });
    const QModelIndex index = m_repositories->addRegistry(client, displayName);
    if (m_noRegistriesHint) {
        m_noRegistriesHint = false;
        statusBar()->clearMessage(); // "No saved registries yet" no longer holds
    }
    m_tree->expand(index); // loads the first page
    if (!m_tree->currentIndex().isValid())
        m_tree->setCurrentIndex(index);
    updateActions();
    return index;
}

void MainWindow::openRepository(RegistryClient *client, const QString &repo)
{
    m_pendingClient = client;
    m_pendingRepository = repo;
    if (m_pane->client() != client || m_pane->repository() != repo)
        m_pane->setRepository(client, repo);
    selectPendingRepository();
    updateActions();
}

void MainWindow::selectPendingRepository()
{
    if (!m_pendingClient)
        return;
    const QModelIndex registry = registryIndex(m_pendingClient);
    const QModelIndex found = m_repositories->findRepository(registry, m_pendingRepository);
    if (!found.isValid())
        return;
    m_pendingClient.clear();
    m_pendingRepository.clear();
    for (QModelIndex parent = found.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(found);
    m_tree->scrollTo(found);
}

// Expands the folders among the rows just inserted (and their children, which came with
// them) that were open before their registry was refreshed.
void MainWindow::reopenFolders(const QModelIndex &parent, int first, int last)
{
    const QSet<QString> open = m_openFolders.value(m_repositories->client(parent));
    if (!parent.isValid() || open.isEmpty())
        return;
    QModelIndexList todo;
    for (int row = first; row <= last; ++row)
        todo << m_repositories->index(row, 0, parent);
    while (!todo.isEmpty()) {
        const QModelIndex index = todo.takeLast();
        if (m_repositories->kind(index) != RepositoryModel::Kind::Folder
            || !open.contains(m_repositories->repositoryPath(index)))
            continue;
        m_tree->expand(index);
        for (int row = 0; row < m_repositories->rowCount(index); ++row)
            todo << m_repositories->index(row, 0, index);
    }
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
    const QModelIndex index
        = m_repositories->findRepository(registryIndex(m_pane->client()), m_pane->repository());
    const std::optional<RepositoryInfo> info = m_repositories->details(index);
    if (info && info->attributes != m_pane->repositoryAttributes())
        m_pane->setRepositoryAttributes(info->attributes);
}

void MainWindow::treeContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    m_tree->setFocus(Qt::PopupFocusReason);
    updateActions();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (index.isValid()) {
        const RepositoryModel::Kind kind = m_repositories->kind(index);
        if (kind != RepositoryModel::Kind::Folder)
            menu->addAction(m_copyPull);
        if (kind == RepositoryModel::Kind::Repository)
            menu->addActions({m_lock, m_delete});
        menu->addSeparator();
        menu->addAction(m_refresh);
        if (kind == RepositoryModel::Kind::Registry) {
            menu->addSeparator();
            menu->addActions({m_editRegistry, m_removeRegistry});
        }
    }
    menu->addAction(m_addRegistry);
    menu->popup(m_tree->viewport()->mapToGlobal(pos)); // returns at once: no nested event loop
}

void MainWindow::tableContextMenu(QTableView *view, const QPoint &pos)
{
    view->setFocus(Qt::PopupFocusReason); // the actions act on what has the focus
    updateActions();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({m_copyPull, m_copyDigestRef, m_copyDigest});
    menu->addSeparator();
    menu->addActions({m_lock, m_delete});
    menu->addSeparator();
    menu->addAction(m_refresh);
    menu->popup(view->viewport()->mapToGlobal(pos)); // returns at once: no nested event loop
}

void MainWindow::scheduleVisibleDetails()
{
    m_detailsTimer.start();
}

// Asks for the counts of the repositories in sight (the model skips known ones).
void MainWindow::loadVisibleDetails()
{
    const int bottom = m_tree->viewport()->height();
    QModelIndex index = m_tree->indexAt(QPoint(1, 1));
    for (int n = 0; index.isValid() && n < MaxDetailsPerPass; ++n) {
        if (m_tree->visualRect(index).top() > bottom)
            break;
        if (m_repositories->kind(index) == RepositoryModel::Kind::Repository)
            m_repositories->loadDetails(index.siblingAtColumn(0));
        index = m_tree->indexBelow(index);
    }
}

bool MainWindow::isBusy() const
{
    return m_busy;
}

void MainWindow::updateBusy()
{
    QStringList what;
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        if (m_repositories->isLoading(m_repositories->index(row, 0))) {
            what << tr("repositories");
            break;
        }
    }
    if (m_pane->tagModel()->isLoading())
        what << tr("tags");
    if (m_pane->manifestModel()->isLoading())
        what << tr("manifests");
    if (m_pane->details()->isLoading())
        what << tr("details");
    if (m_resolving > 0)
        what << tr("saved credentials");
    if (m_working > 0)
        what << tr("repository");
    const bool busy = !what.isEmpty();
    m_busyLabel->setText(busy ? tr("Loading %1…").arg(what.join(QStringLiteral(", "))) : QString());
    m_busyLabel->setVisible(busy);
    m_busyBar->setVisible(busy);
    m_busyDelegate->setAnimating(busy);
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void MainWindow::updateActions()
{
    const QModelIndex treeIndex = currentTreeIndex();
    const bool onTree = treeHasFocus() || !m_pane->client();
    const bool repoInTree = treeIndex.isValid()
                            && m_repositories->kind(treeIndex) == RepositoryModel::Kind::Repository;
    const bool rows = m_pane->hasSelection(); // what is highlighted, never a hidden current row
    const bool acts = onTree ? repoInTree : rows;
    m_copyPull->setEnabled(onTree ? treeIndex.isValid() : rows);
    m_copyDigestRef->setEnabled(!onTree && rows);
    m_copyDigest->setEnabled(!onTree && rows);
    m_delete->setEnabled(acts);
    m_lock->setEnabled(acts);
    m_refresh->setEnabled(treeIndex.isValid() || m_pane->client());
    m_find->setEnabled(m_pane->client());
    m_removeRegistry->setEnabled(treeIndex.isValid());
    m_editRegistry->setEnabled(treeIndex.isValid());
}

void MainWindow::refresh()
{
    const QModelIndex treeIndex = currentTreeIndex();
    if ((treeHasFocus() || !m_pane->client()) && treeIndex.isValid()) {
        const QModelIndex registry = m_repositories->registryOf(treeIndex);
        // Select the open repository again once the fresh listing has it.
        if (m_pane->client() == m_repositories->client(registry)) {
            m_pendingClient = m_pane->client();
            m_pendingRepository = m_pane->repository();
        }
        m_messageBar->dismiss();
        // Folders open now open again as the fresh listing brings them.
        QSet<QString> &open = m_openFolders[m_repositories->client(registry)];
        open.clear();
        for (QModelIndex index = m_tree->indexBelow(registry);
             index.isValid() && m_repositories->registryOf(index) == registry;
             index = m_tree->indexBelow(index)) {
            if (m_repositories->kind(index) == RepositoryModel::Kind::Folder
                && m_tree->isExpanded(index))
                open.insert(m_repositories->repositoryPath(index));
        }
        m_repositories->refresh(registry);
        m_tree->setCurrentIndex(registry);
        return;
    }
    if (m_pane->client()) {
        m_messageBar->dismiss();
        m_pane->reload();
    }
}

void MainWindow::focusFilter()
{
    if (m_pane->client())
        m_pane->focusFilter();
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
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mayClose()) { // asks first while uploads are running
        event->ignore();
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

} // namespace Berth
