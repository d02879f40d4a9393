#pragma once

#include "auth/authenticator.h"
#include "core/attributes.h"
#include "core/job.h"
#include "registry/connection.h"
#include "registry/pagereadahead.h"
#include "registry/paralleldownload.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QFileDevice;
class QIODevice;

namespace Berth {

struct Capabilities
{
    bool acr = false; // the registry serves ACR's /acr/v1/ metadata API
    // What the registry asks for; known after check(), Unknown when learnt from other calls.
    Authenticator::Mode auth = Authenticator::Mode::None;
    QString authName() const; // "bearer", "basic", "none" or "unknown"
};

// What Berth learnt about a registry that saves requests the next time: whether it serves
// ACR's metadata API, and how it asks to sign in (scheme, realm, service). Never a secret.
// Kept per registry in the settings (credentials/savedfacts.h).
struct RegistryFacts
{
    std::optional<bool> acr;
    AuthChallenge challenge;
    bool operator==(const RegistryFacts &other) const
    {
        return acr == other.acr && challenge.scheme == other.challenge.scheme
               && challenge.params == other.challenge.params;
    }
};

enum class OrderBy { None, TimeDesc, TimeAsc };

struct ListOptions
{
    int pageSize = 100;
    OrderBy orderBy = OrderBy::None;
    QString digest; // tags only: only the tags of this manifest (ACR)
    // Tags and ACR manifests, one page at a time: the size of the page the caller will ask
    // for next (0: it will not). That page is then asked as soon as this one's answer is in,
    // and the next call for it takes it over (PageReadAhead).
    int readAhead = 0;
};

struct ManifestContent
{
    QByteArray body; // exactly as served; its sha256 is `digest`
    QString mediaType;
    QString digest;
};

struct ManifestHead
{
    QString digest;
    QString mediaType;
    qint64 size = -1;
};

// An image index (or Docker manifest list) whose manifests[] name a given manifest.
struct ReferencingIndex
{
    QString digest;
    QStringList tags; // empty when the index is untagged
};

struct UploadSession
{
    QUrl location; // always the Location the registry returned last
    qint64 offset = 0;
};

struct MountResult
{
    bool mounted = false;  // 201: the blob is now in the repository
    UploadSession session; // 202: an ordinary upload session to fall back to
};

// The registry data-plane API: /v2/, ACR's /acr/v1/ (with /v2/ fallbacks on other OCI
// registries) and, through the Authenticator, /oauth2/. Every call returns a job that
// finishes once; the client owns its jobs until they finish. Names are validated first:
// an invalid repository, tag or digest fails with INVALID_ARGUMENT without a request.
class RegistryClient : public QObject
{
    Q_OBJECT
public:
    static Result<RegistryClient *> create(const ConnectionSettings &settings,
                                           QObject *parent = nullptr);

    Connection *connection() const { return m_connection; }
    QUrl registry() const { return m_connection->registry(); }
    QString registryHost() const; // host[:port], as used in pull references
    // Known once check() or any call told whether /acr/v1/ exists (no call asks only that).
    std::optional<Capabilities> capabilities() const { return m_capabilities; }
    // What this client knows now, and what it should assume from an earlier run: the first
    // call goes the remembered way (/acr/v1/ or /v2/), signed in before the registry asks.
    // A remembered /acr/v1/ that is gone is found by its 404 as without facts; a registry
    // remembered without it is asked /v2/ only, until check() looks again.
    RegistryFacts facts() const;
    void assumeFacts(const RegistryFacts &facts);

    // The connection test: GET /v2/ without credentials (what auth?), then, with credentials,
    // signed in (are they right?), then whether /acr/v1/ exists. Without credentials, no
    // sign-in: a registry that wants them still tells its auth kind and whether it is ACR.
    Job<Capabilities> *check();
    // The largest page size this registry took after refusing a larger one (0: none refused).
    int pageLimit() const { return m_pageLimit; }
    void learnPageLimit(int pageSize) { m_pageLimit = pageSize; }
    // The pages asked ahead of the listings (ListOptions::readAhead).
    PageReadAhead &readAhead() { return m_readAhead; }

    // One page, for views that load as the user scrolls. An empty `page` asks for the
    // first; pass the previous page's `next` for the following ones. Each page asks for its
    // own size (`n` in the registry's next link is replaced), so a view may grow its pages;
    // a size the registry refused once is not asked again (pageLimit()).
    Job<Page<QString>> *repositoryPage(int pageSize, const QUrl &page = {});
    Job<Page<TagInfo>> *
    tagPage(const QString &repo, const ListOptions &options, const QUrl &page = {});
    Job<Page<ManifestInfo>> *
    manifestPage(const QString &repo, const ListOptions &options, const QUrl &page = {});
    // Every page, merged.
    Job<QStringList> *listRepositories(int pageSize = 100);
    Job<QList<TagInfo>> *listTags(const QString &repo, const ListOptions &options = {});
    Job<QList<ManifestInfo>> *listManifests(const QString &repo, const ListOptions &options = {});

    Job<RepositoryInfo> *getRepository(const QString &repo);
    Job<RepositoryInfo> *updateRepository(const QString &repo,
                                          const ChangeableAttributes &attributes);
    Job<QJsonObject> *deleteRepository(const QString &repo);
    Job<TagInfo> *getTag(const QString &repo, const QString &tag);
    Job<TagInfo> *
    updateTag(const QString &repo, const QString &tag, const ChangeableAttributes &attributes);
    // On registries without /acr/v1/, DELETE /v2/<repo>/manifests/<tag> (OCI 1.1). A registry
    // that cannot untag (CNCF distribution answers 400 DIGEST_INVALID; OCI allows 400 or 405)
    // fails with UNSUPPORTED, naming the manifest and all its tags; `detail` is {"digest",
    // "tags", "registryCode"} (no digest or tags when they could not be read).
    Job<Done> *deleteTag(const QString &repo, const QString &tag);
    // The manifest `tag` points to, with every tag it has (on /v2/: every tag HEADed).
    Job<ManifestInfo> *manifestOfTag(const QString &repo, const QString &tag);
    Job<ManifestInfo> *getManifestInfo(const QString &repo, const QString &digest);
    Job<ManifestInfo> *updateManifestInfo(const QString &repo,
                                          const QString &digest,
                                          const ChangeableAttributes &attributes);

    // Manifests: GET verifies the body against the digest asked for or announced.
    Job<ManifestContent> *getManifest(const QString &repo, const QString &reference);
    Job<std::optional<ManifestHead>> *headManifest(const QString &repo, const QString &reference);
    Job<QString> *putManifest(const QString &repo,
                              const QString &reference,
                              const QByteArray &body,
                              const QString &mediaType);
    Job<Done> *deleteManifest(const QString &repo, const QString &digest);
    // The indexes in `repo` that list `digest` among their manifests (deleting it would break
    // them), with their tags. On ACR from the manifest list's `references`, every page; on
    // other registries by reading the tagged indexes (an untagged index cannot be listed
    // there): each tag HEADed for its digest and media type, then each index (or manifest
    // whose type the HEAD did not tell) GET, 4 at a time, at most MaxIndexesRead of them,
    // else TOO_MANY_INDEXES. Any failure fails the job: no answer is not "none".
    static constexpr int MaxIndexesRead = 1000;
    Job<QList<ReferencingIndex>> *indexesReferencing(const QString &repo, const QString &digest);
    // Deletes the manifest only when no index references it; otherwise fails with
    // manifestReferenced() and deletes nothing. deleteManifest() is the forced delete.
    Job<Done> *deleteUnreferencedManifest(const QString &repo, const QString &digest);

    // Blobs. getBlob streams into `sink` and verifies the digest; on a mismatch the sink
    // holds bad bytes and the job fails with DIGEST_MISMATCH (write to a temporary file).
    Job<std::optional<qint64>> *headBlob(const QString &repo, const QString &digest);
    Job<qint64> *getBlob(const QString &repo, const QString &digest, QIODevice *sink);
    // Into a file opened for writing, whose bytes may land out of order: a blob of known
    // `size` of at least options.threshold comes in parts with parallel Range requests where
    // the server honours them (ParallelDownload), a smaller one as getBlob.
    Job<qint64> *getBlobToFile(const QString &repo,
                               const QString &digest,
                               QFileDevice *file,
                               qint64 size,
                               const RangedDownloadOptions &options = {});
    // Bytes offset..offset+length-1 of a blob streamed into `sink`, unverified (a part has no
    // digest of its own: the caller hashes the whole). Finishes with the status: 206 when the
    // registry honoured the Range, 200 when it sent the whole blob into `sink` instead.
    Job<int> *getBlobRange(
        const QString &repo, const QString &digest, qint64 offset, qint64 length, QIODevice *sink);
    Job<Done> *deleteBlob(const QString &repo, const QString &digest);
    Job<MountResult> *mountBlob(const QString &repo, const QString &from, const QString &digest);

    // Upload steps; each follows the Location the registry returned last.
    Job<UploadSession> *startUpload(const QString &repo);
    // PATCH streaming `body` (a device the caller keeps alive until the job finishes) at
    // session.offset; progress() reports the bytes sent of this request. A random-access body
    // is sent whole; a sequential one (a StreamPipe) gives `length` bytes as they come.
    Job<UploadSession> *uploadStream(const QString &repo,
                                     const UploadSession &session,
                                     QIODevice *body,
                                     qint64 length = -1);
    Job<UploadSession> *uploadStatus(const QString &repo, const UploadSession &session);
    Job<QString> *completeUpload(const QString &repo,
                                 const UploadSession &session,
                                 const QString &digest,
                                 const QByteArray &lastData = {});
    Job<Done> *cancelUpload(const QString &repo, const UploadSession &session);

private:
    explicit RegistryClient(Connection *connection, QObject *parent);

    class RequestJob *request(struct HttpRequest request);
    // DELETE /v2/<repo>/<kind>/<digest> (kind: manifests or blobs).
    Job<Done> *deleteByDigest(const QString &repo, QStringView kind, const QString &digest);
    template<typename T, typename F>
    Job<T> *withCapabilities(F &&then);
    // Remembers whether /acr/v1/ exists, unless already known.
    void learnAcr(bool acr);
    // check()'s last step: GET /acr/v1/_catalog?n=1, signed in or not.
    void probeAcr(Job<Capabilities> *job, const std::shared_ptr<Capabilities> &caps, bool signedIn);
    // The /acr/v1/ attributes at `path` (a repository, tag or manifest of `repo`), parsed by
    // `parse`; where the registry lacks /acr/v1/, `plain()` (a Job<T>*) says what it can.
    template<typename T, typename Plain>
    Job<T> *readAttributes(const QString &repo,
                           const QString &path,
                           Result<T> (*parse)(const QByteArray &),
                           Plain plain);
    // Changes them (PATCH); UNSUPPORTED where the registry lacks /acr/v1/.
    template<typename T>
    Job<T> *changeAttributes(const QString &repo,
                             const QString &path,
                             const ChangeableAttributes &attributes,
                             Result<T> (*parse)(const QByteArray &));
    // Registries without /acr/v1/: one page of tags, each HEADed, grouped by digest.
    Job<Page<ManifestInfo>> *
    manifestsFromTags(const QString &repo, const ListOptions &options, const QUrl &page);
    // deleteTag's answer when a /v2/ registry refused to untag.
    Job<Done> *untagRefused(const QString &repo, const QString &tag, const RegistryError &refusal);

    Connection *m_connection;
    std::optional<Capabilities> m_capabilities;
    std::optional<bool> m_assumedAcr; // from assumeFacts(), until a call tells
    int m_pageLimit = 0;
    PageReadAhead m_readAhead;
};

// MANIFEST_REFERENCED: "<digest> is a platform of <index> (tags: 1.0); <index> (untagged)",
// the indexes also in `detail`.
RegistryError manifestReferenced(const QString &digest, const QList<ReferencingIndex> &indexes);

} // namespace Berth
