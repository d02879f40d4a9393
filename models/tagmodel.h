#pragma once

#include "models/repositorytablemodel.h"

#include <QHash>
#include <QSet>
#include <QUrl>

namespace Berth {

// The tags of one repository, loaded a page at a time as the view scrolls. Sorting by
// time asks the server (orderby); size and platforms come from the repository's manifest
// list (ACR), loaded once in the background and joined by digest, and for indexes from
// their manifests (RepositoryTableModel).
class TagModel : public RepositoryTableModel<TagInfo>
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
    // What the columns before the four lock columns show, in that order.
    static constexpr std::array Fields{Field::Name,      Field::Digest,  Field::Size,
                                       Field::Platforms, Field::Created, Field::Updated};

    explicit TagModel(QObject *parent = nullptr);

    const TagInfo &tagAt(int row) const { return itemAt(row); }
    int rowOfTag(const QString &name) const { return rowOf(name); }
    // Replace one row in place (after a lock change) or drop it (after a delete).
    void updateTag(const TagInfo &tag) { updateItem(tag); }
    void removeTag(const QString &name) { removeItem(name); }
    // True while the manifest list (sizes, platforms) is still being read. It is read to its
    // end, but at most MaxDetailPages pages and never a next link twice.
    bool isLoadingDetails() const { return m_loadingDetails; }
    static constexpr int MaxDetailPages = 1000;

protected:
    void requestPage(const QUrl &next, int pageSize, quint64 generation) override;
    void clearRows() override;
    QString nameOf(const TagInfo &tag) const override { return tag.name; }
    const ManifestInfo *detailsOf(const TagInfo &tag) const override;

private:
    void loadManifestDetails(quint64 generation, const QUrl &next);

    QHash<QString, ManifestInfo> m_manifests; // details by digest
    QSet<QUrl> m_detailPages;                 // next links of the manifest list followed
    bool m_loadingDetails = false;
};

static_assert(TagModel::Fields.size() == TagModel::WriteEnabled
              && TagModel::ColumnCount == TagModel::WriteEnabled + 4);

} // namespace Berth
