#pragma once

#include <QMainWindow>

class QDialog;
class QLabel;
class QProgressBar;
class QSettings;
class QSplitter;
class QTableView;
class QTreeView;

namespace Berth {

class ActionsController;
class ImageMoveController;
class CredentialStore;
class MessageBar;
class RegistriesController;
class RegistryClient;
class RegistryTree;
class RepositoryModel;
class RepositoryPane;
class RepositorySearch;
class TransfersController;
class UploadDock;
class UploadQueueModel;

// Berth's window: the registries on the left (a RegistryTree), the open repository's tags
// or manifests and the current manifest's details on the right (a RepositoryPane), a
// message bar for errors, a busy indicator in the status bar, the Transfers dock, the actions
// and their menus.
//
// The window makes the widgets, the actions and the menus and wires them to four
// controllers it owns, which do the work: RegistriesController (the registries in the
// tree: saved ones, connecting, removing, trusting a sign-in server), TransfersController
// (uploads: files dropped onto repositories, the queue, cancelling, vetting a close),
// ImageMoveController (Add Tag…, Copy to…, Save Image As…, tags dropped onto the tree) and
// ActionsController (what the actions do, their dialogs, applying results in place).
//
// Services come in from outside: addRegistry() takes a ready client (tests, --demo);
// setSettings() + setCredentialStore() + loadSavedRegistries() add the saved ones.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The window's actions; their shortcuts work without the menu bar too.
    struct Actions
    {
        QAction *copyPullReference = nullptr;
        QAction *copyPullCommand = nullptr;
        QAction *copyDigestReference = nullptr;
        QAction *copyDigest = nullptr;
        QAction *deleteSelected = nullptr;
        QAction *editLocks = nullptr;
        QAction *cleanUp = nullptr;
        QAction *sizeAll = nullptr; // "Stop Sizing" while its registry is being sized
        QAction *selectUntagged = nullptr;
        QAction *refresh = nullptr;
        QAction *find = nullptr;
        QAction *findRepository = nullptr;
        QAction *addRegistry = nullptr;
        QAction *removeRegistry = nullptr;
        QAction *editRegistry = nullptr;
        QAction *pushFiles = nullptr;
        QAction *pushImage = nullptr;
        QAction *addTag = nullptr;
        QAction *copyTo = nullptr;
        QAction *saveImageAs = nullptr;
        QAction *quit = nullptr;
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds `client`'s registry to the tree (expanded: its first page loads). The window
    // takes ownership of the client.
    QModelIndex addRegistry(RegistryClient *client, const QString &displayName);
    // Where the window keeps its geometry, layout and the saved registries, and reads
    // `uploads/maxConcurrent`. Not owned; nullptr (the default) keeps nothing, as `--demo`
    // wants.
    void setSettings(QSettings *settings);
    // Where saved secrets live (not owned). Without one, only anonymous profiles connect.
    void setCredentialStore(CredentialStore *store);
    // Adds every registry saved in the settings, in their saved order, as their
    // credentials resolve. Failures go to the message bar with a Retry.
    void loadSavedRegistries();
    // Opens `repo` of `client`'s registry on the right, and selects it in the tree as soon
    // as the tree has listed it.
    void openRepository(RegistryClient *client, const QString &repo);

    void restoreWindowState();
    void saveWindowState() const;

    RepositoryModel *repositoryModel() const { return m_repositories; }
    QTreeView *repositoryView() const;
    // The search box over the tree.
    RepositorySearch *repositorySearch() const { return m_search; }
    RepositoryPane *pane() const { return m_pane; }
    MessageBar *messageBar() const { return m_messageBar; }
    bool isBusy() const { return m_busy; }
    // The tree row of `client`'s registry.
    QModelIndex registryIndex(const RegistryClient *client) const;
    const Actions &actions() const { return m_actions; }

    // The transfers (uploads of every registry, downloads, copies), their dock, and what
    // runs them.
    UploadQueueModel *uploadQueue() const { return m_uploadQueue; }
    UploadDock *uploadDock() const { return m_uploadDock; }
    TransfersController *transfers() const { return m_transfers; }
    ImageMoveController *moves() const { return m_moves; }

Q_SIGNALS:
    void busyChanged(bool busy);
    // A dialog was opened, never with exec(): lock, delete, connection, the tag of an upload
    // and the questions before cancelling uploads (window-modal); the offer to tag an
    // uploaded blob (not modal).
    void dialogOpened(QDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createStatusBar();
    void createActions();
    void createMenus();
    void createUploads();
    void connectControllers();
    void connectFailures();
    void registryAdded(const QModelIndex &registry);
    void registryRemoved(const RegistryClient *client);
    void showNoRegistriesHint();
    void treeCurrentChanged(const QModelIndex &current);
    void treeContextMenu(const QPoint &pos);
    void tableContextMenu(QTableView *view, const QPoint &pos);
    void showRepositoryAttributes();
    void showAbout();
    void updateActions();
    void updateBusy();
    void updateWindowTitle();

    RepositoryModel *m_repositories;
    RegistryTree *m_tree;
    RepositorySearch *m_search;
    RepositoryPane *m_pane;
    MessageBar *m_messageBar;
    UploadQueueModel *m_uploadQueue;
    QSplitter *m_splitter;
    QProgressBar *m_busyBar;
    QLabel *m_busyLabel;
    UploadDock *m_uploadDock = nullptr;
    RegistriesController *m_registries;
    TransfersController *m_transfers;
    ActionsController *m_commands;
    ImageMoveController *m_moves;
    Actions m_actions;
    QSettings *m_settings = nullptr;
    bool m_busy = false;
    bool m_noRegistriesHint = false; // the status bar says there are none
};

} // namespace Berth
