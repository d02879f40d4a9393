#include "models/manifestmodel.h"

namespace Berth {

ManifestModel::ManifestModel(QObject *parent)
    : RepositoryTableModel(Fields, &ManifestInfo::digest, &RegistryClient::manifestPage, parent)
{}

} // namespace Berth
