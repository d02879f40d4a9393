#include "models/repositorytablemodel.h"

#include "core/mediatypes.h"
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

constexpr int SizeParallel = 4;

bool isIndex(const ManifestInfo &details)
{
    return !details.references.isEmpty() || MediaType::isIndex(details.mediaType);
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
    ++m_sizeGeneration;
    if (m_sizing)
        m_sizing->abort();
    m_sizing = nullptr;
    m_sizeQueue.clear();
    m_sizes.clear();
}

template<typename Item>
std::optional<ImageSize> RepositoryTableModel<Item>::imageSizeOf(const QString &digest) const
{
    const auto size = m_sizes.constFind(digest);
    return size != m_sizes.cend() ? std::optional(*size) : std::nullopt;
}

template<typename Item>
void RepositoryTableModel<Item>::sizeRows(int first, int last)
{
    for (int row = first; row <= last && row < m_rows.size(); ++row) {
        const Item &item = m_rows.at(row);
        const ManifestInfo *details = detailsOf(item);
        if (item.digest.isEmpty() || !details || m_sizes.contains(item.digest)
            || m_sizeQueue.contains(item.digest))
            continue;
        if (details->imageSize < 0 || isIndex(*details))
            m_sizeQueue << item.digest;
    }
    startSizing();
}

template<typename Item>
void RepositoryTableModel<Item>::startSizing()
{
    if (m_sizing || m_sizeQueue.isEmpty() || !m_client)
        return;
    auto *job = new SizeJob(m_client, m_repo, std::exchange(m_sizeQueue, {}), m_sizeCache,
                            SizeParallel, m_client);
    m_sizing = job;
    onFinished(job, this,
               [this, generation = m_sizeGeneration](const Result<QHash<QString, ImageSize>> &r) {
                   if (generation != m_sizeGeneration)
                       return; // another repository, or a reload
                   m_sizing = nullptr;
                   if (r)
                       sized(*r);
                   startSizing();
               });
}

template<typename Item>
void RepositoryTableModel<Item>::sized(const QHash<QString, ImageSize> &sizes)
{
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it)
        m_sizes.insert(it.key(), it.value());
    if (m_rows.isEmpty())
        return;
    for (int column = 0; column < firstLockColumn(); ++column) {
        if (m_fields.at(column) == Field::Size || m_fields.at(column) == Field::Platforms)
            Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
    }
}

template<typename Item>
qint64 RepositoryTableModel<Item>::sizeOf(const Item &item, const ManifestInfo *details) const
{
    const auto size = m_sizes.constFind(item.digest);
    if (size != m_sizes.cend() && size->bytes >= 0)
        return size->bytes;
    return details && !isIndex(*details) ? details->imageSize : -1;
}

template<typename Item>
QString RepositoryTableModel<Item>::sizeToolTip(const Item &item) const
{
    const auto size = m_sizes.constFind(item.digest);
    if (size == m_sizes.cend() || !size->isIndex)
        return {};
    QStringList lines;
    for (const PlatformSize &p : size->platforms) {
        lines << (p.platform.isEmpty() ? Format::shortDigest(p.digest) : p.platform) + u": "
                     + (p.bytes >= 0 ? Format::size(p.bytes) : Tr::tr("unknown"));
    }
    if (size->bytes >= 0)
        lines << Tr::tr("Total, shared layers counted once: %1").arg(Format::size(size->bytes));
    return lines.join(u'\n');
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
    sizeRows(first, rowCount() - 1);
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
        if (field == Field::Size)
            return sizeToolTip(item);
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
        return field == Field::Size ? QVariant(sizeOf(item, details)) : QVariant();
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
        return Format::size(sizeOf(item, details));
    case Field::Platforms: {
        const auto size = m_sizes.constFind(item.digest);
        if (size != m_sizes.cend() && !size->platformText().isEmpty())
            return size->platformText(); // the index's own, with variants
        return details ? Format::platforms(*details) : QString();
    }
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
