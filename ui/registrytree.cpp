#include "ui/registrytree.h"

#include "models/repositorymodel.h"
#include "ui/busydelegate.h"
#include "ui/uploaddrop.h"

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>

namespace Berth {

namespace {
constexpr int VisibleDetailsDelayMs = 200;
constexpr int MaxDetailsPerPass = 200;
} // namespace

RegistryTree::RegistryTree(RepositoryModel *repositories, QWidget *parent)
    : QTreeView(parent)
    , m_repositories(repositories)
    , m_busyDelegate(new BusyDelegate(this))
{
    setObjectName(QStringLiteral("repositoryTree"));
    setAccessibleName(tr("Registries and repositories"));
    setModel(m_repositories);
    setUniformRowHeights(true);
    // A long path keeps its start and its end ("bulk/rep…-01234"); the tooltip has all of it.
    setTextElideMode(Qt::ElideMiddle);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(RepositoryModel::Name, QHeaderView::Stretch);
    // Count columns as wide as their header or four digits, the size as "≥ 888.8 MB" (never
    // measured over the rows), with a narrow margin: the names need the room more.
    const QFontMetrics metrics = header()->fontMetrics();
    for (const int column : {int(RepositoryModel::Tags), int(RepositoryModel::Manifests)}) {
        const QString title
            = m_repositories->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        setColumnWidth(column, qMax(metrics.horizontalAdvance(title),
                                    metrics.horizontalAdvance(QStringLiteral("8888")))
                                   + 12);
    }
    setColumnWidth(RepositoryModel::Size,
                   metrics.horizontalAdvance(QStringLiteral("≥ 888.8 MB")) + 12);
    setItemDelegateForColumn(RepositoryModel::Name, m_busyDelegate);
    // A click on a column's title sorts each folder by it (the model keeps the order as
    // counts and sizes come); by name to begin with.
    header()->setSortIndicator(RepositoryModel::Name, Qt::AscendingOrder);
    setSortingEnabled(true);

    m_detailsTimer.setSingleShot(true);
    m_detailsTimer.setInterval(VisibleDetailsDelayMs);
    connect(&m_detailsTimer, &QTimer::timeout, this, &RegistryTree::loadVisibleDetails);
    connect(this, &QTreeView::expanded, this, &RegistryTree::scheduleVisibleDetails);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &RegistryTree::scheduleVisibleDetails);
    connect(m_repositories, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                reopenFolders(under, first, last);
                selectPendingRepository();
                scheduleVisibleDetails();
            });
    // Sorted again: other repositories may have come into sight.
    connect(m_repositories, &QAbstractItemModel::layoutChanged, this,
            &RegistryTree::scheduleVisibleDetails);
}

QModelIndex RegistryTree::currentRow() const
{
    return currentIndex().siblingAtColumn(0);
}

bool RegistryTree::hasFocusWithin() const
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == this || isAncestorOf(focus));
}

void RegistryTree::setAnimating(bool animating)
{
    m_busyDelegate->setAnimating(animating);
}

UploadDropTarget RegistryTree::uploadTargetAt(const QPoint &pos) const
{
    UploadDropTarget target;
    const QModelIndex index = indexAt(pos).siblingAtColumn(0);
    if (!index.isValid() || m_repositories->kind(index) != RepositoryModel::Kind::Repository)
        return target;
    target.client = m_repositories->client(index);
    target.repository = m_repositories->repositoryPath(index);
    const QRect row = visualRect(index);
    target.highlight = QRect(0, row.top(), viewport()->width(), row.height());
    return target;
}

void RegistryTree::selectRepository(RegistryClient *client, const QString &repo)
{
    m_pendingClient = client;
    m_pendingRepository = repo;
    selectPendingRepository();
}

void RegistryTree::refreshRegistry(const QModelIndex &registry, const QString &reselect)
{
    RegistryClient *client = m_repositories->client(registry);
    if (!reselect.isEmpty()) {
        m_pendingClient = client;
        m_pendingRepository = reselect;
    }
    // Folders open now open again as the fresh listing brings them.
    QSet<QString> &open = m_openFolders[client];
    open.clear();
    for (QModelIndex index = indexBelow(registry);
         index.isValid() && m_repositories->registryOf(index) == registry;
         index = indexBelow(index)) {
        if (m_repositories->kind(index) == RepositoryModel::Kind::Folder && isExpanded(index))
            open.insert(m_repositories->repositoryPath(index));
    }
    m_repositories->refresh(registry);
    setCurrentIndex(registry);
}

void RegistryTree::forgetRegistry(const RegistryClient *client)
{
    if (m_pendingClient == client)
        m_pendingClient.clear();
    m_openFolders.remove(client);
}

void RegistryTree::selectPendingRepository()
{
    if (!m_pendingClient)
        return;
    const QModelIndex registry = m_repositories->registryIndex(m_pendingClient);
    const QModelIndex found = m_repositories->findRepository(registry, m_pendingRepository);
    if (!found.isValid())
        return;
    m_pendingClient.clear();
    m_pendingRepository.clear();
    for (QModelIndex parent = found.parent(); parent.isValid(); parent = parent.parent())
        expand(parent);
    setCurrentIndex(found);
    scrollTo(found);
}

// Expands the folders among the rows just inserted (and their children, which came with
// them) that were open before their registry was refreshed.
void RegistryTree::reopenFolders(const QModelIndex &parent, int first, int last)
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
        expand(index);
        for (int row = 0; row < m_repositories->rowCount(index); ++row)
            todo << m_repositories->index(row, 0, index);
    }
}

void RegistryTree::scheduleVisibleDetails()
{
    m_detailsTimer.start();
}

// Asks for the counts and sizes of the repositories in sight (the model skips known ones;
// sizes asked for before and not started yet are dropped: only what is in sight is sized).
void RegistryTree::loadVisibleDetails()
{
    const int bottom = viewport()->height();
    QModelIndex index = indexAt(QPoint(1, 1));
    QModelIndexList inSight;
    for (int n = 0; index.isValid() && n < MaxDetailsPerPass; ++n) {
        if (visualRect(index).top() > bottom)
            break;
        if (m_repositories->kind(index) == RepositoryModel::Kind::Repository) {
            m_repositories->loadDetails(index.siblingAtColumn(0));
            inSight << index.siblingAtColumn(0);
        }
        index = indexBelow(index);
    }
    m_repositories->loadSizes(inSight);
}

} // namespace Berth
