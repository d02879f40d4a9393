#include "credentials/credentialhelper.h"

#include "credentials/credentialslog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <utility>

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::CredentialHelper)
};

// docker's convention: this user name says the secret is an identity (refresh) token.
const QString IdentityTokenUser = QStringLiteral("<token>");
} // namespace

bool CredentialHelperJob::isValidName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9._-]+$"));
    return valid.match(name).hasMatch() && name != u"." && name != u"..";
}

Result<std::optional<Credentials>> CredentialHelperJob::parseAnswer(const QString &program,
                                                                    const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonObject answer = document.object();
    const QJsonValue user = answer.value(u"Username");
    const QJsonValue secret = answer.value(u"Secret");
    if (!document.isObject() || !secret.isString() || !(user.isString() || user.isUndefined()))
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidResponse,
            Tr::tr("%1 answered with something that is not a credential helper's JSON.")
                .arg(program)));
    if (secret.toString().isEmpty())
        return std::optional<Credentials>();
    if (user.toString() == IdentityTokenUser)
        return std::optional(
            Credentials::password(Credentials::RefreshTokenUser, secret.toString()));
    return std::optional(Credentials::password(user.toString(), secret.toString()));
}

CredentialHelperJob::CredentialHelperJob(const QString &name,
                                         const QString &serverUrl,
                                         int timeoutMs,
                                         QObject *parent)
    : Job(parent)
    , m_program(u"docker-credential-" + name)
{
    if (!isValidName(name)) {
        fail(RegistryError::make(
            ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is not the name of a docker credential helper.").arg(name.left(64))));
        return;
    }
    const QString path = QStandardPaths::findExecutable(m_program);
    if (path.isEmpty()) {
        qCDebug(lcCredentials) << m_program << "is not installed";
        succeed(std::nullopt);
        return;
    }
    m_process = new QProcess(this);
    m_process->setProgram(path);
    m_process->setArguments({QStringLiteral("get")});
    m_process->setStandardErrorFile(QProcess::nullDevice()); // may echo the secret: never read
    connect(m_process, &QProcess::readyReadStandardOutput, this, &CredentialHelperJob::readOutput);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        done(status == QProcess::NormalExit ? code : -1);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done(-1); // as if not installed
    });
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        stop();
        fail(
            RegistryError::make(ErrorCode::Timeout, Tr::tr("%1 did not answer within %n second(s).",
                                                           nullptr, m_timer->interval() / 1000)
                                                        .arg(m_program)));
    });
    m_timer->start(timeoutMs);
    m_process->start();
    m_process->write(serverUrl.toUtf8());
    m_process->closeWriteChannel();
}

CredentialHelperJob::~CredentialHelperJob()
{
    stop();
}

void CredentialHelperJob::onAbort()
{
    stop();
    Job::onAbort();
}

void CredentialHelperJob::readOutput()
{
    if (!m_process)
        return;
    m_output += m_process->read(MaxOutput + 1 - m_output.size());
    if (m_output.size() <= MaxOutput)
        return;
    stop();
    m_output.fill('\0');
    fail(RegistryError::make(
        ErrorCode::InvalidResponse,
        Tr::tr("%1 said more than %2 KiB.").arg(m_program).arg(MaxOutput >> 10)));
}

void CredentialHelperJob::done(int exitCode)
{
    if (!m_process)
        return;
    readOutput();
    if (!m_process)
        return; // too much: failed already
    stop();
    const QByteArray output = std::exchange(m_output, {});
    // Exit code 1 with "credentials not found in native keychain" is the protocol's "none".
    qCDebug(lcCredentials) << m_program << "ended with exit code" << exitCode;
    if (exitCode != 0)
        return succeed(std::nullopt);
    complete(parseAnswer(m_program, output));
}

void CredentialHelperJob::stop()
{
    if (m_timer)
        m_timer->stop();
    if (QProcess *process = std::exchange(m_process, nullptr)) {
        process->disconnect(this);
        if (process->state() != QProcess::NotRunning) {
            // Reaped once it has exited (SIGKILL makes that quick); if this job goes first,
            // QProcess's destructor reaps it.
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->kill();
        } else {
            process->deleteLater();
        }
    }
}

} // namespace Berth
