#include "stallprobe.h"

#include <algorithm>

namespace Berth::Bench {

StallProbe::StallProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
}

void StallProbe::start()
{
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

void StallProbe::setPhase(const QString &phase)
{
    m_phase = phase;
    // A gap that began in the previous phase still counts there: restart the gap here.
    m_lastNs = m_clock.isValid() ? m_clock.nsecsElapsed() : 0;
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double stallMs = std::max(0.0, double(now - m_lastNs) / 1e6 - IntervalMs);
    m_lastNs = now;
    Stats &stats = m_stats[m_phase];
    ++stats.ticks;
    stats.maxStallMs = std::max(stats.maxStallMs, stallMs);
    if (stallMs > 16)
        ++stats.over16;
    if (stallMs > 50)
        ++stats.over50;
}

} // namespace Berth::Bench
