#include "credentials/keychaincredentialstore.h"

#include "credentials/credentialslog.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace Berth {

namespace {

// What went wrong, for users. QtKeychain's own text is kept as the detail: it names the
// backend's complaint (D-Bus, locked collection, ...) and never the secret.
RegistryError keychainError(const QKeychain::Job *job, const QString &action)
{
    const QString detail = job->errorString();
    // libsecret reports an unreachable Secret Service as a generic GIO/D-Bus error ("Cannot
    // autolaunch D-Bus ...", "Could not connect: ...", "org.freedesktop.DBus.Error...").
    const bool unreachable = job->error() == QKeychain::OtherError
                             && (detail.contains(u"D-Bus", Qt::CaseInsensitive)
                                 || detail.contains(u"DBus", Qt::CaseInsensitive)
                                 || detail.contains(u"connect", Qt::CaseInsensitive)
                                 || detail.contains(u"address", Qt::CaseInsensitive));
    const bool noService = job->error() == QKeychain::NoBackendAvailable
                           || job->error() == QKeychain::NotImplemented || unreachable;
    QString message;
    if (noService) {
        message = QStringLiteral("No keychain (Secret Service) is available: %1").arg(detail);
    } else {
        switch (job->error()) {
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            message = QStringLiteral("The keychain refused to %1 (is it locked?): %2")
                          .arg(action, detail);
            break;
        default:
            message = QStringLiteral("The keychain could not %1: %2").arg(action, detail);
            break;
        }
    }
    return RegistryError::make(ErrorCode::Keychain, message);
}

// Starts `keychainJob` (which deletes itself when done) and fails `job` if the keychain has
// not answered within `timeoutMs`.
template<typename T>
void startKeychainJob(Job<T> *job,
                      QKeychain::Job *keychainJob,
                      const QString &entryKey,
                      int timeoutMs)
{
    keychainJob->setAutoDelete(true);
    keychainJob->setInsecureFallback(false);
    keychainJob->setKey(entryKey);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [job, entryKey, timeoutMs] {
        qCInfo(lcCredentials) << "the keychain did not answer for" << entryKey;
        job->fail(RegistryError::make(
            ErrorCode::Keychain,
            QStringLiteral("The keychain did not answer within %1 s (is an unlock prompt "
                           "waiting?).")
                .arg(timeoutMs / 1000)));
    });
    timer->start(timeoutMs);
    keychainJob->start();
}

} // namespace

const QString KeychainCredentialStore::ServiceName = QStringLiteral("berth");

KeychainCredentialStore::KeychainCredentialStore(QObject *parent)
    : CredentialStore(parent)
{}

void KeychainCredentialStore::doStore(Job<Done> *job,
                                      const QString &entryKey,
                                      const QString &secret)
{
    auto *kj = new QKeychain::WritePasswordJob(ServiceName);
    kj->setTextData(secret);
    connect(kj, &QKeychain::Job::finished, job, [job, entryKey](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError) {
            qCInfo(lcCredentials) << "saving" << entryKey << "failed:" << done->errorString();
            return job->fail(keychainError(done, QStringLiteral("save the secret")));
        }
        qCDebug(lcCredentials) << "saved" << entryKey;
        job->succeed(Done{});
    });
    startKeychainJob(job, kj, entryKey, m_timeoutMs);
}

void KeychainCredentialStore::doLoad(Job<std::optional<QString>> *job, const QString &entryKey)
{
    auto *kj = new QKeychain::ReadPasswordJob(ServiceName);
    connect(kj, &QKeychain::Job::finished, job, [job, entryKey](QKeychain::Job *done) {
        if (done->error() == QKeychain::EntryNotFound) {
            qCDebug(lcCredentials) << "no entry for" << entryKey;
            return job->succeed(std::nullopt);
        }
        if (done->error() != QKeychain::NoError) {
            qCInfo(lcCredentials) << "reading" << entryKey << "failed:" << done->errorString();
            return job->fail(keychainError(done, QStringLiteral("read the secret")));
        }
        qCDebug(lcCredentials) << "read" << entryKey;
        job->succeed(static_cast<QKeychain::ReadPasswordJob *>(done)->textData());
    });
    startKeychainJob(job, kj, entryKey, m_timeoutMs);
}

void KeychainCredentialStore::doForget(Job<Done> *job, const QString &entryKey)
{
    auto *kj = new QKeychain::DeletePasswordJob(ServiceName);
    connect(kj, &QKeychain::Job::finished, job, [job, entryKey](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError && done->error() != QKeychain::EntryNotFound) {
            qCInfo(lcCredentials) << "removing" << entryKey << "failed:" << done->errorString();
            return job->fail(keychainError(done, QStringLiteral("remove the secret")));
        }
        qCDebug(lcCredentials) << "removed" << entryKey;
        job->succeed(Done{});
    });
    startKeychainJob(job, kj, entryKey, m_timeoutMs);
}

} // namespace Berth
