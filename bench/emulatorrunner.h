#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QThread>
#include <QUrl>

#include <memory>

namespace Berth::Bench {

// Runs the ACR emulator outside Berth's event loop, so that the emulator's own work never
// shows up as a stall of the window: as a separate process (berth-acr-emulator, the
// default) or on a thread of this process. Everything listens on 127.0.0.1 only.
class EmulatorRunner : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Process, Thread };

    explicit EmulatorRunner(QObject *parent = nullptr);
    ~EmulatorRunner() override;

    // Seeds `repositories` bulk repositories and big/repo with `tags` tags, anonymous
    // access to everything. Returns false (see errorString()) when it did not come up.
    bool start(Mode mode, const QString &binary, int repositories, int tags);
    void stop();
    QUrl url() const { return m_url; }
    QString errorString() const { return m_error; }
    qint64 processId() const;

private:
    bool startProcess(const QString &binary, int repositories, int tags);
    bool startThread(int repositories, int tags);

    QUrl m_url;
    QString m_error;
    QProcess *m_process = nullptr;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Berth::Bench
