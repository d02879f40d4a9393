#include "memory.h"

#include <QByteArray>
#include <QFile>

namespace Berth::Bench {

Memory currentMemory(qint64 pid)
{
    Memory memory;
    QFile status(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid)
                         : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return memory;
    const QList<QByteArray> lines = status.readAll().split('\n');
    auto kib = [](const QByteArray &line) {
        const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed(); // "123456 kB"
        return value.left(value.indexOf(' ')).toDouble() / 1024.0;
    };
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            memory.rssMiB = kib(line);
        else if (line.startsWith("VmHWM:"))
            memory.hwmMiB = kib(line);
    }
    return memory;
}

} // namespace Berth::Bench
