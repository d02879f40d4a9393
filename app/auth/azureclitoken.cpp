#include "auth/azureclitoken.h"

#include <QProcess>
#include <QTimer>

#include <utility>

namespace Berth {

namespace {
constexpr qint64 MaxOutput = qint64(64) * 1024;
}

AzureCliToken::AzureCliToken(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        fail(tr("The Azure CLI did not answer within %n second(s); run \"az login\" in a "
                "terminal, then try again, or paste a token.",
                nullptr, m_timeoutMs / 1000));
    });
}

AzureCliToken::~AzureCliToken()
{
    cancel();
}

void AzureCliToken::start(const QString &tenant)
{
    cancel();
    auto *process = new QProcess(this);
    m_process = process;
    QStringList arguments{
        QStringLiteral("account"),    QStringLiteral("get-access-token"),
        QStringLiteral("--resource"), QStringLiteral("https://management.azure.com"),
        QStringLiteral("--query"),    QStringLiteral("accessToken"),
        QStringLiteral("-o"),         QStringLiteral("tsv")};
    if (!tenant.trimmed().isEmpty())
        arguments << QStringLiteral("--tenant") << tenant.trimmed();
    process->setProgram(m_program);
    process->setArguments(arguments);
    process->setStandardInputFile(QProcess::nullDevice()); // never waits for a prompt
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process != m_process)
            return;
        if (error == QProcess::FailedToStart) {
            fail(tr("The Azure CLI (az) was not found. Install it and run \"az login\", or "
                    "paste an access token."));
        } else if (error != QProcess::Timedout) {
            // Crashed and the like; `finished` follows for a crash, so wait for it there.
            if (process->state() == QProcess::NotRunning)
                fail(tr("The Azure CLI failed: %1").arg(process->errorString()));
        }
    });
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus st) {
        if (process != m_process)
            return;
        if (st != QProcess::NormalExit) {
            fail(tr("The Azure CLI stopped unexpectedly."));
            return;
        }
        const QString out = QString::fromUtf8(process->read(MaxOutput)).trimmed();
        if (code != 0 || out.isEmpty()) {
            const QString err
                = QString::fromUtf8(process->readAllStandardError().left(2000)).trimmed();
            fail(err.isEmpty() ? tr("The Azure CLI gave no token (exit code %1).").arg(code)
                               : tr("The Azure CLI gave no token: %1").arg(err));
            return;
        }
        const QString token = out.section(u'\n', 0, 0).trimmed();
        finish();
        Q_EMIT tokenReady(token);
    });
    m_timer->start(m_timeoutMs);
    process->start();
}

void AzureCliToken::cancel()
{
    if (QProcess *process = takeProcess()) {
        if (process->state() != QProcess::NotRunning) {
            // Reaped in the background: deleted once it has exited (SIGKILL makes that quick;
            // if this object goes first, QProcess's destructor reaps the killed process).
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->kill();
        } else {
            process->deleteLater();
        }
    }
}

void AzureCliToken::finish()
{
    if (QProcess *process = takeProcess())
        process->deleteLater();
}

QProcess *AzureCliToken::takeProcess()
{
    m_timer->stop();
    QProcess *process = std::exchange(m_process, nullptr);
    if (process)
        process->disconnect(this);
    return process;
}

void AzureCliToken::fail(const QString &message)
{
    if (!m_process)
        return;
    cancel();
    Q_EMIT failed(message);
}

} // namespace Berth
