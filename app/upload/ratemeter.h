#pragma once

#include <QElapsedTimer>

#include <deque>

namespace Berth {

// Bytes per second over the last few seconds of (time, bytes) samples. Bytes may go down
// (an upload that starts over); the meter then starts afresh.
class RateMeter
{
public:
    explicit RateMeter(qint64 windowMs = 3000);

    void add(qint64 bytes);
    double bytesPerSecond() const;
    void reset();

private:
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
    };
    QElapsedTimer m_clock;
    qint64 m_windowMs;
    std::deque<Sample> m_samples;
};

} // namespace Berth
