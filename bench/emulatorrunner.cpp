#include "emulatorrunner.h"

#include "emulator/acremulator.h"
#include "listeningprocess.h"

#include <QEventLoop>
#include <QSemaphore>

namespace Berth::Bench {

namespace {
constexpr int StartTimeoutMs = 60000;
} // namespace

EmulatorRunner::EmulatorRunner(QObject *parent)
    : QObject(parent)
{}

EmulatorRunner::~EmulatorRunner()
{
    stop();
}

bool EmulatorRunner::start(Mode mode, const QString &binary, int repositories, int tags)
{
    return mode == Mode::Process ? startProcess(binary, repositories, tags)
                                 : startThread(repositories, tags);
}

qint64 EmulatorRunner::processId() const
{
    return m_process ? m_process->processId() : 0;
}

bool EmulatorRunner::startProcess(const QString &binary, int repositories, int tags)
{
    m_process = new QProcess(this);
    m_url = QUrl(startListening(m_process, binary,
                                {QStringLiteral("--anonymous"), QStringLiteral("all"),
                                 QStringLiteral("--seed"), QStringLiteral("none"),
                                 QStringLiteral("--bulk-repos"), QString::number(repositories),
                                 QStringLiteral("--bulk-tags"), QString::number(tags)},
                                &m_error));
    return m_url.isValid() && !m_url.isEmpty();
}

bool EmulatorRunner::startThread(int repositories, int tags)
{
    // The emulator is created, served and destroyed on its own thread.
    QSemaphore ready;
    QUrl url;
    m_thread.reset(QThread::create([&ready, &url, repositories, tags] {
        AcrEmulator emulator;
        emulator.setAnonymousActions({QStringLiteral("*")});
        emulator.seedBulk(repositories, QStringLiteral("big/repo"), tags);
        const bool listening = emulator.listen();
        if (listening)
            url = emulator.url();
        ready.release(); // `ready` and `url` belong to startThread(): not touched after this
        if (listening) {
            QEventLoop loop; // QThread::quit() ends it
            loop.exec();
        }
    }));
    m_thread->start();
    if (!ready.tryAcquire(1, StartTimeoutMs) || url.isEmpty()) {
        m_error = QStringLiteral("the emulator thread did not start listening");
        return false;
    }
    m_url = url;
    return true;
}

void EmulatorRunner::stop()
{
    if (m_process) {
        stopProcess(m_process);
        delete m_process;
        m_process = nullptr;
    }
    if (m_thread) {
        m_thread->quit();
        m_thread->wait(10000);
        m_thread.reset();
    }
}

} // namespace Berth::Bench
