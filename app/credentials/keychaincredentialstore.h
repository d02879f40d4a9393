#pragma once

#include "credentials/credentialstore.h"

namespace Berth {

// Secrets in the system keychain through QtKeychain (Secret Service / KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows), always asynchronously. Entries live
// under the service "berth" with the key "<registryKey>|<account>". QtKeychain's plaintext
// fallback is off: without a keychain every call fails with KEYCHAIN_ERROR, and no secret
// is ever written to a file.
class KeychainCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    explicit KeychainCredentialStore(QObject *parent = nullptr);

    static const QString ServiceName; // "berth"

protected:
    void doStore(Job<Done> *job, const QString &entryKey, const QString &secret) override;
    void doLoad(Job<std::optional<QString>> *job, const QString &entryKey) override;
    void doForget(Job<Done> *job, const QString &entryKey) override;

private:
    // How long one keychain call may take (an unlock prompt waits for the user) before it
    // fails with KEYCHAIN_ERROR.
    int m_timeoutMs = 120000;
};

} // namespace Berth
