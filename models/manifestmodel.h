#pragma once

#include "models/repositorytablemodel.h"

namespace Berth {

// The manifests of one repository, untagged ones included, a page at a time. On
// registries without ACR's metadata API the list is derived from tags (see RegistryClient).
class ManifestModel : public RepositoryTableModel<ManifestInfo>
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
    // What the columns before the four lock columns show, in that order.
    static constexpr std::array Fields{Field::Digest,    Field::Tags,      Field::Size,
                                       Field::Platforms, Field::MediaType, Field::Created,
                                       Field::Updated};

    explicit ManifestModel(QObject *parent = nullptr);

    const ManifestInfo &manifestAt(int row) const { return itemAt(row); }
    int rowOfDigest(const QString &digest) const { return rowOf(digest); }
    void updateManifest(const ManifestInfo &manifest) { updateItem(manifest); }
    void removeManifest(const QString &digest) { removeItem(digest); }
    // The rows of manifests without a tag that no loaded index lists (a platform of an index
    // is not garbage, however untagged): with every page loaded, those a delete frees.
    QList<int> unreferencedUntaggedRows() const;

protected:
    // A manifest goes by its first tag; it is its own details.
    QString nameOf(const ManifestInfo &m) const override { return m.tags.value(0); }
    const ManifestInfo *detailsOf(const ManifestInfo &m) const override { return &m; }
};

static_assert(ManifestModel::Fields.size() == ManifestModel::WriteEnabled
              && ManifestModel::ColumnCount == ManifestModel::WriteEnabled + 4);

} // namespace Berth
