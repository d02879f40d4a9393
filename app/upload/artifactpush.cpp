#include "upload/artifactpush.h"

#include "core/sha256.h"
#include "upload/uploaderror.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Berth {

namespace {
const QByteArray EmptyConfig = QByteArrayLiteral("{}");
const QString EmptyConfigType = QStringLiteral("application/vnd.oci.empty.v1+json");
const QString ManifestType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString ArtifactType = QStringLiteral("application/vnd.berth.file.v1");
} // namespace

QByteArray artifactManifest(const QString &digest, qint64 size, const QString &fileName)
{
    const QJsonObject config{{QStringLiteral("mediaType"), EmptyConfigType},
                             {QStringLiteral("digest"), Sha256::digestOf(EmptyConfig)},
                             {QStringLiteral("size"), EmptyConfig.size()}};
    const QJsonObject layer{
        {QStringLiteral("mediaType"), QStringLiteral("application/octet-stream")},
        {QStringLiteral("digest"), digest},
        {QStringLiteral("size"), size},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("org.opencontainers.image.title"), fileName}}}};
    const QJsonObject manifest{{QStringLiteral("schemaVersion"), 2},
                               {QStringLiteral("mediaType"), ManifestType},
                               {QStringLiteral("artifactType"), ArtifactType},
                               {QStringLiteral("config"), config},
                               {QStringLiteral("layers"), QJsonArray{layer}}};
    return QJsonDocument(manifest).toJson(QJsonDocument::Compact);
}

ArtifactPush::ArtifactPush(RegistryClient *client,
                           const QString &repo,
                           const QString &tag,
                           const QString &path,
                           const BlobUploadOptions &options,
                           QObject *parent)
    : Job<QString>(parent ? parent : client)
    , m_client(client)
    , m_repo(repo)
    , m_tag(tag)
    , m_fileName(QFileInfo(path).fileName())
{
    BlobSource source;
    source.path = path;
    source.size = QFileInfo(path).size();
    auto *blob = new BlobUpload(client, repo, source, options, this);
    m_blob = blob;
    setInner(blob);
    connect(blob, &RegistryJob::progress, this, &RegistryJob::progress);
    connect(blob, &BlobUpload::phaseChanged, this, &ArtifactPush::phaseChanged);
    connect(blob, &RegistryJob::finished, this, [this, blob] {
        if (!blob->result()) {
            fail(blob->result().error());
            return;
        }
        m_file = *blob->result();
        pushConfig();
    });
}

void ArtifactPush::pushConfig()
{
    Q_EMIT phaseChanged(BlobUpload::Phase::Committing);
    const QString digest = Sha256::digestOf(EmptyConfig);
    Job<std::optional<qint64>> *head = m_client->headBlob(m_repo, digest);
    setInner(head);
    connect(head, &RegistryJob::finished, this, [this, head, digest] {
        if (!head->result()) {
            fail(explainWriteRefusal(head->result().error(), m_repo));
            return;
        }
        if (head->result()->has_value()) {
            pushManifest();
            return;
        }
        Job<UploadSession> *start = m_client->startUpload(m_repo);
        setInner(start);
        connect(start, &RegistryJob::finished, this, [this, start, digest] {
            if (!start->result()) {
                fail(explainWriteRefusal(start->result().error(), m_repo));
                return;
            }
            Job<QString> *put
                = m_client->completeUpload(m_repo, *start->result(), digest, EmptyConfig);
            setInner(put);
            connect(put, &RegistryJob::finished, this, [this, put] {
                if (!put->result()) {
                    fail(explainWriteRefusal(put->result().error(), m_repo));
                    return;
                }
                pushManifest();
            });
        });
    });
}

void ArtifactPush::pushManifest()
{
    const QByteArray body = artifactManifest(m_file.digest, m_file.size, m_fileName);
    Job<QString> *put = m_client->putManifest(m_repo, m_tag, body, ManifestType);
    setInner(put);
    connect(put, &RegistryJob::finished, this, [this, put, body] {
        if (!put->result()) {
            fail(explainWriteRefusal(put->result().error(), m_repo));
            return;
        }
        succeed(Sha256::digestOf(body));
    });
}

void ArtifactPush::pause()
{
    if (m_blob)
        m_blob->pause();
}

void ArtifactPush::resume()
{
    if (m_blob)
        m_blob->resume();
}

} // namespace Berth
