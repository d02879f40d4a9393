#include "models/repositorytablemodel.h"

#include "models/format.h"
#include "models/lockcolumns.h"

#include <QCoreApplication>
#include <QSet>

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::RepositoryTable)
};

QString fieldTitle(Field field)
{
    switch (field) {
    case Field::Name:
        return Tr::tr("Tag");
    case Field::Digest:
        return Tr::tr("Digest");
    case Field::Tags:
        return Tr::tr("Tags");
    case Field::Size:
        return Tr::tr("Size");
    case Field::Platforms:
        return Tr::tr("Platforms");
    case Field::MediaType:
        return Tr::tr("Media type");
    case Field::Created:
        return Tr::tr("Created");
    case Field::Updated:
        return Tr::tr("Last updated");
    }
    return {};
}
} // namespace

template<typename Item>
RepositoryTableModel<Item>::RepositoryTableModel(std::span<const Field> fields,
                                                 QString Item::*key,
                                                 Fetch fetch,
                                                 QObject *parent)
    : PagedTableModel(parent)
    , m_fields(fields.begin(), fields.end())
    , m_key(key)
    , m_fetch(fetch)
{}

template<typename Item>
void RepositoryTableModel<Item>::setRepository(RegistryClient *client, const QString &repo)
{
    m_client = client;
    m_repo = repo;
    if (m_client && !repo.isEmpty())
        reload();
    else
        clear();
}

template<typename Item>
void RepositoryTableModel<Item>::setOrderBy(OrderBy order)
{
    if (order == m_orderBy)
        return;
    m_orderBy = order;
    if (m_client)
        reload();
}

template<typename Item>
void RepositoryTableModel<Item>::setRepositoryAttributes(const ChangeableAttributes &attributes)
{
    m_repositoryAttributes = attributes;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, firstLockColumn()),
                           index(rowCount() - 1, firstLockColumn() + int(Lock::List)));
}

template<typename Item>
void RepositoryTableModel<Item>::clearRows()
{
    m_rows.clear();
    m_rowByKey.clear();
}

template<typename Item>
void RepositoryTableModel<Item>::requestPage(const QUrl &next, int pageSize, quint64 generation)
{
    if (!m_client) {
        pageDone({}, 0);
        return;
    }
    ListOptions options;
    options.pageSize = pageSize;
    options.orderBy = m_orderBy;
    options.readAhead = readAheadSize();
    Job<Page<Item>> *job = (m_client->*m_fetch)(m_repo, options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        if (!isCurrent(generation))
            return; // a reload or another repository came in between
        const Result<Page<Item>> &page = job->result();
        if (!page) {
            pageFailed(page.error());
            return;
        }
        insertPage(page->items);
        pageDone(page->next, int(page->items.size()));
    });
}

template<typename Item>
void RepositoryTableModel<Item>::insertPage(const QList<Item> &items)
{
    QList<const Item *> fresh;
    QSet<QString> keys;
    for (const Item &item : items) {
        const QString &key = item.*m_key;
        if (!m_rowByKey.contains(key) && !keys.contains(key)) { // an item moved between pages
            keys.insert(key);
            fresh << &item;
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Item *item : fresh) {
        m_rowByKey.insert(item->*m_key, int(m_rows.size()));
        m_rows << *item;
    }
    endInsertRows();
}

template<typename Item>
void RepositoryTableModel<Item>::updateItem(const Item &item)
{
    const int row = rowOf(item.*m_key);
    if (row < 0)
        return;
    m_rows[row] = item;
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

template<typename Item>
void RepositoryTableModel<Item>::removeItem(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowByKey.remove(key);
    for (int i = row; i < m_rows.size(); ++i)
        m_rowByKey.insert(m_rows.at(i).*m_key, i);
    endRemoveRows();
}

template<typename Item>
int RepositoryTableModel<Item>::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

template<typename Item>
int RepositoryTableModel<Item>::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : firstLockColumn() + int(Lock::List) + 1;
}

template<typename Item>
QVariant RepositoryTableModel<Item>::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_rows.at(index.row());
    if (role == Roles::Name) // the row's, whatever the column
        return nameOf(item);
    if (role == Roles::Digest)
        return item.digest;
    if (const std::optional<Lock> lock = lockAtColumn(index.column(), firstLockColumn()))
        return lockData(item.attributes, m_repositoryAttributes, *lock, role);
    return fieldData(item, m_fields.at(index.column()), role);
}

template<typename Item>
QVariant RepositoryTableModel<Item>::fieldData(const Item &item, Field field, int role) const
{
    if (role == Qt::ToolTipRole) {
        if (field == Field::Digest)
            return item.digest;
        // Text a narrow column elides in the middle ("linux/amd…nux/arm64"): all of it on hover.
        if (field == Field::Name || field == Field::Platforms || field == Field::MediaType)
            return fieldData(item, field, Qt::DisplayRole);
        return {};
    }
    if (role == Qt::TextAlignmentRole && field == Field::Size)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    if (field == Field::Created || field == Field::Updated) {
        const QDateTime &time = field == Field::Created ? item.createdTime : item.lastUpdateTime;
        return role == Qt::UserRole ? QVariant(time) : QVariant(Format::time(time));
    }
    const ManifestInfo *details = nullptr;
    if (field != Field::Name && field != Field::Digest)
        details = detailsOf(item);
    if (role == Qt::UserRole) // sort keys
        return field == Field::Size ? QVariant(details ? details->imageSize : -1) : QVariant();
    switch (field) {
    case Field::Name:
        return nameOf(item);
    case Field::Digest:
        return Format::shortDigest(item.digest);
    case Field::Tags:
        if (!details)
            return QString();
        return details->tags.isEmpty() ? Tr::tr("(untagged)")
                                       : details->tags.join(QStringLiteral(", "));
    case Field::Size:
        return details ? Format::size(details->imageSize) : QString();
    case Field::Platforms:
        return details ? Format::platforms(*details) : QString();
    case Field::MediaType:
        return details ? details->mediaType : QString();
    case Field::Created:
    case Field::Updated:
        break;
    }
    return {};
}

template<typename Item>
QVariant
RepositoryTableModel<Item>::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (const std::optional<Lock> lock = lockAtColumn(section, firstLockColumn()))
        return lockHeaderData(*lock, role, m_compactLockHeaders);
    return role == Qt::DisplayRole ? QVariant(fieldTitle(m_fields.at(section))) : QVariant();
}

template<typename Item>
void RepositoryTableModel<Item>::setCompactLockHeaders(bool compact)
{
    if (compact == m_compactLockHeaders)
        return;
    m_compactLockHeaders = compact;
    Q_EMIT headerDataChanged(Qt::Horizontal, firstLockColumn(), firstLockColumn() + 3);
}

template<typename Item>
void RepositoryTableModel<Item>::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= firstLockColumn())
        return; // lock columns sort in the proxy
    const Field field = m_fields.at(column);
    if (field == Field::Created || field == Field::Updated)
        setOrderBy(order == Qt::DescendingOrder ? OrderBy::TimeDesc : OrderBy::TimeAsc);
    else if (column == 0)
        setOrderBy(OrderBy::None);
}

template class RepositoryTableModel<TagInfo>;
template class RepositoryTableModel<ManifestInfo>;

} // namespace Berth
