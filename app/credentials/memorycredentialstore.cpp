#include "credentials/memorycredentialstore.h"

namespace Berth {

RegistryError MemoryCredentialStore::unavailableError() const
{
    return RegistryError::make(
        ErrorCode::Keychain,
        QStringLiteral("No keychain (Secret Service) is available: the in-memory store was "
                       "switched off."));
}

void MemoryCredentialStore::doStore(Job<Done> *job, const QString &entryKey, const QString &secret)
{
    if (m_unavailable)
        return job->fail(unavailableError());
    m_secrets.insert(entryKey, secret);
    job->succeed(Done{});
}

void MemoryCredentialStore::doLoad(Job<std::optional<QString>> *job, const QString &entryKey)
{
    if (m_unavailable)
        return job->fail(unavailableError());
    const auto it = m_secrets.constFind(entryKey);
    job->succeed(it == m_secrets.cend() ? std::nullopt : std::optional<QString>(*it));
}

void MemoryCredentialStore::doForget(Job<Done> *job, const QString &entryKey)
{
    if (m_unavailable)
        return job->fail(unavailableError());
    m_secrets.remove(entryKey);
    job->succeed(Done{});
}

} // namespace Berth
