#pragma once

#include "upload/blobupload.h"

namespace Berth {

// The OCI artifact manifest that makes one pushed file reachable under a tag (so the
// registry does not collect it): the empty config and the file as its only layer, titled
// with the file's name (as ORAS does).
QByteArray artifactManifest(const QString &digest, qint64 size, const QString &fileName);

// Pushes a file as a blob (skipped when the repository has it), the empty config `{}`, and
// then the artifact manifest under `tag`. Finishes with the manifest's digest.
//
//   BlobUpload(file) --> empty config: HEAD, else POST + PUT ?digest= --> PUT manifest :tag
class ArtifactPush : public Job<QString>
{
    Q_OBJECT
public:
    ArtifactPush(RegistryClient *client,
                 const QString &repo,
                 const QString &tag,
                 const QString &path,
                 const BlobUploadOptions &options = {},
                 QObject *parent = nullptr);

    void pause();
    void resume();

Q_SIGNALS:
    void phaseChanged(Berth::BlobUpload::Phase phase);

private:
    void pushConfig();
    void pushManifest();

    RegistryClient *m_client;
    QString m_repo;
    QString m_tag;
    QString m_fileName;
    QPointer<BlobUpload> m_blob;
    BlobUploadResult m_file;
};

} // namespace Berth
