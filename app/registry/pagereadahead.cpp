#include "registry/pagereadahead.h"

namespace Berth {

void PageFlight::wantAhead(int pageSize)
{
    m_aheadSize = pageSize;
    askIfReady();
}

void PageFlight::answered(const QUrl &next)
{
    m_next = next;
    askIfReady();
}

void PageFlight::askIfReady()
{
    if (m_asked || m_aheadSize <= 0 || !m_next || m_next->isEmpty())
        return;
    m_asked = true;
    m_askedUrl = m_askAhead(*m_next, m_aheadSize);
}

void PageReadAhead::keep(const QUrl &url, std::shared_ptr<Entry> entry)
{
    if (std::shared_ptr<Entry> same = take(url))
        same->drop();
    m_kept.append({url, std::move(entry)});
    while (m_kept.size() > MaxKept)
        m_kept.takeFirst().second->drop();
}

std::shared_ptr<PageReadAhead::Entry> PageReadAhead::take(const QUrl &url)
{
    for (qsizetype i = 0; i < m_kept.size(); ++i) {
        if (m_kept.at(i).first == url)
            return m_kept.takeAt(i).second;
    }
    return nullptr;
}

} // namespace Berth
