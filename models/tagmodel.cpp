#include "models/tagmodel.h"

#include "models/format.h"
#include "models/lockcolumns.h"

namespace Berth {

namespace {
constexpr int ManifestPageSize = 1000;

std::optional<Lock> lockOf(int column)
{
    return lockAtColumn(column, TagModel::WriteEnabled);
}
} // namespace

TagModel::TagModel(QObject *parent)
    : PagedTableModel(parent)
{}

void TagModel::setRepository(RegistryClient *client, const QString &repo)
{
    m_client = client;
    m_repo = repo;
    if (m_client && !repo.isEmpty())
        reload();
    else
        clear();
}

void TagModel::setRepositoryAttributes(const ChangeableAttributes &attributes)
{
    m_repositoryAttributes = attributes;
    if (!m_tags.isEmpty())
        Q_EMIT dataChanged(index(0, WriteEnabled), index(rowCount() - 1, ListEnabled));
}

void TagModel::setOrderBy(OrderBy order)
{
    if (order == m_orderBy)
        return;
    m_orderBy = order;
    if (m_client)
        reload();
}

void TagModel::clearRows()
{
    m_tags.clear();
    m_rowByName.clear();
    m_manifests.clear();
}

void TagModel::requestPage(const QUrl &next, quint64 generation)
{
    if (!m_client) {
        pageDone(generation, {}, 0);
        return;
    }
    if (next.isEmpty()) {
        const std::optional<Capabilities> caps = m_client->capabilities();
        if (!caps || caps->acr)
            loadManifestDetails(generation, {});
    }
    ListOptions options;
    options.pageSize = m_pageSize;
    options.orderBy = m_orderBy;
    Job<Page<TagInfo>> *job = m_client->tagPage(m_repo, options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        if (!isCurrent(generation))
            return; // a reload or another repository came in between
        const Result<Page<TagInfo>> &page = job->result();
        if (!page) {
            pageFailed(generation, page.error());
            return;
        }
        QList<TagInfo> fresh;
        for (const TagInfo &tag : page->items) {
            if (!m_rowByName.contains(tag.name)) // a tag moved between pages shows once
                fresh << tag;
        }
        if (!fresh.isEmpty()) {
            const int first = int(m_tags.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (const TagInfo &tag : fresh) {
                m_rowByName.insert(tag.name, int(m_tags.size()));
                m_tags << tag;
            }
            endInsertRows();
        }
        pageDone(generation, page->next, int(page->items.size()));
    });
}

void TagModel::loadManifestDetails(quint64 generation, const QUrl &next)
{
    ListOptions options;
    options.pageSize = ManifestPageSize;
    Job<Page<ManifestInfo>> *job = m_client->manifestPage(m_repo, options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        const Result<Page<ManifestInfo>> &page = job->result();
        if (!isCurrent(generation) || !page)
            return; // details are optional: the table works without them
        for (const ManifestInfo &m : page->items)
            m_manifests.insert(m.digest, m);
        if (!m_tags.isEmpty())
            Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Platforms));
        if (!page->next.isEmpty() && !page->items.isEmpty())
            loadManifestDetails(generation, page->next);
    });
}

int TagModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int TagModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagInfo &tag = m_tags.at(index.row());
    if (role == Roles::Name)
        return tag.name;
    if (role == Roles::Digest)
        return tag.digest;
    if (const std::optional<Lock> lock = lockOf(index.column()))
        return lockData(tag.attributes, m_repositoryAttributes, *lock, role);
    const auto details = m_manifests.constFind(tag.digest);
    const bool known = details != m_manifests.cend();
    if (role == Qt::ToolTipRole && index.column() == Digest)
        return tag.digest;
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole) { // sort keys
        switch (index.column()) {
        case Size:
            return known ? details->imageSize : -1;
        case Created:
            return tag.createdTime;
        case Updated:
            return tag.lastUpdateTime;
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return tag.name;
    case Digest:
        return Format::shortDigest(tag.digest);
    case Size:
        return known ? Format::size(details->imageSize) : QString();
    case Platforms:
        return known ? Format::platforms(*details) : QString();
    case Created:
        return Format::time(tag.createdTime);
    case Updated:
        return Format::time(tag.lastUpdateTime);
    default:
        return {};
    }
}

QVariant TagModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (const std::optional<Lock> lock = lockOf(section))
        return lockHeaderData(*lock, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Tag");
    case Digest:
        return tr("Digest");
    case Size:
        return tr("Size");
    case Platforms:
        return tr("Platforms");
    case Created:
        return tr("Created");
    case Updated:
        return tr("Last updated");
    default:
        return {};
    }
}

void TagModel::sort(int column, Qt::SortOrder order)
{
    if (column == Created || column == Updated)
        setOrderBy(order == Qt::DescendingOrder ? OrderBy::TimeDesc : OrderBy::TimeAsc);
    else if (column == Name)
        setOrderBy(OrderBy::None);
}

int TagModel::rowOfTag(const QString &name) const
{
    return m_rowByName.value(name, -1);
}

void TagModel::updateTag(const TagInfo &tag)
{
    const int row = rowOfTag(tag.name);
    if (row < 0)
        return;
    m_tags[row] = tag;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TagModel::removeTag(const QString &name)
{
    const int row = rowOfTag(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_tags.removeAt(row);
    m_rowByName.clear();
    for (int i = 0; i < m_tags.size(); ++i)
        m_rowByName.insert(m_tags.at(i).name, i);
    endRemoveRows();
}

} // namespace Berth
