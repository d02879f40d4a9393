#pragma once

#include "auth/credentials.h"
#include "core/job.h"

#include <optional>

class QProcess;
class QTimer;

namespace Berth {

// Asks a docker credential helper for a registry's credentials, without blocking: runs
// `docker-credential-<name> get` found on PATH (`name` only [a-z0-9._-]+, never a path),
// writes the server URL ("host[:port]") to its stdin and reads
// {"ServerURL", "Username", "Secret"} from its stdout.
//
// Ends with the credentials; with std::nullopt when the helper is not installed, exits with
// an error (it says "credentials not found in native keychain" that way) or answers without
// a secret; with TIMEOUT when it has not ended after the time limit (it is killed then); with
// INVALID_RESPONSE when it says more than 64 KiB or something that is not that JSON; with
// INVALID_ARGUMENT for a name that is not a helper's. The user name "<token>" (docker's
// convention for an identity token) gives an ACR refresh token, which Berth exchanges as
// OAuth2 refresh token; never a password. Messages name the helper, never what it printed:
// its stdout holds the secret, and its stderr may echo it.
class CredentialHelperJob : public Job<std::optional<Credentials>>
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;
    static constexpr qint64 MaxOutput = qint64(64) << 10;

    CredentialHelperJob(const QString &name,
                        const QString &serverUrl,
                        int timeoutMs = DefaultTimeoutMs,
                        QObject *parent = nullptr);
    ~CredentialHelperJob() override;

    static bool isValidName(const QString &name);
    // The answer's JSON as credentials (std::nullopt: no secret); an error when it is none.
    static Result<std::optional<Credentials>> parseAnswer(const QString &program,
                                                          const QByteArray &json);

protected:
    void onAbort() override;

private:
    void readOutput();
    void done(int exitCode);
    void stop(); // kills the helper (if still running) and forgets it

    QString m_program; // "docker-credential-<name>", for messages
    QProcess *m_process = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_output;
};

} // namespace Berth
