#include "models/manifestmodel.h"

#include <QSet>

namespace Berth {

ManifestModel::ManifestModel(QObject *parent)
    : RepositoryTableModel(Fields, &ManifestInfo::digest, &RegistryClient::manifestPage, parent)
{}

QList<int> ManifestModel::unreferencedUntaggedRows() const
{
    QSet<QString> listed;
    for (int row = 0; row < rowCount(); ++row) {
        for (const PlatformRef &p : manifestAt(row).references)
            listed.insert(p.digest);
    }
    QList<int> rows;
    for (int row = 0; row < rowCount(); ++row) {
        const ManifestInfo &m = manifestAt(row);
        if (m.tags.isEmpty() && !listed.contains(m.digest))
            rows << row;
    }
    return rows;
}

} // namespace Berth
