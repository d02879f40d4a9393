#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Berth::Bench {

// Measures how long the event loop goes without turning: a 5 ms precise timer notes the
// gap between its ticks; a gap minus the interval is time the loop spent elsewhere (a
// stall). Stalls are kept per phase, so loading and filtering can be told apart.
class StallProbe : public QObject
{
    Q_OBJECT
public:
    struct Stats
    {
        double maxStallMs = 0;
        qint64 ticks = 0;
        int over16 = 0; // stalls longer than one 60 Hz frame
        int over50 = 0; // stalls longer than the target
    };

    explicit StallProbe(QObject *parent = nullptr);

    void start();
    void stop();
    // Ticks from now on count for `phase`.
    void setPhase(const QString &phase);
    Stats stats(const QString &phase) const { return m_stats.value(phase); }

    static constexpr int IntervalMs = 5;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    QString m_phase;
    QHash<QString, Stats> m_stats;
};

} // namespace Berth::Bench
