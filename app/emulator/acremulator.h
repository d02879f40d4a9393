#pragma once

// An Azure Container Registry emulator on 127.0.0.1: the /v2/ distribution API, ACR's
// /acr/v1/ metadata API and /oauth2/ token endpoints, with ACR's challenges, token shapes,
// paging Link headers, lock attributes and error bodies. It is the test fixture for the
// client and the backend of `--demo`. It does not use berthcore: it is an independent
// implementation of the same protocol.
//
// Everything runs on the thread that owns the emulator (the event loop serves requests).

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Berth {

namespace Emu {
class Auth;
class Handler;
class Server;
class Store;
struct Config;
struct Request;
struct Response;
} // namespace Emu

class AcrEmulator : public QObject
{
    Q_OBJECT

public:
    explicit AcrEmulator(QObject *parent = nullptr);
    ~AcrEmulator() override;

    bool listen(quint16 port = 0); // 127.0.0.1 only; 0 = a free port
    quint16 port() const;
    QUrl url() const;            // http://127.0.0.1:<port>
    QString loginServer() const; // `service` in challenges and tokens; default "127.0.0.1:<port>"
    void setLoginServer(const QString &loginServer);

    // Auth. Actions: pull, push, delete, metadata_read, metadata_write, catalog, or "*"
    // for all; an empty list = all actions.
    void addUser(const QString &user, const QString &password, const QStringList &actions = {});
    // An AAD access token that /oauth2/exchange accepts (for `tenant` when one is given).
    void addAadToken(const QString &aadAccessToken, const QString &tenant = {});
    // A valid ACR refresh token for `user`; its audience is loginServer(), so call it after
    // listen() (or setLoginServer()).
    QString issueRefreshToken(const QString &user = {});
    void setAnonymousActions(const QStringList &actions); // e.g. {"pull"}, {"*"}; default none
    void setTokenLifetime(int seconds);                   // access tokens' exp; default 3600
    void revokeAllAccessTokens();
    // Token time moves on by `seconds`: issued tokens expire without waiting for them.
    void advanceClock(int seconds);
    // GET blob -> 307 to http://localhost:<port>/_storage/... (another host name), which
    // refuses requests that carry Authorization (403).
    void setBlobRedirect(bool on);
    // Off: POST ?mount=&from= never mounts and opens an ordinary upload session (202), as a
    // registry does that will not mount across repositories.
    void setMountBlobs(bool on);
    // Off: a blob GET's Range header is ignored (200 with the whole blob), as some storage
    // behind a registry does.
    void setHonourRanges(bool on);

    // Content.
    QString putBlob(const QString &repo, const QByteArray &data); // returns the digest
    // `tag` may be empty; returns the digest, or an empty string when the manifest is
    // invalid or refers to blobs/manifests the repository does not have.
    QString putManifest(const QString &repo,
                        const QString &tag,
                        const QByteArray &body,
                        const QString &mediaType);
    void setRepositoryAttributes(const QString &repo, const QJsonObject &changeable);
    void setTagAttributes(const QString &repo, const QString &tag, const QJsonObject &changeable);
    void setManifestAttributes(const QString &repo,
                               const QString &digest,
                               const QJsonObject &changeable);
    // A tag's last update time ("2024-03-01T09:00:00Z"), for tests of time order and ties.
    void setTagUpdated(const QString &repo, const QString &tag, const QString &utc);
    void seedDemo();
    // `repositories` repositories "bulk/repo-NNNNN" sharing one small image, and optionally
    // one repository with `tags` tags "tNNNNN". Fast: 20000 + 20000 take well under a second.
    void seedBulk(int repositories, const QString &repoWithManyTags = {}, int tags = 0);

    // Observation for tests.
    struct RecordedRequest
    {
        QByteArray method;
        QString path; // decoded
        QString query;
        QString host;
        bool hadAuthorization = false;
        qint64 bodySize = 0;
        int status = 0;
    };
    QList<RecordedRequest> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

Q_SIGNALS:
    // A request was answered; emitted before the answer is written, so a test can act while
    // the client still waits for it.
    void served(const QString &path);

private:
    Emu::Response serve(const Emu::Request &request);

    std::unique_ptr<Emu::Store> m_store;
    std::unique_ptr<Emu::Auth> m_auth;
    std::unique_ptr<Emu::Config> m_config;
    std::unique_ptr<Emu::Handler> m_handler;
    Emu::Server *m_server = nullptr; // child
    QList<RecordedRequest> m_requests;
};

} // namespace Berth
