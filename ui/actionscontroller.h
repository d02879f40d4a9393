#pragma once

#include "core/attributes.h"
#include "ui/windowcontroller.h"

namespace Berth {

class RegistryClient;
struct DeletedItems;

// What the window's edit and registry actions do, on what has the focus: the tree's current
// row (registry, repository) or the rows highlighted in the open repository's table.
// Refresh, copying references and digests, the lock and delete dialogs and applying what
// they changed to the tree and the tables in place (no reload); after select all (Ctrl+A)
// the rows not loaded yet load first (with progress and Cancel).
//
// In: the slots, one per action. Out: removeRegistryRequested() (delete on a registry row),
// selectionChanged() when what the actions act on changed under them, workingChanged().
class ActionsController : public WindowController
{
    Q_OBJECT
public:
    ActionsController(const WindowParts &parts, QObject *parent);

    // Whether the actions act on the tree (it has the focus, or no repository is open).
    bool actsOnTree() const;
    // Requests of its own on their way (reading a repository's attributes).
    bool isWorking() const { return m_working > 0; }

public Q_SLOTS:
    void refresh();
    void copyPullReference();
    void copyPullCommand();
    void copyDigestReference();
    void copyDigest();
    void deleteSelected();
    void editLocks();
    void focusFilter();
    // "Clean Up…" on the tree's registry, folder or repository (actionscontroller_cleanup.cpp).
    void cleanUp();
    // Size All on the tree's registry (the registry of its current row), or Stop when it runs.
    void toggleSizeAll();
    // Selects the open repository's untagged manifests that no index lists (every page first).
    void selectUntagged();

Q_SIGNALS:
    void removeRegistryRequested();
    void selectionChanged();
    void workingChanged();

private:
    template<typename Dialog>
    Dialog *dialogForSelection(const QString &oneAtATime);
    bool loadAllBefore(void (ActionsController::*action)());
    bool loadTagsBefore(void (ActionsController::*action)());
    QStringList pullReferences(QString *what) const;
    void copyText(const QStringList &lines, const QString &what);
    void lockRepository(const QModelIndex &repository);
    void deleteRepository(const QModelIndex &repository);
    void applyRepositoryUpdate(RegistryClient *client, const RepositoryInfo &info);
    void applyTagsUpdate(RegistryClient *client, const QString &repo, const QList<TagInfo> &tags);
    void applyManifestUpdate(RegistryClient *client, const QString &repo, const ManifestInfo &m);
    void applyDeleted(RegistryClient *client, const DeletedItems &items);
    void removeDeletedRows(const DeletedItems &items);

    int m_working = 0; // requests of its own on their way
};

} // namespace Berth
