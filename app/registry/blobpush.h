#pragma once

#include "registry/registryclient.h"

#include <QDateTime>
#include <QFile>

namespace Berth {

// Pushes one file as a blob and finishes with its digest.
//
//   Hashing --> Checking --(repository has it)--> done
//                  |
//                  v
//               Starting --> Sending (PATCH chunk, follow Location) --> Finishing (PUT ?digest=
//                                                                       with the last chunk)
//
// The file is read in slices (never whole), hashed first on the event loop a slice per
// turn, then sent. If it changes size or modification time meanwhile, the push fails and
// the upload session is cancelled. Any failure after Starting cancels the session too.
class BlobPush : public Job<QString>
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultChunkSize = 32 << 20;

    BlobPush(RegistryClient *client,
             const QString &repo,
             const QString &filePath,
             qint64 chunkSize = DefaultChunkSize);

private:
    void checkExists();
    void start();
    void sendNext();
    void failAndCancel(const RegistryError &error);
    bool fileUnchanged();
    void onAbort() override;

    RegistryClient *m_client;
    QString m_repo;
    QFile m_file;
    qint64 m_chunkSize;
    qint64 m_size = 0;
    QDateTime m_modified;
    QString m_digest;
    UploadSession m_session;
    bool m_sessionOpen = false;
};

} // namespace Berth
