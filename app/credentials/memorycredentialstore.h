#pragma once

#include "credentials/credentialstore.h"

#include <QHash>

namespace Berth {

// Secrets in this object's memory only: for tests and for `--demo`. Answers on the next
// event-loop turn, like the keychain. setUnavailable(true) makes every call fail as a
// missing keychain does.
class MemoryCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    qsizetype size() const { return m_secrets.size(); }

protected:
    void doStore(Job<Done> *job, const QString &entryKey, const QString &secret) override;
    void doLoad(Job<std::optional<QString>> *job, const QString &entryKey) override;
    void doForget(Job<Done> *job, const QString &entryKey) override;

private:
    RegistryError unavailableError() const;

    QHash<QString, QString> m_secrets;
    bool m_unavailable = false;
};

} // namespace Berth
