#pragma once

#include "core/job.h"
#include "core/result.h"

#include <QObject>
#include <QString>

#include <optional>

namespace Berth {

namespace ErrorCode {
// The system keychain failed or is missing (no Secret Service, locked, access refused).
inline const QString Keychain = QStringLiteral("KEYCHAIN_ERROR");
} // namespace ErrorCode

// Where Berth keeps secrets (passwords, refresh tokens): one entry per (registry, account).
// Every call returns a self-deleting job that finishes once, from the event loop. A missing
// entry is a normal answer (load() gives std::nullopt; forget() succeeds), not an error.
// Errors are RegistryErrors (KEYCHAIN_ERROR, INVALID_ARGUMENT) and never carry the secret.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    Job<Done> *store(const QString &registryKey, const QString &account, const QString &secret);
    Job<std::optional<QString>> *load(const QString &registryKey, const QString &account);
    Job<Done> *forget(const QString &registryKey, const QString &account);

    // "<registryKey>|<account>": the entry's key in the store.
    static QString entryKey(const QString &registryKey, const QString &account);

protected:
    // Called with validated arguments; must complete `job` exactly once (any time later).
    virtual void doStore(Job<Done> *job, const QString &entryKey, const QString &secret) = 0;
    virtual void doLoad(Job<std::optional<QString>> *job, const QString &entryKey) = 0;
    virtual void doForget(Job<Done> *job, const QString &entryKey) = 0;
};

} // namespace Berth
