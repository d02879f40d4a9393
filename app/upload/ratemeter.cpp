#include "upload/ratemeter.h"

namespace Berth {

RateMeter::RateMeter(qint64 windowMs)
    : m_windowMs(windowMs)
{
    m_clock.start();
}

void RateMeter::add(qint64 bytes)
{
    const qint64 now = m_clock.elapsed();
    if (!m_samples.empty() && bytes < m_samples.back().bytes)
        m_samples.clear();
    m_samples.push_back({now, bytes});
    while (m_samples.size() > 2 && now - m_samples.front().ms > m_windowMs)
        m_samples.pop_front();
}

double RateMeter::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.front();
    const Sample &last = m_samples.back();
    const qint64 ms = last.ms - first.ms;
    return ms > 0 ? double(last.bytes - first.bytes) * 1000.0 / double(ms) : 0;
}

void RateMeter::reset()
{
    m_samples.clear();
}

} // namespace Berth
