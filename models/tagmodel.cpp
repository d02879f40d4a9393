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
    m_detailPages.clear();
    m_loadingDetails = false;
}

const ManifestInfo *TagModel::detailsOf(const TagInfo &tag) const
{
    const auto details = m_manifests.constFind(tag.digest);
    return details != m_manifests.cend() ? &*details : nullptr;
}

void TagModel::requestPage(const QUrl &next, int pageSize, quint64 generation)
{
    // The tag page first: a registry answers in the order asked, and the first page of the
    // manifest list (1,000 items, for sizes and platforms) would keep the first rows waiting.
    RepositoryTableModel::requestPage(next, pageSize, generation);
    if (next.isEmpty() && client()) {
        const std::optional<Capabilities> caps = client()->capabilities();
        if (!caps || caps->acr)
            loadManifestDetails(generation, {});
    }
}

void TagModel::loadManifestDetails(quint64 generation, const QUrl &next)
{
    ListOptions options;
    options.pageSize = ManifestPageSize;
    options.readAhead = ManifestPageSize; // every page is read: the next one is asked ahead
    m_loadingDetails = true;
    Job<Page<ManifestInfo>> *job = client()->manifestPage(repository(), options, next);
    connect(job, &RegistryJob::finished, this, [this, job, generation] {
        if (!isCurrent(generation))
            return; // a reload or another repository came in between: it reads its own
        const Result<Page<ManifestInfo>> &page = job->result();
        m_loadingDetails = false;
        if (!page)
            return; // details are optional: the table works without them
        for (const ManifestInfo &m : page->items)
            m_manifests.insert(m.digest, m);
        if (rowCount() > 0) {
            Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Platforms));
            sizeRows(0, rowCount() - 1); // the indexes among them, now that they are known
        }
        const QUrl following = page->next;
        if (following.isEmpty() || page->items.isEmpty() || m_detailPages.contains(following)
            || m_detailPages.size() >= MaxDetailPages)
            return; // the end, or a registry that goes round in circles or never ends
        m_detailPages.insert(following);
        loadManifestDetails(generation, following);
    });
}

} // namespace Berth
