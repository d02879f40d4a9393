// ACR's token endpoints (Azure/acr docs/AAD-OAuth.md and Token-BasicAuth.md, the spec's
// PostAccessToken.json / PostRefreshToken.json):
//   GET  /oauth2/token?service=&scope=...   Basic user:password (or the null GUID with an
//        ACR refresh token), or no credentials (anonymous)      -> {"access_token": "..."}
//   POST /oauth2/token   grant_type=refresh_token&service&scope&refresh_token
//                        grant_type=password&service&scope[&username&password] (no
//                        credentials = anonymous, as the SDK's anonymous client does it)
//   POST /oauth2/exchange grant_type=access_token&service[&tenant]&access_token (AAD)
//                                                               -> {"refresh_token": "..."}
// Form fields are snake_case as on the wire, not the spec's camelCase parameter names.

#include "emulator/emulatorhandler.h"

namespace Berth::Emu {

namespace {

QUrlQuery formOf(const Request &request)
{
    QString body = QString::fromUtf8(request.body);
    body.replace(u'+', QStringLiteral("%20"));
    return QUrlQuery(body);
}

QString field(const QUrlQuery &form, const char *name)
{
    return form.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

} // namespace

Response Handler::oauthUnauthorized() const
{
    return errorResponse(401, QStringLiteral("UNAUTHORIZED"),
                         QStringLiteral("authentication required, visit "
                                        "https://aka.ms/acr/authorization for more information."));
}

Response Handler::tokenFor(const std::optional<Principal> &principal, const QStringList &scopes)
{
    if (!principal)
        return oauthUnauthorized();
    const QString token
        = m_auth.issueAccessToken(*principal, Scope::parse(scopes), m_config.service());
    return jsonResponse(200, {{QStringLiteral("access_token"), token}});
}

Response Handler::token(const Request &request)
{
    if (request.method == "GET") {
        // Not verified against the service: a token for another service is refused like bad
        // credentials.
        if (request.queryValue(QStringLiteral("service")) != m_config.service())
            return oauthUnauthorized();
        const QStringList scopes
            = request.query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded);
        if (m_caller.kind == Caller::Kind::Basic)
            return tokenFor(m_caller.principal, scopes);
        if (m_caller.kind == Caller::Kind::BadCredentials)
            return oauthUnauthorized();
        return tokenFor(m_auth.anonymous(), scopes);
    }
    const QUrlQuery form = formOf(request);
    if (field(form, "service") != m_config.service())
        return oauthUnauthorized();
    const QStringList scopes = form.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded);
    const QString grant = field(form, "grant_type");
    if (grant == u"refresh_token")
        return tokenFor(m_auth.refreshLogin(field(form, "refresh_token"), m_config.service()),
                        scopes);
    if (grant == u"password") {
        const QString user = field(form, "username");
        const QString password = field(form, "password");
        if (user.isEmpty() && password.isEmpty())
            return tokenFor(m_auth.anonymous(), scopes);
        return tokenFor(m_auth.passwordLogin(user, password, m_config.service()), scopes);
    }
    return errorResponse(400, QStringLiteral("UNSUPPORTED"),
                         QStringLiteral("grant_type is not supported"));
}

Response Handler::exchange(const Request &request)
{
    const QUrlQuery form = formOf(request);
    if (field(form, "service") != m_config.service())
        return oauthUnauthorized();
    const QString grant = field(form, "grant_type");
    if (grant != u"access_token" && grant != u"access_token_refresh_token")
        return errorResponse(400, QStringLiteral("UNSUPPORTED"),
                             QStringLiteral("grant_type is not supported"));
    const auto principal = m_auth.aadLogin(field(form, "access_token"), field(form, "tenant"));
    if (!principal)
        return oauthUnauthorized();
    return jsonResponse(200, {{QStringLiteral("refresh_token"),
                               m_auth.issueRefreshToken(*principal, m_config.service())}});
}

} // namespace Berth::Emu
