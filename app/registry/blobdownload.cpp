#include "registry/blobdownload.h"

#include "registry/clientsupport.h"
#include "registry/digestingdevice.h"
#include "registry/registrytr.h"
#include "registry/requestjob.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRegistry)

namespace Berth {

using detail::digestMismatch;

BlobDownload::BlobDownload(Connection *connection,
                           const QUrl &url,
                           const QStringList &scopes,
                           const QString &digest,
                           QIODevice *sink,
                           QObject *parent)
    : Job<qint64>(parent)
    , m_connection(connection)
    , m_url(url)
    , m_scopes(scopes)
    , m_digest(digest)
    , m_device(new DigestingDevice(sink, this))
{
    attempt();
}

void BlobDownload::attempt()
{
    HttpRequest r = HttpRequest::get(m_url, m_scopes);
    r.sink = m_device;
    m_attemptStart = m_device->written();
    if (m_attemptStart > 0)
        r.headers.append({"Range", "bytes=" + QByteArray::number(m_attemptStart) + '-'});
    auto *get = new RequestJob(m_connection, std::move(r), this);
    setInner(get);
    connect(get, &RegistryJob::progress, this, [this](qint64, qint64 total) {
        if (m_total < 0 && total >= 0 && m_attemptStart == 0)
            m_total = total;
        Q_EMIT progress(m_device->written(), m_total);
    });
    connect(get, &RegistryJob::finished, this, [this, get] { onAttemptFinished(get->result()); });
}

void BlobDownload::onAttemptFinished(const Result<HttpResponse> &result)
{
    if (result) {
        const QString actual = m_device->digest();
        if (actual != m_digest) {
            fail(digestMismatch(RegistryTr::tr("The downloaded blob"), m_digest, actual));
            return;
        }
        succeed(m_device->written());
        return;
    }
    const RegistryError &error = result.error();
    qCDebug(lcRegistry) << "download at" << m_device->written() << "failed:" << error.code;
    detail::retryDownload(this, &m_retries, m_device->written() > m_attemptStart, error,
                          [this] { attempt(); });
}

} // namespace Berth
