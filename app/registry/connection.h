#pragma once

#include "auth/credentials.h"
#include "auth/secrets.h"
#include "core/result.h"

#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

class QNetworkAccessManager;

namespace Berth {

class Authenticator;

struct ConnectionSettings
{
    QUrl registry; // scheme://host[:port], from normalizeRegistryUrl
    Credentials credentials;
    QString caFile; // extra trusted CA certificates (PEM), optional
    bool allowPlainHttp = false;
    int timeoutMs = 30000; // a transfer that makes no progress for this long fails
    // A transfer slower than this on average (after a grace of timeoutMs) fails as TIMEOUT,
    // so a server that drips its answer cannot hold a request open for ever.
    qint64 minBytesPerSec = qint64(8) * 1024;
    // A listing stops with TOO_MANY_PAGES after this many pages (a registry that invents
    // pages for ever); 10,000 pages of 1,000 is ten million items.
    int maxPages = 10000;
    // Token realms on other hosts that the user allowed to receive the password
    // (see isTrustedRealm); kept in the registry's profile.
    QStringList trustedRealms;
};

// "myreg.azurecr.io", "https://myreg.azurecr.io/", "127.0.0.1:5000" -> scheme://host[:port].
// No scheme means https (http with allowPlainHttp). Plain http is refused (INSECURE_URL)
// unless the host is a loopback address or allowPlainHttp is set.
Result<QUrl> normalizeRegistryUrl(const QString &text, bool allowPlainHttp);
bool isLoopbackHost(const QString &host);
// Same scheme, host (case-insensitive) and port (the scheme's default when none is given).
bool isSameOrigin(const QUrl &a, const QUrl &b);

// One registry connection: the network manager, TLS settings and the authenticator that
// every job of one RegistryClient shares. Lives on one thread.
class Connection : public QObject
{
    Q_OBJECT
public:
    // Fails (INVALID_ARGUMENT / IO_ERROR) when the CA file cannot be read.
    static Result<Connection *> create(const ConnectionSettings &settings,
                                       QObject *parent = nullptr);
    ~Connection() override;

    const ConnectionSettings &settings() const { return m_settings; }
    QUrl registry() const { return m_settings.registry; }
    QNetworkAccessManager *network() const { return m_network; }
    Authenticator *authenticator() const { return m_authenticator; }
    // What this connection must never show: its credentials and the tokens it obtained.
    Secrets &secrets() { return m_secrets; }
    const Secrets &secrets() const { return m_secrets; }

    // A request with Berth's TLS settings, timeout, user agent and manual redirects.
    QNetworkRequest makeRequest(const QUrl &url) const;
    // True when `url` is on the registry's own scheme, host and port.
    bool isRegistryOrigin(const QUrl &url) const;
    // True when it is acceptable to send a secret to `url`: https, or http on loopback or
    // with allowPlainHttp.
    bool mayCarrySecrets(const QUrl &url) const;
    QUrl resolve(const QString &pathAndQuery) const;
    // Lets the password go to the token realm `realm` ("host" or "host:port") from now on.
    void trustRealm(const QString &realm);

private:
    Connection(const ConnectionSettings &settings, QObject *parent);

    ConnectionSettings m_settings;
    Secrets m_secrets;
    QSslConfiguration m_ssl;
    QNetworkAccessManager *m_network;
    Authenticator *m_authenticator;
};

} // namespace Berth
