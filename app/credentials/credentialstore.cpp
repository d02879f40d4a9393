#include "credentials/credentialstore.h"

namespace Berth {

namespace {

// Empty when the key and account can name an entry, else why not.
std::optional<RegistryError> checkEntry(const QString &registryKey, const QString &account)
{
    if (registryKey.trimmed().isEmpty())
        return RegistryError::make(ErrorCode::InvalidArgument,
                                   QStringLiteral("No registry was named for the saved secret."));
    if (account.trimmed().isEmpty())
        return RegistryError::make(
            ErrorCode::InvalidArgument,
            QStringLiteral("No account was named for the saved secret of %1.").arg(registryKey));
    return std::nullopt;
}

} // namespace

QString CredentialStore::entryKey(const QString &registryKey, const QString &account)
{
    return registryKey + u'|' + account;
}

Job<Done> *
CredentialStore::store(const QString &registryKey, const QString &account, const QString &secret)
{
    auto *job = new Job<Done>;
    if (auto error = checkEntry(registryKey, account))
        job->fail(*error);
    else if (secret.isEmpty())
        job->fail(RegistryError::make(ErrorCode::InvalidArgument,
                                      QStringLiteral("Nothing to save: the secret is empty.")));
    else
        doStore(job, entryKey(registryKey, account), secret);
    return job;
}

Job<std::optional<QString>> *CredentialStore::load(const QString &registryKey,
                                                   const QString &account)
{
    auto *job = new Job<std::optional<QString>>;
    if (auto error = checkEntry(registryKey, account))
        job->fail(*error);
    else
        doLoad(job, entryKey(registryKey, account));
    return job;
}

Job<Done> *CredentialStore::forget(const QString &registryKey, const QString &account)
{
    auto *job = new Job<Done>;
    if (auto error = checkEntry(registryKey, account))
        job->fail(*error);
    else
        doForget(job, entryKey(registryKey, account));
    return job;
}

} // namespace Berth
