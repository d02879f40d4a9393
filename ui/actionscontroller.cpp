#include "ui/actionscontroller.h"

#include "models/manifestmodel.h"
#include "models/pagedloader.h"
#include "models/repositorymodel.h"
#include "models/tagmodel.h"
#include "registry/registryclient.h"
#include "ui/dialogs/deletedialog.h"
#include "ui/dialogs/lockdialog.h"
#include "ui/messagebar.h"
#include "ui/registrytree.h"
#include "ui/repositorypane.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QProgressDialog>

namespace Berth {

namespace {

constexpr int StatusMs = 4000;

// The digests of the highlighted rows (a tag's manifest, a manifest), each once.
QStringList selectedDigests(const RepositoryPane *pane)
{
    QStringList digests;
    for (const TagInfo &tag : pane->selectedTags()) {
        if (!tag.digest.isEmpty())
            digests << tag.digest;
    }
    for (const ManifestInfo &m : pane->selectedManifests())
        digests << m.digest;
    digests.removeDuplicates();
    return digests;
}

} // namespace

ActionsController::ActionsController(const WindowParts &parts, QObject *parent)
    : WindowController(parts, parent)
{}

// The lock or delete dialog for what the pane's table has selected: the tags, or the first
// manifest (saying `oneAtATime` in the status bar when there are more); nullptr when
// nothing is selected.
template<typename Dialog>
Dialog *ActionsController::dialogForSelection(const QString &oneAtATime)
{
    RegistryClient *client = m_pane->client();
    const QString repo = m_pane->repository();
    if (m_pane->listing() == RepositoryPane::Listing::Tags) {
        const QList<TagInfo> tags = m_pane->selectedTags();
        return tags.isEmpty() ? nullptr : new Dialog(client, repo, tags, m_window);
    }
    const QList<ManifestInfo> manifests = m_pane->selectedManifests();
    if (manifests.isEmpty())
        return nullptr;
    if (manifests.size() > 1)
        Q_EMIT statusMessage(oneAtATime, StatusMs);
    return new Dialog(client, repo, manifests.first(), m_window);
}

bool ActionsController::actsOnTree() const
{
    return m_tree->hasFocusWithin() || !m_pane->client();
}

void ActionsController::refresh()
{
    const QModelIndex treeIndex = m_tree->currentRow();
    if (actsOnTree() && treeIndex.isValid()) {
        const QModelIndex registry = m_repositories->registryOf(treeIndex);
        m_messageBar->dismiss();
        // Select the open repository again once the fresh listing has it.
        const bool open = m_pane->client() == m_repositories->client(registry);
        m_tree->refreshRegistry(registry, open ? m_pane->repository() : QString());
        return;
    }
    if (m_pane->client()) {
        m_messageBar->dismiss();
        m_pane->reload();
    }
}

void ActionsController::focusFilter()
{
    if (m_pane->client())
        m_pane->focusFilter();
}

// After select all (Ctrl+A) in a table that has not loaded every row, an action on the
// selection means every row of the repository: this loads the rest first (the model's own
// paging, with progress and Cancel) and then runs `action` again on all of them. Returns
// false when there is nothing to load (run the action now).
bool ActionsController::loadAllBefore(void (ActionsController::*action)())
{
    if (m_tree->hasFocusWithin() || !m_pane->selectsBeyondLoaded())
        return false;
    const bool tags = m_pane->listing() == RepositoryPane::Listing::Tags;
    const QString repo = m_pane->repository();
    int total = -1;
    const QModelIndex index
        = m_repositories->findRepository(m_repositories->registryIndex(m_pane->client()), repo);
    if (const std::optional<RepositoryInfo> info = m_repositories->details(index))
        total = tags ? info->tagCount : info->manifestCount;
    auto *progress = new QProgressDialog(m_window);
    progress->setObjectName(QStringLiteral("loadAllProgress"));
    progress->setWindowTitle(tr("Select All"));
    if (total >= 0)
        progress->setLabelText(
            tags ? tr("All %n tag(s) of %1 are selected: loading those not loaded yet…", nullptr,
                      total)
                       .arg(repo)
                 : tr("All %n manifest(s) of %1 are selected: loading those not loaded yet…",
                      nullptr, total)
                       .arg(repo));
    else
        progress->setLabelText(
            tags ? tr("All tags of %1 are selected: loading those not loaded yet…").arg(repo)
                 : tr("All manifests of %1 are selected: loading those not loaded yet…").arg(repo));
    progress->setRange(0, std::max(total, 0)); // unknown total: busy
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    auto *loader = new PagedLoader(m_pane->currentModel(), progress);
    connect(loader, &PagedLoader::progress, progress, [progress, total](int rows) {
        if (total > 0)
            progress->setValue(std::min(rows, total));
    });
    connect(progress, &QProgressDialog::canceled, loader, &PagedLoader::cancel);
    connect(progress, &QDialog::rejected, loader, &PagedLoader::cancel); // Esc
    connect(loader, &PagedLoader::finished, this,
            [this, progress, action](PagedLoader::Outcome outcome) {
                progress->close(); // deletes it, and the loader with it
                if (outcome == PagedLoader::Outcome::Complete) {
                    m_pane->selectAllRows(); // the rows that came in
                    (this->*action)();
                } else {
                    Q_EMIT statusMessage(tr("Not every row could be loaded: nothing was "
                                            "changed."),
                                         StatusMs);
                }
            });
    openDialog(progress);
    loader->start();
    return true;
}

// As loadAllBefore() for the actions that take every tag but one manifest at a time (lock,
// delete): there is nothing to load for manifests.
bool ActionsController::loadTagsBefore(void (ActionsController::*action)())
{
    return m_pane->listing() == RepositoryPane::Listing::Tags && loadAllBefore(action);
}

void ActionsController::copyText(const QStringList &lines, const QString &what)
{
    if (lines.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    Q_EMIT statusMessage(lines.size() == 1
                             ? tr("Copied %1").arg(lines.first())
                             : tr("Copied %1 (%n items)", nullptr, int(lines.size())).arg(what),
                         StatusMs);
}

// What the pull references act on: the tree's registry or repository, or the highlighted
// rows (repo:tag for tags, repo@digest for manifests); `what` names them for the status bar.
QStringList ActionsController::pullReferences(QString *what) const
{
    if (actsOnTree()) {
        const QModelIndex index = m_tree->currentRow();
        const RegistryClient *client = m_repositories->client(index);
        if (!client)
            return {};
        switch (m_repositories->kind(index)) {
        case RepositoryModel::Kind::Registry:
            *what = tr("registry");
            return {client->registryHost()};
        case RepositoryModel::Kind::Repository:
            *what = tr("repository");
            return {client->registryHost() + u'/' + m_repositories->repositoryPath(index)};
        case RepositoryModel::Kind::Folder:
            break;
        }
        return {};
    }
    const QString base = m_pane->client()->registryHost() + u'/' + m_pane->repository();
    QStringList lines;
    if (m_pane->listing() == RepositoryPane::Listing::Tags) {
        for (const TagInfo &tag : m_pane->selectedTags())
            lines << base + u':' + tag.name;
    } else {
        for (const ManifestInfo &m : m_pane->selectedManifests())
            lines << base + u'@' + m.digest;
    }
    *what = tr("pull references");
    return lines;
}

void ActionsController::copyPullReference()
{
    if (loadAllBefore(&ActionsController::copyPullReference))
        return;
    QString what;
    const QStringList references = pullReferences(&what);
    copyText(references, what);
}

// "docker pull REFERENCE", one line per reference; a registry cannot be pulled.
void ActionsController::copyPullCommand()
{
    if (loadAllBefore(&ActionsController::copyPullCommand))
        return;
    if (actsOnTree()
        && m_repositories->kind(m_tree->currentRow()) != RepositoryModel::Kind::Repository)
        return;
    QString what;
    QStringList commands;
    for (const QString &reference : pullReferences(&what))
        commands << QStringLiteral("docker pull ") + reference;
    copyText(commands, tr("pull commands"));
}

void ActionsController::copyDigestReference()
{
    if (loadAllBefore(&ActionsController::copyDigestReference))
        return;
    if (!m_pane->client())
        return;
    const QString base = m_pane->client()->registryHost() + u'/' + m_pane->repository();
    QStringList lines;
    for (const QString &digest : selectedDigests(m_pane))
        lines << base + u'@' + digest;
    copyText(lines, tr("pull references"));
}

void ActionsController::copyDigest()
{
    if (loadAllBefore(&ActionsController::copyDigest))
        return;
    copyText(selectedDigests(m_pane), tr("digests"));
}

void ActionsController::editLocks()
{
    if (loadTagsBefore(&ActionsController::editLocks))
        return;
    if (actsOnTree()) {
        const QModelIndex index = m_tree->currentRow();
        if (index.isValid() && m_repositories->kind(index) == RepositoryModel::Kind::Repository)
            lockRepository(index);
        return;
    }
    QPointer<RegistryClient> client = m_pane->client();
    const QString repo = m_pane->repository();
    auto *dialog = dialogForSelection<LockDialog>(tr("Manifests are locked one at a time."));
    if (!dialog)
        return;
    connect(dialog, &LockDialog::tagsUpdated, this,
            [this, client, repo](const QList<TagInfo> &t) { applyTagsUpdate(client, repo, t); });
    connect(dialog, &LockDialog::manifestUpdated, this,
            [this, client, repo](const ManifestInfo &m) { applyManifestUpdate(client, repo, m); });
    openDialog(dialog);
}

void ActionsController::lockRepository(const QModelIndex &repository)
{
    QPointer<RegistryClient> client = m_repositories->client(repository);
    if (!client)
        return;
    const QString path = m_repositories->repositoryPath(repository);
    auto open = [this, client](const RepositoryInfo &info) {
        if (!client)
            return;
        auto *dialog = new LockDialog(client, info, m_window);
        connect(dialog, &LockDialog::repositoryUpdated, this,
                [this, client](const RepositoryInfo &updated) {
                    applyRepositoryUpdate(client, updated);
                });
        openDialog(dialog);
    };
    if (const std::optional<RepositoryInfo> info = m_repositories->details(repository)) {
        open(*info);
        return;
    }
    // The dialog shows the current values: fetch them first.
    ++m_working;
    Q_EMIT workingChanged();
    onFinished(client->getRepository(path), this,
               [this, client, path, open](const Result<RepositoryInfo> &info) {
                   --m_working;
                   Q_EMIT workingChanged();
                   if (!info) {
                       m_messageBar->showError(tr("Could not read the attributes of %1").arg(path),
                                               info.error(), {}, client);
                       return;
                   }
                   applyRepositoryUpdate(client, *info);
                   open(*info);
               });
}

void ActionsController::deleteSelected()
{
    if (loadTagsBefore(&ActionsController::deleteSelected))
        return;
    if (actsOnTree()) {
        const QModelIndex index = m_tree->currentRow();
        if (!index.isValid())
            return;
        if (m_repositories->kind(index) == RepositoryModel::Kind::Repository)
            deleteRepository(index);
        else if (m_repositories->kind(index) == RepositoryModel::Kind::Registry)
            Q_EMIT removeRegistryRequested();
        return;
    }
    QPointer<RegistryClient> client = m_pane->client();
    auto *dialog = dialogForSelection<DeleteDialog>(tr("Manifests are deleted one at a time."));
    if (!dialog)
        return;
    if (m_pane->isRepositoryDeleteLocked())
        dialog->warnLockedRepository(); // the registry would refuse it (405)
    connect(dialog, &DeleteDialog::deleted, this,
            [this, client](const DeletedItems &items) { applyDeleted(client, items); });
    openDialog(dialog);
}

void ActionsController::deleteRepository(const QModelIndex &repository)
{
    QPointer<RegistryClient> client = m_repositories->client(repository);
    if (!client)
        return;
    auto *dialog = new DeleteDialog(client, m_repositories->repositoryPath(repository), m_window);
    connect(dialog, &DeleteDialog::deleted, this,
            [this, client](const DeletedItems &items) { applyDeleted(client, items); });
    openDialog(dialog);
}

void ActionsController::applyRepositoryUpdate(RegistryClient *client, const RepositoryInfo &info)
{
    if (!client)
        return;
    const QModelIndex index
        = m_repositories->findRepository(m_repositories->registryIndex(client), info.name);
    if (!index.isValid())
        return;
    RepositoryInfo merged = info;
    if (const std::optional<RepositoryInfo> known = m_repositories->details(index)) {
        if (merged.tagCount < 0)
            merged.tagCount = known->tagCount;
        if (merged.manifestCount < 0)
            merged.manifestCount = known->manifestCount;
    }
    m_repositories->setDetails(index, merged);
}

void ActionsController::applyTagsUpdate(RegistryClient *client,
                                        const QString &repo,
                                        const QList<TagInfo> &tags)
{
    if (!client || m_pane->client() != client || m_pane->repository() != repo)
        return;
    for (const TagInfo &tag : tags)
        m_pane->tagModel()->updateTag(tag);
    Q_EMIT selectionChanged();
}

void ActionsController::applyManifestUpdate(RegistryClient *client,
                                            const QString &repo,
                                            const ManifestInfo &manifest)
{
    if (!client || m_pane->client() != client || m_pane->repository() != repo)
        return;
    m_pane->manifestModel()->updateManifest(manifest);
}

void ActionsController::applyDeleted(RegistryClient *client, const DeletedItems &items)
{
    if (!client)
        return;
    const QModelIndex repository
        = m_repositories->findRepository(m_repositories->registryIndex(client), items.repository);
    const bool shown = m_pane->client() == client && m_pane->repository() == items.repository;
    if (items.wholeRepository) {
        if (shown)
            m_pane->setRepository(nullptr, {});
        if (repository.isValid())
            m_repositories->removeRepository(repository);
        Q_EMIT statusMessage(tr("Deleted repository %1").arg(items.repository), StatusMs);
        Q_EMIT selectionChanged();
        return;
    }
    if (shown)
        removeDeletedRows(items);
    if (repository.isValid()) {
        if (std::optional<RepositoryInfo> info = m_repositories->details(repository)) {
            if (info->tagCount >= 0)
                info->tagCount = std::max<int>(0, info->tagCount - int(items.tags.size()));
            if (info->manifestCount >= 0)
                info->manifestCount
                    = std::max<int>(0, info->manifestCount - int(items.manifests.size()));
            m_repositories->setDetails(repository, *info);
        }
    }
    const qsizetype count = items.manifests.isEmpty() ? items.tags.size() : items.manifests.size();
    Q_EMIT statusMessage(
        tr("Deleted %n item(s) from %1", nullptr, int(count)).arg(items.repository), StatusMs);
    Q_EMIT selectionChanged();
}

// The open repository's tables lose what was deleted.
void ActionsController::removeDeletedRows(const DeletedItems &items)
{
    TagModel *tags = m_pane->tagModel();
    ManifestModel *manifests = m_pane->manifestModel();
    for (const QString &tag : items.tags)
        tags->removeTag(tag);
    for (const QString &digest : items.manifests) {
        manifests->removeManifest(digest);
        // Tags of a deleted manifest are gone with it.
        for (int row = tags->rowCount() - 1; row >= 0; --row) {
            if (tags->tagAt(row).digest == digest)
                tags->removeTag(tags->tagAt(row).name);
        }
    }
    // A deleted tag no longer names its manifest.
    for (int row = 0; row < manifests->rowCount() && !items.tags.isEmpty(); ++row) {
        ManifestInfo m = manifests->manifestAt(row);
        const qsizetype before = m.tags.size();
        m.tags.removeIf([&items](const QString &tag) { return items.tags.contains(tag); });
        if (m.tags.size() != before)
            manifests->updateManifest(m);
    }
}

} // namespace Berth
