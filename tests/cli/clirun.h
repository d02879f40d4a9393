#pragma once

// Runs the real berth-cli for the CLI tests without blocking the calling thread's event
// loop (servers of the test live there), bounded in time.

#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStringList>
#include <QTemporaryDir>

namespace Berth::Test {

struct CliRun
{
    int exitCode = -1; // -1: crashed or killed
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

// Kills berth-cli after `timeoutMs`. No one of `secrets` may reach stdout or stderr: if one
// does, exitCode is -99 (every test compares it) and err says so. Without BERTH_SETTINGS in
// `env`, berth-cli gets settings of its own for this run (nothing the user saved, nothing
// learnt by another test on a port used again).
inline CliRun runCli(const QStringList &args,
                     const QProcessEnvironment &env,
                     const QByteArray &stdinData = {},
                     int timeoutMs = 60000,
                     const QByteArrayList &secrets = {})
{
    QProcess p;
    QTemporaryDir settingsDir;
    QProcessEnvironment own = env;
    if (!own.contains(QStringLiteral("BERTH_SETTINGS")))
        own.insert(QStringLiteral("BERTH_SETTINGS"),
                   settingsDir.filePath(QStringLiteral("berth.ini")));
    p.setProcessEnvironment(own);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(BERTH_CLI_PATH), args);
    if (!stdinData.isNull())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        qWarning("berth-cli did not finish");
    }
    CliRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    for (const QByteArray &secret : secrets) {
        if (!secret.isEmpty() && (r.out.contains(secret) || r.err.contains(secret))) {
            r.exitCode = -99;
            r.err = "a secret reached berth-cli's output";
        }
    }
    return r;
}

} // namespace Berth::Test
