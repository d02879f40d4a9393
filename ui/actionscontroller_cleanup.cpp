// ActionsController: "Clean Up…" (ui/dialogs/cleanupdialog.h) and Size All on the tree's
// current row, and "Select Untagged" in the manifest table.

#include "models/manifestmodel.h"
#include "models/pagedloader.h"
#include "models/repositorymodel.h"
#include "ui/actionscontroller.h"
#include "ui/dialogs/cleanupdialog.h"
#include "ui/registrytree.h"
#include "ui/repositorypane.h"

#include <QPointer>

namespace Berth {

void ActionsController::cleanUp()
{
    const QModelIndex index = m_tree->currentRow();
    QPointer<RegistryClient> client = m_repositories->client(index);
    if (!index.isValid() || !client)
        return;
    // The rule starts from the row: every repository, those below the folder, or this one.
    const QString path = m_repositories->repositoryPath(index).replace(u'.', QStringLiteral("\\."));
    QString filter = QStringLiteral(".*");
    if (m_repositories->kind(index) == RepositoryModel::Kind::Folder)
        filter = path + u"/.*";
    else if (m_repositories->kind(index) == RepositoryModel::Kind::Repository)
        filter = path;
    auto *dialog = new CleanupDialog(client, filter, m_window);
    connect(dialog, &CleanupDialog::ranPlan, this, [this, client] {
        if (client && m_pane->client() == client)
            m_pane->reload(); // what the run deleted leaves the open tables
    });
    openDialog(dialog);
}

void ActionsController::toggleSizeAll()
{
    const QModelIndex registry = m_repositories->registryOf(m_tree->currentRow());
    if (!registry.isValid())
        return;
    if (m_repositories->sizeAllProgress(registry).running)
        m_repositories->stopSizingAll(registry);
    else
        m_repositories->sizeAll(registry);
}

void ActionsController::selectUntagged()
{
    if (!m_pane->client())
        return;
    m_pane->setListing(RepositoryPane::Listing::Manifests);
    // An index on a page not loaded yet may list an untagged manifest: every page first.
    auto *loader = new PagedLoader(m_pane->manifestModel(), this);
    connect(loader, &PagedLoader::finished, this, [this, loader](PagedLoader::Outcome outcome) {
        loader->deleteLater();
        if (outcome == PagedLoader::Outcome::Complete)
            m_pane->selectUnreferencedUntagged();
        else
            Q_EMIT statusMessage(tr("Not every manifest could be loaded: nothing was selected."),
                                 0);
    });
    loader->start();
}

} // namespace Berth
