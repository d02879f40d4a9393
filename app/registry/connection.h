#pragma once

#include "auth/credentials.h"
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
};

// "myreg.azurecr.io", "https://myreg.azurecr.io/", "127.0.0.1:5000" -> scheme://host[:port].
// No scheme means https (http with allowPlainHttp). Plain http is refused (INSECURE_URL)
// unless the host is a loopback address or allowPlainHttp is set.
Result<QUrl> normalizeRegistryUrl(const QString &text, bool allowPlainHttp);
bool isLoopbackHost(const QString &host);

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

    // A request with Berth's TLS settings, timeout, user agent and manual redirects.
    QNetworkRequest makeRequest(const QUrl &url) const;
    // True when `url` is on the registry's own scheme, host and port.
    bool isRegistryOrigin(const QUrl &url) const;
    // True when it is acceptable to send a secret to `url`: https, or http on loopback or
    // with allowPlainHttp.
    bool mayCarrySecrets(const QUrl &url) const;
    QUrl resolve(const QString &pathAndQuery) const;

private:
    Connection(const ConnectionSettings &settings, QObject *parent);

    ConnectionSettings m_settings;
    QSslConfiguration m_ssl;
    QNetworkAccessManager *m_network;
    Authenticator *m_authenticator;
};

} // namespace Berth
