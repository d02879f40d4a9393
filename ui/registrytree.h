#pragma once

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QTreeView>

namespace Berth {

class BusyDelegate;
class RegistryClient;
class RepositoryModel;
struct UploadDropTarget;

// The registries on the left (registry > namespace folders > repositories, loaded page by
// page as they expand) over a RepositoryModel it does not own. Besides the view it asks for
// the tag and manifest counts of the repositories in sight, turns the busy mark of a
// loading registry, opens again after a refresh the folders that were open before it, and
// selects a repository asked for before it was listed as soon as it comes. Its header sorts
// (RepositoryModel::sort).
class RegistryTree : public QTreeView
{
    Q_OBJECT
public:
    explicit RegistryTree(RepositoryModel *repositories, QWidget *parent = nullptr);

    // The current row at column 0 (invalid when none).
    QModelIndex currentRow() const;
    // Whether the focus is on the tree (actions then act on its current row).
    bool hasFocusWithin() const;
    // Turns the busy mark of loading registries.
    void setAnimating(bool animating);
    // The repository under `pos` (viewport coordinates) as a place to upload to.
    UploadDropTarget uploadTargetAt(const QPoint &pos) const;

    // Selects `repo` of `client`'s registry now or, when the tree has not listed it yet, as
    // soon as it does.
    void selectRepository(RegistryClient *client, const QString &repo);
    // Refreshes `registry`'s listing, keeping its open folders open and selecting
    // `reselect` again (a repository of that registry; empty for none) once it is listed.
    void refreshRegistry(const QModelIndex &registry, const QString &reselect);
    // Forgets what it kept for `client`'s registry (removed).
    void forgetRegistry(const RegistryClient *client);

private:
    void scheduleVisibleDetails();
    void loadVisibleDetails();
    void selectPendingRepository();
    void reopenFolders(const QModelIndex &parent, int first, int last);

    RepositoryModel *m_repositories;
    BusyDelegate *m_busyDelegate;
    QTimer m_detailsTimer;
    // Folder paths open before a refresh of their registry, opened again as they come back.
    QHash<const RegistryClient *, QSet<QString>> m_openFolders;
    QPointer<RegistryClient> m_pendingClient; // selectRepository() before the tree listed it
    QString m_pendingRepository;
};

} // namespace Berth
