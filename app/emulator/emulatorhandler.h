#pragma once

// The ACR emulator's request handling: routing by hand (repository names contain '/'),
// the Bearer challenge/authorization guard, and one member per API operation. Split over
// emulatorhandler*.cpp by area: core and routing, /v2/ content, uploads, /acr/v1/
// metadata, /oauth2/ tokens.

#include "emulator/emulatorauth.h"
#include "emulator/emulatorhttp.h"
#include "emulator/emulatorstore.h"

#include <expected>
#include <optional>

namespace Berth::Emu {

struct Config
{
    quint16 port = 0;
    QString loginServer; // empty: "127.0.0.1:<port>"
    bool blobRedirect = false;
    bool mountBlobs = true;   // false: a mount request opens an ordinary session (202)
    bool honourRanges = true; // false: a blob GET with Range gets the whole blob (200)

    QString service() const;
    QString baseUrl() const;    // http://127.0.0.1:<port>
    QString storageUrl() const; // http://localhost:<port>: the "other host" of blob redirects
};

class Handler
{
public:
    Handler(Store &store, Auth &auth, Config &config);

    Response handle(const Request &request);

private:
    struct Caller
    {
        enum class Kind { None, InvalidToken, BadCredentials, Token, Basic };
        Kind kind = Kind::None;
        QList<Access> access;
        Principal principal;
        bool can(const QString &type, const QString &name, const QString &action) const;
    };
    struct Needed
    {
        QString type;
        QString name;
        QString action;
    };
    struct Page
    {
        int n = 100;
        QString last;
        QString orderby;
    };

    Caller identify(const Request &request);
    // nullopt when the caller may proceed; otherwise ACR's 401 challenge.
    std::optional<Response> authorize(const QList<Needed> &needed,
                                      const QStringList &challengeScopes) const;
    Response challenge(const QStringList &scopes, const QString &error) const;
    // The repository `name` if the caller may do `action` on it; otherwise the answer (the
    // 401 challenge, or NAME_UNKNOWN).
    std::expected<Repository *, Response> repositoryFor(const QString &name, const char *action);
    // For an /acr/v1/ tag or manifest route: the repository `name` (as repositoryFor, with the
    // action the request's method needs; DELETE only where `deletable`) and the item `key` of
    // its `items`; otherwise the answer (405, the challenge, NAME_UNKNOWN or `unknown()`).
    template<typename Items>
    std::expected<std::pair<Repository *, typename Items::iterator>, Response>
    acrItem(const Request &request,
            const QString &name,
            Items Repository::*items,
            const QString &key,
            bool deletable,
            Response (*unknown)());
    // For a listing of `name`: its repository (as repositoryFor) and the page asked for.
    using Listing = std::pair<const Repository *, Page>;
    std::expected<Listing, Response>
    listing(const Request &request, const QString &name, const char *action);
    std::optional<Response> parsePage(const Request &request, Page &page) const;
    void addNextLink(Response &response,
                     const Request &request,
                     const Page &page,
                     const QString &lastItem,
                     const QString &digestFilter = {}) const;

    // Routing.
    Response routeV2(const Request &request);
    Response routeAcr(const Request &request);
    Response routeOAuth(const Request &request);
    Response routeStorage(const Request &request);

    // /v2/ content (emulatorhandler_v2.cpp).
    Response catalog(const Request &request);
    Response tagsList(const Request &request, const QString &name);
    Response manifest(const Request &request, const QString &name, const QString &reference);
    Response getManifest(const Request &request, const QString &name, const QString &reference);
    Response putManifest(const Request &request, const QString &name, const QString &reference);
    Response deleteManifest(const QString &name, const QString &reference);
    Response blob(const Request &request, const QString &name, const QString &digest);
    Response
    blobContent(const Request &request, const QByteArray &data, const QString &digest) const;
    QString storageLocation(const QString &digest) const;

    // Uploads (emulatorhandler_uploads.cpp).
    Response uploads(const Request &request, const QString &name, const QString &uuid);
    Response startUpload(const Request &request, const QString &name);
    // `response` with the session's Location, Range and Docker-Upload-UUID.
    Response uploadSessionResponse(Response response, const UploadSession &session) const;
    Response rangeInvalid(const UploadSession &session) const; // 416, with the session
    QString uploadLocation(const UploadSession &session) const;
    std::optional<Response> checkState(const Request &request, const UploadSession &session) const;
    std::optional<Response> appendChunk(const Request &request, UploadSession &session) const;
    Response blobCreated(const QString &name, const QString &digest) const;

    // /acr/v1/ metadata (emulatorhandler_acr.cpp).
    Response acrRepository(const Request &request, const QString &name);
    Response acrTags(const Request &request, const QString &name);
    Response acrTag(const Request &request, const QString &name, const QString &tag);
    Response acrManifests(const Request &request, const QString &name);
    Response acrManifest(const Request &request, const QString &name, const QString &digest);
    // {"registry", "imageName": name, field: value}: how /acr/v1/ answers about one thing.
    QJsonObject acrBody(const QString &name, const QString &field, const QJsonValue &value) const;
    QJsonObject repositoryJson(const Repository &repository) const;
    QJsonObject tagJson(const TagRecord &tag) const;
    QJsonObject manifestJson(const Repository &repository, const ManifestRecord &manifest) const;

    // /oauth2/ (emulatorhandler_oauth.cpp).
    Response token(const Request &request);
    Response exchange(const Request &request);
    Response tokenFor(const std::optional<Principal> &principal, const QStringList &scopes);
    Response oauthUnauthorized() const;

    // Lock rules (emulatorhandler_v2.cpp).
    static bool canWriteTag(const Repository &repository, const QString &tag);
    static bool canDeleteManifest(const Repository &repository, const ManifestRecord &manifest);

    Store &m_store;
    Auth &m_auth;
    Config &m_config;
    QByteArray m_stateKey;
    Caller m_caller;
};

} // namespace Berth::Emu
