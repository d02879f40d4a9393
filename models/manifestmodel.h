#pragma once

#include "core/attributes.h"
#include "models/pagedtablemodel.h"
#include "registry/registryclient.h"

#include <QHash>
#include <QPointer>

namespace Berth {

// The manifests of one repository, untagged ones included, a page at a time. On
// registries without ACR's metadata API the list is derived from tags (see RegistryClient).
class ManifestModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column {
        Digest,
        Tags,
        Size,
        Platforms,
        MediaType,
        Created,
        Updated,
        WriteEnabled,
        DeleteEnabled,
        ReadEnabled,
        ListEnabled,
        ColumnCount
    };

    explicit ManifestModel(QObject *parent = nullptr);

    void setRepository(RegistryClient *client, const QString &repo);
    QString repository() const { return m_repo; }
    // The repository's own lock attributes: those it has off show as inherited locks.
    void setRepositoryAttributes(const ChangeableAttributes &attributes);
    RegistryClient *client() const { return m_client; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setOrderBy(OrderBy order);
    OrderBy orderBy() const { return m_orderBy; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

    const ManifestInfo &manifestAt(int row) const { return m_manifests.at(row); }
    int rowOfDigest(const QString &digest) const;
    void updateManifest(const ManifestInfo &manifest);
    void removeManifest(const QString &digest);

protected:
    void requestPage(const QUrl &next, quint64 generation) override;
    void clearRows() override;

private:
    QPointer<RegistryClient> m_client;
    QString m_repo;
    int m_pageSize = 100;
    OrderBy m_orderBy = OrderBy::None;
    QList<ManifestInfo> m_manifests;
    QHash<QString, int> m_rowByDigest;
    ChangeableAttributes m_repositoryAttributes;
};

} // namespace Berth
