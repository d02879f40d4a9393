#include "listeningprocess.h"

#include <QDeadlineTimer>

namespace Berth::Bench {

namespace {
constexpr int StartTimeoutMs = 60000;
const QString ListeningPrefix = QStringLiteral("listening on ");
} // namespace

QString startListening(QProcess *process,
                       const QString &binary,
                       const QStringList &arguments,
                       QString *error)
{
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(binary, arguments);
    if (!process->waitForStarted(StartTimeoutMs)) {
        *error = QStringLiteral("cannot start %1: %2").arg(binary, process->errorString());
        return {};
    }
    const QDeadlineTimer deadline(StartTimeoutMs);
    QByteArray output;
    while (!output.contains('\n')) {
        if (deadline.hasExpired() || process->state() != QProcess::Running
            || !process->waitForReadyRead(int(deadline.remainingTime()))) {
            *error = QStringLiteral("%1 did not report its address").arg(binary);
            return {};
        }
        output += process->readAllStandardOutput();
    }
    const QString line = QString::fromUtf8(output.left(output.indexOf('\n'))).trimmed();
    if (!line.startsWith(ListeningPrefix)) {
        *error = QStringLiteral("unexpected first line from %1: %2").arg(binary, line);
        return {};
    }
    return line.mid(ListeningPrefix.size());
}

void stopProcess(QProcess *process)
{
    if (process->state() == QProcess::NotRunning)
        return;
    process->terminate();
    if (!process->waitForFinished(5000)) {
        process->kill();
        process->waitForFinished(5000);
    }
}

} // namespace Berth::Bench
