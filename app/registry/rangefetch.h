#pragma once

#include "core/job.h"

#include <QStringList>
#include <QUrl>

class QFileDevice;

namespace Berth {

class Connection;
class RegionWriter;

// Where a blob is read (a registry's /v2/…/blobs/<digest>, with the token scopes it needs) and
// what it must be.
struct BlobAddress
{
    Connection *connection = nullptr;
    QUrl url;
    QStringList scopes;
    QString digest;
    qint64 size = -1;
};

// One part of a blob, bytes [start, start + length) of its `size`, fetched with
// `Range: bytes=start-last` into `file` at the same offsets; ends with the bytes written.
//
//   GET Range ──206, Content-Range as asked──▶ written at start.. ──▶ done at `length`
//     │   │
//     │   └──206 with another range, 200 (a part), other 2xx──▶ INVALID_RESPONSE, nothing written
//     └─cut, timeout, 5xx──▶ wait (RetryPolicy::forDownload) ──▶ GET Range from what it has
//
// The first part (Kind::First) also takes a 200: the server ignores Range and sends the whole
// blob, which this part then writes from 0 to its size (answered(false)); a 206 as asked is
// answered(true). Such a whole download that is cut goes on with a Range from what it has,
// and starts over at 0 (rewound()) when that is answered 200 again. Writes never go past the
// part's end: more bytes than asked fail the part. The file is written with seek() and
// write() on this thread, and flushed after each write (another reader sees the bytes).
// Retries count in a row without progress; any progress resets the count.
class RangeFetch : public Job<qint64>
{
    Q_OBJECT
public:
    enum class Kind { First, Part };

    RangeFetch(const BlobAddress &blob,
               QFileDevice *file,
               qint64 start,
               qint64 length,
               Kind kind,
               QObject *parent = nullptr);
    ~RangeFetch() override;

    qint64 start() const { return m_start; }
    qint64 length() const { return m_length; }
    qint64 written() const;

Q_SIGNALS:
    void answered(bool ranged); // Kind::First: once, when the first answer starts
    void rewound();             // a whole download starts over at 0

private:
    void attempt();
    void onAttemptFinished(const Result<struct HttpResponse> &result);
    std::optional<RegistryError> checkAnswer(const HttpResponse &head);

    BlobAddress m_blob;
    RegionWriter *m_writer;
    qint64 m_start;
    qint64 m_length;
    Kind m_kind;
    bool m_decided = false;    // Kind::First: the first answer came
    int m_retries = 0;         // in a row without progress
    qint64 m_attemptStart = 0; // bytes held when the current attempt began
};

// Whether a Content-Range header value says exactly "bytes first-last/total" (the total may
// be "*", unknown to the server).
bool contentRangeIs(const QByteArray &value, qint64 first, qint64 last, qint64 total);

} // namespace Berth
