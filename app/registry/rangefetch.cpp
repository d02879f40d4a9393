#include "registry/rangefetch.h"

#include "registry/clientsupport.h"
#include "registry/registrytr.h"
#include "registry/requestjob.h"

#include <QFileDevice>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRegistry)

namespace Berth {

// Write-only: what it is given goes into `file` at start + what it holds, never past
// start + limit. It can be rewound to 0 only when `rewindable` (the whole-blob case).
class RegionWriter : public QIODevice
{
public:
    RegionWriter(QFileDevice *file, qint64 start, qint64 maxBytes, QObject *parent)
        : QIODevice(parent)
        , limit(maxBytes)
        , m_file(file)
        , m_start(start)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }

    bool isSequential() const override { return false; }
    bool seek(qint64 pos) override
    {
        if (pos == m_written)
            return QIODevice::seek(pos);
        if (pos != 0 || !rewindable)
            return false;
        m_written = 0;
        return QIODevice::seek(0);
    }
    qint64 written() const { return m_written; }

    qint64 limit;            // bytes it may hold at most
    bool rewindable = false; // seek(0) starts it over

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (size > limit - m_written) {
            setErrorString(RegistryTr::tr("the server sent more bytes than the range asked for"));
            return -1;
        }
        if (!m_file->seek(m_start + m_written) || m_file->write(data, size) != size
            || !m_file->flush()) {
            setErrorString(m_file->errorString());
            return -1;
        }
        m_written += size;
        return size;
    }

private:
    QFileDevice *m_file;
    qint64 m_start;
    qint64 m_written = 0;
};

bool contentRangeIs(const QByteArray &value, qint64 first, qint64 last, qint64 total)
{
    const QByteArray expected
        = "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/';
    const QByteArray v = value.trimmed();
    if (!v.startsWith(expected))
        return false;
    const QByteArray size = v.mid(expected.size());
    return size == "*" || size == QByteArray::number(total);
}

RangeFetch::RangeFetch(const BlobAddress &blob,
                       QFileDevice *file,
                       qint64 start,
                       qint64 length,
                       Kind kind,
                       QObject *parent)
    : Job<qint64>(parent)
    , m_blob(blob)
    , m_writer(new RegionWriter(file, start, length, this))
    , m_start(start)
    , m_length(length)
    , m_kind(kind)
{
    attempt();
}

RangeFetch::~RangeFetch() = default;

qint64 RangeFetch::written() const
{
    return m_writer->written();
}

void RangeFetch::attempt()
{
    HttpRequest r = HttpRequest::get(m_blob.url, m_blob.scopes);
    r.sink = m_writer;
    m_attemptStart = m_writer->written();
    const qint64 first = m_start + m_attemptStart;
    r.headers.append({"Range", "bytes=" + QByteArray::number(first) + '-'
                                   + QByteArray::number(m_start + m_length - 1)});
    r.checkBody = [this](const HttpResponse &head) {
        return checkAnswer(head);
    };
    auto *get = new RequestJob(m_blob.connection, std::move(r), this);
    setInner(get);
    connect(get, &RegistryJob::progress, this,
            [this] { Q_EMIT progress(m_writer->written(), m_length); });
    connect(get, &RegistryJob::finished, this, [this, get] { onAttemptFinished(get->result()); });
}

// Before a byte of the answer is written: the range asked for, or (the first part's first
// answer, or a whole download going on) the whole blob.
std::optional<RegistryError> RangeFetch::checkAnswer(const HttpResponse &head)
{
    const qint64 first = m_start + m_writer->written();
    const qint64 last = m_start + m_length - 1;
    if (head.status == 200 && m_kind == Kind::First && (!m_decided || m_writer->rewindable)) {
        if (!std::exchange(m_decided, true)) {
            m_writer->limit = m_length = m_blob.size;
            m_writer->rewindable = true;
            Q_EMIT answered(false);
        } else if (m_writer->written() > 0) {
            Q_EMIT rewound(); // RequestJob rewinds the writer next
        }
        return std::nullopt;
    }
    const QByteArray range = head.header("Content-Range");
    if (head.status == 206 && contentRangeIs(range, first, last, m_blob.size)) {
        if (m_kind == Kind::First && !std::exchange(m_decided, true))
            Q_EMIT answered(true);
        return std::nullopt;
    }
    return RegistryError::make(
        ErrorCode::InvalidResponse,
        head.status == 206
            ? RegistryTr::tr("%1 answered the request for bytes %2-%3 with another range (%4).")
                  .arg(head.url.host())
                  .arg(first)
                  .arg(last)
                  .arg(QString::fromLatin1(range.left(80)))
            : RegistryTr::tr("%1 answered the request for bytes %2-%3 with status %4, not "
                             "with the range.")
                  .arg(head.url.host())
                  .arg(first)
                  .arg(last)
                  .arg(head.status),
        head.status);
}

void RangeFetch::onAttemptFinished(const Result<HttpResponse> &result)
{
    if (result && m_writer->written() == m_length) {
        succeed(m_length);
        return;
    }
    const RegistryError error
        = result ? RegistryError::make(ErrorCode::Network,
                                       RegistryTr::tr("The download ended %1 bytes early.")
                                           .arg(m_length - m_writer->written()))
                 : result.error();
    qCDebug(lcRegistry) << "part at" << m_start << "failed at" << m_writer->written() << ":"
                        << error.code;
    detail::retryDownload(this, &m_retries, m_writer->written() > m_attemptStart, error,
                          [this] { attempt(); });
}

} // namespace Berth
