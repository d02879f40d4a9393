#pragma once

#include "core/attributes.h"
#include "models/pagedtablemodel.h"
#include "registry/registryclient.h"

#include <QHash>
#include <QPointer>

namespace Berth {

// The tags of one repository, loaded a page at a time as the view scrolls. Sorting by
// time asks the server (orderby); size and platforms come from the repository's manifest
// list (ACR), loaded once in the background and joined by digest.
class TagModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Digest,
        Size,
        Platforms,
        Created,
        Updated,
        WriteEnabled,
        DeleteEnabled,
        ReadEnabled,
        ListEnabled,
        ColumnCount
    };

    explicit TagModel(QObject *parent = nullptr);

    // Shows `repo` of `client` (nullptr clears). Starts loading.
    void setRepository(RegistryClient *client, const QString &repo);
    QString repository() const { return m_repo; }
    RegistryClient *client() const { return m_client; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    OrderBy orderBy() const { return m_orderBy; }
    void setOrderBy(OrderBy order);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // Time columns ask the server; others keep the server's order (by name).
    void sort(int column, Qt::SortOrder order) override;

    const TagInfo &tagAt(int row) const { return m_tags.at(row); }
    int rowOfTag(const QString &name) const;
    // Replace one row in place (after a lock change) or drop it (after a delete).
    void updateTag(const TagInfo &tag);
    void removeTag(const QString &name);
    // The repository's own lock attributes: those it has off show as inherited locks.
    void setRepositoryAttributes(const ChangeableAttributes &attributes);
    const ChangeableAttributes &repositoryAttributes() const { return m_repositoryAttributes; }
    // Manifest details known so far, by digest.
    const QHash<QString, ManifestInfo> &manifestDetails() const { return m_manifests; }

protected:
    void requestPage(const QUrl &next, quint64 generation) override;
    void clearRows() override;

private:
    void loadManifestDetails(quint64 generation, const QUrl &next);

    QPointer<RegistryClient> m_client;
    QString m_repo;
    int m_pageSize = 100;
    OrderBy m_orderBy = OrderBy::None;
    QList<TagInfo> m_tags;
    QHash<QString, int> m_rowByName;
    QHash<QString, ManifestInfo> m_manifests;
    ChangeableAttributes m_repositoryAttributes;
};

} // namespace Berth
