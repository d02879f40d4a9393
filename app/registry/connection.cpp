#include "registry/connection.h"

#include "auth/authenticator.h"
#include "registry/registrytr.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QSslCertificate>

namespace Berth {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QUrl> normalizeRegistryUrl(const QString &text, bool allowPlainHttp)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::unexpected(RegistryError::make(ErrorCode::InvalidArgument,
                                                   RegistryTr::tr("No registry URL was given.")));
    if (!trimmed.contains(u"://"))
        trimmed.prepend(allowPlainHttp ? u"http://" : u"https://");
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidArgument,
            RegistryTr::tr("\"%1\" is not a registry URL (expected e.g. myregistry.azurecr.io).")
                .arg(text)));
    if (!url.userInfo().isEmpty())
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidArgument,
            RegistryTr::tr("Put credentials in the sign-in options, not in the registry URL.")));
    if (scheme == u"http" && !allowPlainHttp && !isLoopbackHost(url.host()))
        return std::unexpected(RegistryError::make(
            ErrorCode::InsecureUrl,
            RegistryTr::tr("Refusing plain http to %1; use https, or allow plain http explicitly.")
                .arg(url.host())));
    QUrl base;
    base.setScheme(scheme);
    base.setHost(url.host().toLower());
    base.setPort(url.port());
    return base;
}

Result<Connection *> Connection::create(const ConnectionSettings &settings, QObject *parent)
{
    // A PEM bundle, even the system's, is a few hundred KiB. Only a regular file is opened (a
    // FIFO would block the open, /dev/zero never ends) and no more than 1 MiB + 1 byte is read.
    constexpr qint64 MaxCaFileSize = 1 << 20;
    auto *connection = new Connection(settings, parent);
    if (!settings.caFile.isEmpty()) {
        const QFileInfo info(settings.caFile);
        QFile file(settings.caFile);
        QString problem;
        if (info.exists() && !info.isFile())
            problem = RegistryTr::tr("not a regular file");
        else if (!file.open(QIODevice::ReadOnly))
            problem = file.errorString();
        if (!problem.isEmpty()) {
            delete connection;
            return std::unexpected(RegistryError::make(
                ErrorCode::Io,
                RegistryTr::tr("Cannot read the CA file %1: %2").arg(settings.caFile, problem)));
        }
        const QByteArray pem = file.read(MaxCaFileSize + 1);
        if (pem.size() > MaxCaFileSize) {
            delete connection;
            return std::unexpected(RegistryError::make(
                ErrorCode::InvalidArgument,
                RegistryTr::tr("The CA file %1 is larger than 1 MiB.").arg(settings.caFile)));
        }
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
        if (certs.isEmpty()) {
            delete connection;
            return std::unexpected(RegistryError::make(
                ErrorCode::InvalidArgument,
                RegistryTr::tr("The CA file %1 holds no PEM certificate.").arg(settings.caFile)));
        }
        connection->m_ssl.addCaCertificates(certs);
    }
    return connection;
}

Connection::Connection(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_ssl(QSslConfiguration::defaultConfiguration())
    , m_network(new QNetworkAccessManager(this))
    , m_authenticator(new Authenticator(this))
{
    m_secrets.addCredentials(settings.credentials);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Connection::~Connection() = default;

QNetworkRequest Connection::makeRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    if (url.scheme() == u"https")
        request.setSslConfiguration(m_ssl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("berth/" + QCoreApplication::applicationVersion().toUtf8()));
    return request;
}

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    auto port = [](const QUrl &url) {
        return url.port(url.scheme() == u"https" ? 443 : 80);
    };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && port(a) == port(b);
}

bool Connection::isRegistryOrigin(const QUrl &url) const
{
    return isSameOrigin(url, m_settings.registry);
}

bool Connection::mayCarrySecrets(const QUrl &url) const
{
    return url.scheme() == u"https"
           || (url.scheme() == u"http"
               && (m_settings.allowPlainHttp || isLoopbackHost(url.host())));
}

void Connection::trustRealm(const QString &realm)
{
    if (!m_settings.trustedRealms.contains(realm, Qt::CaseInsensitive))
        m_settings.trustedRealms << realm;
}

QUrl Connection::resolve(const QString &pathAndQuery) const
{
    return m_settings.registry.resolved(QUrl(pathAndQuery));
}

} // namespace Berth
