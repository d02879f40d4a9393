#pragma once

#include "core/attributes.h"
#include "credentials/credentialstore.h"
#include "credentials/registryprofile.h"
#include "registry/registryclient.h"
#include "upload/uploadrequest.h"

#include <QHash>
#include <QMainWindow>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class QDialog;
class QLabel;
class QMessageBox;
class QProgressBar;
class QSettings;
class QSplitter;
class QTableView;
class QTreeView;

namespace Berth {

class BusyDelegate;
struct Credentials;
class MessageBar;
class RepositoryModel;
class RepositoryPane;
struct DeletedItems;
class UploadDock;
struct UploadDropAction;
class UploadQueueModel;
class UploadWorker;

// Berth's window: the registries on the left (registry > namespace folders > repositories,
// loaded page by page as they expand, with tag and manifest counts for the rows in sight),
// the open repository's tags or manifests and the current manifest's details on the
// right, a message bar for errors, a busy indicator in the status bar.
//
// Files dropped onto a repository (in the tree, or onto the open repository's tables) are
// uploaded in the background by one UploadWorker per registry, shown in the Uploads dock.
//
// Services come in from outside: addRegistry() takes a ready client (tests, --demo);
// setSettings() + setCredentialStore() + loadSavedRegistries() add the saved ones, each
// signing in with the secret from the store, resolved asynchronously.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds `client`'s registry to the tree (expanded: its first page loads). The window
    // takes ownership of the client.
    QModelIndex addRegistry(RegistryClient *client, const QString &displayName);
    // Where the window keeps its geometry, layout and the saved registries. Not owned;
    // nullptr (the default) keeps nothing, as `--demo` wants.
    void setSettings(QSettings *settings) { m_settings = settings; }
    // Where saved secrets live (not owned). Without one, only anonymous profiles connect.
    void setCredentialStore(CredentialStore *store) { m_store = store; }
    // Adds every registry saved in the settings, in their saved order, as their
    // credentials resolve. Failures go to the message bar with a Retry.
    void loadSavedRegistries();
    // Opens `repo` of `client`'s registry on the right, and selects it in the tree as soon
    // as the tree has listed it.
    void openRepository(RegistryClient *client, const QString &repo);

    void restoreWindowState();
    void saveWindowState() const;

    RepositoryModel *repositoryModel() const { return m_repositories; }
    QTreeView *repositoryView() const { return m_tree; }
    RepositoryPane *pane() const { return m_pane; }
    MessageBar *messageBar() const { return m_messageBar; }
    bool isBusy() const;
    // The tree row of `client`'s registry.
    QModelIndex registryIndex(const RegistryClient *client) const;

    // Uploads (mainwindow_uploads.cpp): the queue of every registry, its dock, and the
    // worker that uploads to `client`'s registry (one per registry in the tree, started on
    // first use with the client's connection settings; nullptr for a client not in the tree).
    UploadQueueModel *uploadQueue() const { return m_uploadQueue; }
    UploadDock *uploadDock() const { return m_uploadDock; }
    UploadWorker *uploadWorker(RegistryClient *client);
    // Uploads queued, running or paused: of `client`'s registry, or of all (nullptr).
    int activeUploads(const RegistryClient *client = nullptr) const;

    QAction *copyPullReferenceAction() const { return m_copyPull; }
    QAction *copyDigestReferenceAction() const { return m_copyDigestRef; }
    QAction *copyDigestAction() const { return m_copyDigest; }
    QAction *deleteAction() const { return m_delete; }
    QAction *lockAction() const { return m_lock; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *findAction() const { return m_find; }
    QAction *addRegistryAction() const { return m_addRegistry; }
    QAction *removeRegistryAction() const { return m_removeRegistry; }
    QAction *editRegistryAction() const { return m_editRegistry; }

public Q_SLOTS:
    // These act on what has the focus: the tree (registry, repository) or the table.
    void refresh();
    void copyPullReference();
    void copyDigestReference();
    void copyDigest();
    void deleteSelected();
    void editLocks();
    void focusFilter();
    void addRegistryWithDialog();
    void removeCurrentRegistry();
    // Opens the connection dialog on the current registry's settings; OK reconnects it.
    void editCurrentRegistry();

Q_SIGNALS:
    void busyChanged(bool busy);
    // A dialog was opened, never with exec(): lock, delete, connection, the tag of an upload
    // and the questions before cancelling uploads (window-modal); the offer to tag an
    // uploaded blob (not modal).
    void dialogOpened(QDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct PendingRegistry
    {
        RegistryProfile profile;
        QPointer<RegistryClient> client;
        bool done = false;
    };

    void createActions();
    void createMenus();
    QWidget *createTree();
    void treeCurrentChanged(const QModelIndex &current);
    void treeContextMenu(const QPoint &pos);
    void tableContextMenu(QTableView *view, const QPoint &pos);
    void scheduleVisibleDetails();
    void loadVisibleDetails();
    void selectPendingRepository();
    void reopenFolders(const QModelIndex &parent, int first, int last);
    void showRepositoryAttributes();
    void updateActions();
    void updateBusy();
    bool treeHasFocus() const;
    QModelIndex currentTreeIndex() const;

    // Saved registries (mainwindow_registries.cpp)
    void resolveProfile(qsizetype slot);
    void addResolvedRegistries();
    RegistryClient *connectProfile(const RegistryProfile &profile, const Credentials &credentials);
    void removeRegistryRow(const QModelIndex &registry);
    void openConnectionDialog(const std::optional<RegistryProfile> &profile);
    void askToTrustRealm(RegistryClient *client, const QString &realm);

    // Dialogs and their results (mainwindow_actions.cpp)
    void openDialog(QDialog *dialog);
    bool loadAllBefore(void (MainWindow::*action)());
    void lockRepository(const QModelIndex &repository);
    void deleteRepository(const QModelIndex &repository);
    void applyRepositoryUpdate(RegistryClient *client, const RepositoryInfo &info);
    void applyTagsUpdate(RegistryClient *client, const QString &repo, const QList<TagInfo> &tags);
    void applyManifestUpdate(RegistryClient *client, const QString &repo, const ManifestInfo &m);
    void applyDeleted(RegistryClient *client, const DeletedItems &items);
    void copyText(const QStringList &lines, const QString &what);

    // Uploads (mainwindow_uploads.cpp)
    struct ArtifactOffer
    {
        QPointer<RegistryClient> client;
        QString repository;
        QString path;
    };
    void createUploads();
    void stopUploads(const RegistryClient *client);
    void cancelAllUploads();
    void enqueueUpload(RegistryClient *client, const UploadRequest &request);
    void uploadDropped(RegistryClient *client,
                       const QString &repository,
                       const QList<UploadDropAction> &actions);
    void askImageTag(RegistryClient *client, const QString &repository, const QString &path);
    void askUploadTag(const QString &objectName,
                      const QString &label,
                      const QString &suggested,
                      const std::function<void(const QString &tag)> &use,
                      const std::function<void()> &finished = {});
    void uploadFinished(RegistryClient *client, UploadWorker *worker, const UploadStatus &status);
    void offerNextArtifact();
    // Asks (window-modal) before `then` cancels `count` running uploads.
    QMessageBox *
    confirmCancellingUploads(int count, const QString &question, std::function<void()> then);
    bool mayClose();

    RepositoryModel *m_repositories;
    QTreeView *m_tree = nullptr;
    BusyDelegate *m_busyDelegate = nullptr;
    RepositoryPane *m_pane;
    MessageBar *m_messageBar;
    QSplitter *m_splitter;
    QProgressBar *m_busyBar;
    QLabel *m_busyLabel;
    QTimer m_detailsTimer;
    bool m_busy = false;
    bool m_noRegistriesHint = false; // the status bar says there are none

    QSettings *m_settings = nullptr;
    QPointer<CredentialStore> m_store;
    QList<PendingRegistry> m_pending; // saved registries in their saved order
    qsizetype m_nextPending = 0;      // the first of m_pending not in the tree yet
    QHash<const RegistryClient *, RegistryProfile> m_profiles; // clients from saved profiles
    QSet<QString> m_realmQuestions; // "registry realm" pairs being asked about
    int m_resolving = 0;            // credential look-ups on their way
    int m_working = 0;              // other window-level requests on their way

    // Folder paths open before a refresh of their registry, opened again as they come back.
    QHash<const RegistryClient *, QSet<QString>> m_openFolders;
    QPointer<RegistryClient> m_pendingClient; // openRepository() before the tree listed it
    QString m_pendingRepository;

    QAction *m_copyPull = nullptr;
    QAction *m_copyDigestRef = nullptr;
    QAction *m_copyDigest = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_lock = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QAction *m_addRegistry = nullptr;
    QAction *m_removeRegistry = nullptr;
    QAction *m_editRegistry = nullptr;
    QAction *m_quit = nullptr;

    UploadQueueModel *m_uploadQueue = nullptr;
    UploadDock *m_uploadDock = nullptr;
    QHash<const RegistryClient *, UploadWorker *> m_uploadWorkers;
    QList<ArtifactOffer> m_artifactOffers; // uploaded blobs waiting for the offer to tag them
    bool m_offeringArtifact = false;       // an offer (or its tag question) is open
    QPointer<QMessageBox> m_closeQuestion;
    bool m_closeConfirmed = false;
};

} // namespace Berth
