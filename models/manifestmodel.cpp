#include "models/manifestmodel.h"

#include "models/format.h"
#include "models/lockcolumns.h"

namespace Berth {

namespace {
std::optional<Lock> lockOf(int column)
{
    return lockAtColumn(column, ManifestModel::WriteEnabled);
}
} // namespace

ManifestModel::ManifestModel(QObject *parent)
    : PagedTableModel(parent)
{}

void ManifestModel::setRepositoryAttributes(const ChangeableAttributes &attributes)
{
    m_repositoryAttributes = attributes;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, WriteEnabled), index(rowCount() - 1, ListEnabled));
}

void ManifestModel::setRepository(RegistryClient *client, const QString &repo)
{
    m_client = client;
    m_repo = repo;
    if (m_client && !repo.isEmpty())
        reload();
    else
        clear();
}

void ManifestModel::setOrderBy(OrderBy order)
{
    if (order == m_orderBy)
        return;
    m_orderBy = order;
    if (m_client)
        reload();
}

void ManifestModel::clearRows()
{
    m_manifests.clear();
    m_rowByDigest.clear();
}

void ManifestModel::requestPage(const QUrl &next, quint64 generation)
{
    if (!m_client) {
        pageDone(generation, {}, 0);
        return;
    }
    ListOptions options;
    options.pageSize = m_pageSize;
    options.orderBy = m_orderBy;
    Job<Page<ManifestInfo>> *job = m_client->manifestPage(m_repo, options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        if (!isCurrent(generation))
            return;
        const Result<Page<ManifestInfo>> &page = job->result();
        if (!page) {
            pageFailed(generation, page.error());
            return;
        }
        QList<ManifestInfo> fresh;
        for (const ManifestInfo &m : page->items) {
            if (rowOfDigest(m.digest) < 0)
                fresh << m;
        }
        if (!fresh.isEmpty()) {
            const int first = int(m_manifests.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (const ManifestInfo &m : fresh) {
                m_rowByDigest.insert(m.digest, int(m_manifests.size()));
                m_manifests << m;
            }
            endInsertRows();
        }
        pageDone(generation, page->next, int(page->items.size()));
    });
}

int ManifestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_manifests.size());
}

int ManifestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ManifestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ManifestInfo &m = m_manifests.at(index.row());
    if (role == Roles::Digest)
        return m.digest;
    if (role == Roles::Name)
        return m.tags.value(0);
    if (const std::optional<Lock> lock = lockOf(index.column()))
        return lockData(m.attributes, m_repositoryAttributes, *lock, role);
    if (role == Qt::ToolTipRole && index.column() == Digest)
        return m.digest;
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Digest:
        return Format::shortDigest(m.digest);
    case Tags:
        return m.tags.isEmpty() ? tr("(untagged)") : m.tags.join(QStringLiteral(", "));
    case Size:
        return Format::size(m.imageSize);
    case Platforms:
        return Format::platforms(m);
    case MediaType:
        return m.mediaType;
    case Created:
        return Format::time(m.createdTime);
    case Updated:
        return Format::time(m.lastUpdateTime);
    default:
        return {};
    }
}

QVariant ManifestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (const std::optional<Lock> lock = lockOf(section))
        return lockHeaderData(*lock, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Digest:
        return tr("Digest");
    case Tags:
        return tr("Tags");
    case Size:
        return tr("Size");
    case Platforms:
        return tr("Platforms");
    case MediaType:
        return tr("Media type");
    case Created:
        return tr("Created");
    case Updated:
        return tr("Last updated");
    default:
        return {};
    }
}

void ManifestModel::sort(int column, Qt::SortOrder order)
{
    if (column == Created || column == Updated)
        setOrderBy(order == Qt::DescendingOrder ? OrderBy::TimeDesc : OrderBy::TimeAsc);
    else if (column == Digest)
        setOrderBy(OrderBy::None);
}

int ManifestModel::rowOfDigest(const QString &digest) const
{
    return m_rowByDigest.value(digest, -1);
}

void ManifestModel::updateManifest(const ManifestInfo &manifest)
{
    const int row = rowOfDigest(manifest.digest);
    if (row < 0)
        return;
    m_manifests[row] = manifest;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ManifestModel::removeManifest(const QString &digest)
{
    const int row = rowOfDigest(digest);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_manifests.removeAt(row);
    m_rowByDigest.clear();
    for (int i = 0; i < m_manifests.size(); ++i)
        m_rowByDigest.insert(m_manifests.at(i).digest, i);
    endRemoveRows();
}

} // namespace Berth
