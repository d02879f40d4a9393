#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace Berth::Bench {

// Starts `binary` with `arguments` in `process` and waits (bounded) for its first line of
// output, "listening on WHERE". Returns WHERE; empty with `error` set when it did not come.
QString startListening(QProcess *process,
                       const QString &binary,
                       const QStringList &arguments,
                       QString *error);
// Terminates `process` (killed when it does not end within 5 s).
void stopProcess(QProcess *process);

} // namespace Berth::Bench
