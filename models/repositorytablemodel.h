#pragma once

#include "cleanup/imagesize.h"
#include "core/attributes.h"
#include "models/pagedtablemodel.h"
#include "registry/registryclient.h"

#include <QHash>
#include <QList>
#include <QPointer>

#include <array>
#include <memory>
#include <optional>
#include <span>

namespace Berth {

// What a column of a repository's table shows.
enum class Field { Name, Digest, Tags, Size, Platforms, MediaType, Created, Updated };

// A paged table of one repository's items (TagModel: tags, ManifestModel: manifests): which
// repository of which client, the page size and the server's order; the rows, keyed by tag
// name or digest (an item repeated across pages shows once), each page inserted in one
// batch; a row replaced or dropped in place; the columns' data and headers, the four lock
// columns last (the item's own locks over the repository's); and sorting by time on the
// server. A subclass lists its fields and says what names a row and which manifest gives
// its size and platforms.
//
// Sizes: ACR's imageSize where it gives one for an image; for an index (ACR's is the size of
// its manifest documents) and where there is none (/v2/), the image size from the manifests
// (cleanup/imagesize.h): config and layers, for an index per platform (in the tooltip) and in
// total with shared layers once. Those are computed in the background, one SizeJob at a time
// over the rows waiting, from a ManifestCache (a digest is read once). The Platforms column
// then shows the index's own platform text, variant included ("linux/arm64/v8").
template<typename Item>
class RepositoryTableModel : public PagedTableModel
{
public:
    // The client's call for one page of the repository's items.
    using Fetch
        = Job<Page<Item>> *(RegistryClient::*)(const QString &, const ListOptions &, const QUrl &);

    // Shows `repo` of `client` (nullptr or no repository: clears). Starts loading.
    void setRepository(RegistryClient *client, const QString &repo);
    QString repository() const { return m_repo; }
    OrderBy orderBy() const { return m_orderBy; }
    void setOrderBy(OrderBy order);
    // The repository's own lock attributes: those it has off show as inherited locks.
    void setRepositoryAttributes(const ChangeableAttributes &attributes);
    // Where image sizes are read from and kept; shared by the window's tables, the tree and
    // the details (a model has a cache of its own until told).
    void setSizeCache(std::shared_ptr<ManifestCache> cache) { m_sizeCache = std::move(cache); }
    // The image size computed for `digest`, once there is one.
    std::optional<ImageSize> imageSizeOf(const QString &digest) const;
    // Lock column titles as one letter each, so that a narrow window keeps them on screen.
    void setCompactLockHeaders(bool compact);
    bool compactLockHeaders() const { return m_compactLockHeaders; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // Created and Updated ask the server; column 0 asks for its default order; other columns
    // sort in the proxy (TagFilterModel) on Qt::UserRole where given, else on the text.
    void sort(int column, Qt::SortOrder order) override;

    const Item &itemAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &key) const { return m_rowByKey.value(key, -1); }
    // Replaces the row of the item's key in place (after a lock change).
    void updateItem(const Item &item);
    // Drops the row of `key` (after a delete).
    void removeItem(const QString &key);

protected:
    // `fields`: the columns, in order, before the four lock columns; `key`: what identifies
    // a row; `fetch`: the client's call for a page.
    RepositoryTableModel(std::span<const Field> fields,
                         QString Item::*key,
                         Fetch fetch,
                         QObject *parent);

    RegistryClient *client() const { return m_client; }
    void requestPage(const QUrl &next, int pageSize, quint64 generation) override;
    void clearRows() override;
    // Roles::Name of a row (and its Field::Name).
    virtual QString nameOf(const Item &item) const = 0;
    // The manifest that gives the row's size, platforms, media type and tags (nullptr: not
    // known yet).
    virtual const ManifestInfo *detailsOf(const Item &item) const = 0;
    // Queues the rows `first`..`last` whose size is to be computed (their details known).
    void sizeRows(int first, int last);

private:
    void insertPage(const QList<Item> &items);
    QVariant fieldData(const Item &item, Field field, int role) const;
    // Bytes: the computed size, else ACR's for an image; -1 while unknown.
    qint64 sizeOf(const Item &item, const ManifestInfo *details) const;
    QString sizeToolTip(const Item &item) const;
    void startSizing();
    void sized(const QHash<QString, ImageSize> &sizes);
    int firstLockColumn() const { return int(m_fields.size()); }

    QList<Field> m_fields;
    QString Item::*m_key;
    Fetch m_fetch;
    QPointer<RegistryClient> m_client;
    QString m_repo;
    OrderBy m_orderBy = OrderBy::None;
    QList<Item> m_rows;
    QHash<QString, int> m_rowByKey;
    ChangeableAttributes m_repositoryAttributes;
    bool m_compactLockHeaders = false;
    std::shared_ptr<ManifestCache> m_sizeCache = std::make_shared<ManifestCache>();
    QHash<QString, ImageSize> m_sizes; // by digest
    QStringList m_sizeQueue;           // digests waiting for the next SizeJob
    QPointer<RegistryJob> m_sizing;
    quint64 m_sizeGeneration = 0; // a reload drops the sizes on their way
};

extern template class RepositoryTableModel<TagInfo>;
extern template class RepositoryTableModel<ManifestInfo>;

} // namespace Berth
