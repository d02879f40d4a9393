#include "registry/blobpush.h"

#include "core/sha256.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>

#include <memory>

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Registry)
};

constexpr qint64 HashSlice = 8 << 20;
} // namespace

BlobPush::BlobPush(RegistryClient *client,
                   const QString &repo,
                   const QString &filePath,
                   qint64 chunkSize)
    : Job<QString>(client)
    , m_client(client)
    , m_repo(repo)
    , m_file(filePath)
    , m_chunkSize(chunkSize > 0 ? chunkSize : DefaultChunkSize)
{
    const QFileInfo info(filePath);
    if (!info.isFile() || !m_file.open(QIODevice::ReadOnly)) {
        fail(RegistryError::make(
            ErrorCode::Io,
            Tr::tr("Cannot read %1: %2")
                .arg(filePath, info.exists() ? m_file.errorString() : Tr::tr("no such file"))));
        return;
    }
    m_size = info.size();
    m_modified = info.lastModified();
    auto hash = std::make_shared<Sha256>();
    // Hash a slice per event-loop turn, so a large file never freezes the caller's thread.
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, hash, weak = std::weak_ptr<std::function<void()>>(step)] {
        if (hasResult())
            return;
        const QByteArray slice = m_file.read(HashSlice);
        if (slice.isEmpty() && !m_file.atEnd()) {
            fail(RegistryError::make(
                ErrorCode::Io,
                Tr::tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString())));
            return;
        }
        hash->addData(slice);
        Q_EMIT progress(m_file.pos(), m_size); // hashing counts as reading, not sending
        if (!m_file.atEnd()) {
            if (auto next = weak.lock())
                QMetaObject::invokeMethod(
                    this, [next] { (*next)(); }, Qt::QueuedConnection);
            return;
        }
        m_digest = hash->digest();
        checkExists();
    };
    QMetaObject::invokeMethod(
        this, [step] { (*step)(); }, Qt::QueuedConnection);
}

bool BlobPush::fileUnchanged()
{
    const QFileInfo info(m_file.fileName());
    return info.size() == m_size && info.lastModified() == m_modified;
}

void BlobPush::checkExists()
{
    Job<std::optional<qint64>> *head = m_client->headBlob(m_repo, m_digest);
    setInner(head);
    connect(head, &RegistryJob::finished, this, [this, head] {
        if (!head->result()) {
            fail(head->result().error());
            return;
        }
        if (head->result()->has_value()) {
            succeed(m_digest); // already there: nothing to send
            return;
        }
        start();
    });
}

void BlobPush::start()
{
    Job<UploadSession> *begin = m_client->startUpload(m_repo);
    setInner(begin);
    connect(begin, &RegistryJob::finished, this, [this, begin] {
        if (!begin->result()) {
            fail(begin->result().error());
            return;
        }
        m_session = *begin->result();
        m_session.offset = 0;
        m_sessionOpen = true;
        if (!m_file.seek(0)) {
            failAndCancel(RegistryError::make(ErrorCode::Io, m_file.errorString()));
            return;
        }
        sendNext();
    });
}

void BlobPush::sendNext()
{
    if (!fileUnchanged()) {
        failAndCancel(RegistryError::make(
            ErrorCode::Io, Tr::tr("%1 changed while it was being uploaded; upload stopped.")
                               .arg(m_file.fileName())));
        return;
    }
    const QByteArray chunk = m_file.read(m_chunkSize);
    if (chunk.isEmpty() && m_session.offset < m_size) {
        failAndCancel(RegistryError::make(
            ErrorCode::Io,
            Tr::tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString())));
        return;
    }
    const bool last = m_session.offset + chunk.size() >= m_size;
    if (last) {
        Job<QString> *finish = m_client->completeUpload(m_repo, m_session, m_digest, chunk);
        setInner(finish);
        connect(finish, &RegistryJob::finished, this, [this, finish] {
            if (!finish->result()) {
                failAndCancel(finish->result().error());
                return;
            }
            m_sessionOpen = false;
            Q_EMIT progress(m_size, m_size);
            succeed(*finish->result());
        });
        return;
    }
    const qint64 expected = m_session.offset + chunk.size();
    Job<UploadSession> *patch = m_client->uploadChunk(m_repo, m_session, chunk);
    setInner(patch);
    connect(patch, &RegistryJob::finished, this, [this, patch, expected] {
        if (!patch->result()) {
            failAndCancel(patch->result().error());
            return;
        }
        m_session = *patch->result();
        if (m_session.offset != expected) {
            failAndCancel(
                RegistryError::make(ErrorCode::InvalidResponse,
                                    Tr::tr("The registry reports %1 bytes received, %2 were sent.")
                                        .arg(m_session.offset)
                                        .arg(expected)));
            return;
        }
        Q_EMIT progress(m_session.offset, m_size);
        sendNext();
    });
}

void BlobPush::failAndCancel(const RegistryError &error)
{
    if (m_sessionOpen) {
        m_sessionOpen = false;
        m_client->cancelUpload(m_repo, m_session); // best effort; its result does not matter
    }
    fail(error);
}

void BlobPush::onAbort()
{
    Job<QString>::onAbort();
    if (m_sessionOpen) {
        m_sessionOpen = false;
        m_client->cancelUpload(m_repo, m_session);
    }
}

} // namespace Berth
