#include "models/tagmodel.h"

namespace Berth {

namespace {
constexpr int ManifestPageSize = 1000;
} // namespace

TagModel::TagModel(QObject *parent)
    : RepositoryTableModel(Fields, &TagInfo::name, &RegistryClient::tagPage, parent)
{}

void TagModel::clearRows()
{
    RepositoryTableModel::clearRows();
    m_manifests.clear();
}

const ManifestInfo *TagModel::detailsOf(const TagInfo &tag) const
{
    const auto details = m_manifests.constFind(tag.digest);
    return details != m_manifests.cend() ? &*details : nullptr;
}

void TagModel::requestPage(const QUrl &next, int pageSize, quint64 generation)
{
    if (next.isEmpty() && client()) {
        const std::optional<Capabilities> caps = client()->capabilities();
        if (!caps || caps->acr)
            loadManifestDetails(generation, {});
    }
    RepositoryTableModel::requestPage(next, pageSize, generation);
}

void TagModel::loadManifestDetails(quint64 generation, const QUrl &next)
{
    ListOptions options;
    options.pageSize = ManifestPageSize;
    Job<Page<ManifestInfo>> *job = client()->manifestPage(repository(), options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        const Result<Page<ManifestInfo>> &page = job->result();
        if (!isCurrent(generation) || !page)
            return; // details are optional: the table works without them
        for (const ManifestInfo &m : page->items)
            m_manifests.insert(m.digest, m);
        if (rowCount() > 0) {
            Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Platforms));
            sizeRows(0, rowCount() - 1); // the indexes among them, now that they are known
        }
        if (!page->next.isEmpty() && !page->items.isEmpty())
            loadManifestDetails(generation, page->next);
    });
}

} // namespace Berth
