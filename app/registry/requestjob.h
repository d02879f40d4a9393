#pragma once

#include "core/job.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

class QTimer;

namespace Berth {

class Connection;
struct HttpResponse;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // A body streamed from this random-access device instead (seeked to 0 before each send;
    // never buffered whole). The caller owns it and keeps it alive until the job finishes.
    // A sequential device (a pipe) is read once, as its bytes come: bodyLength is its
    // Content-Length, and a resend (a redirect, a 401) fails the job (NETWORK_ERROR) instead.
    QIODevice *bodyDevice = nullptr;
    qint64 bodyLength = -1;
    QStringList scopes; // the token scopes this call needs
    // A 2xx body is streamed here instead of buffered, through a bounded buffer (a slow sink
    // slows the transfer). A request with a Range header answered 200 (the whole body, not
    // 206) rewinds the sink with seek(0) first; a sink that cannot be rewound fails it (IO).
    // A sink that buffers (bytesToWrite(), as a socket or a StreamPipe) is written to only
    // while it holds less than 1 MiB; its bytesWritten() signal goes on.
    QIODevice *sink = nullptr;
    // Asked when a 2xx body for the sink starts, before a byte of it is written, with the
    // answer's status and headers (no body): an error it returns fails the job there (a
    // Range answer that is not the range asked for never reaches the sink).
    std::function<std::optional<RegistryError>(const HttpResponse &head)> checkBody;
    qint64 maxBody = 32 << 20; // larger buffered 2xx bodies fail with RESPONSE_TOO_LARGE
    bool authenticate = true;  // false: no credentials sent, a 401 is just an answer
    // The request carries credentials of its own (a header or the body, as token requests
    // do): a redirect to another origin is refused instead of followed.
    bool credentialsBound = false;
    QList<int> accept; // non-2xx statuses returned as a response, not an error

    static HttpRequest get(const QUrl &url, const QStringList &scopes);
};

struct HttpResponse
{
    int status = 0;
    QUrl url; // where the answer came from, after redirects
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const;
};

// One HTTP exchange with the registry, as the rest of Berth sees it:
//  - refuses (INVALID_ARGUMENT) a header name or value with CR, LF or another control
//    character, and a URL with one, before anything is sent;
//  - sends the cached Authorization for its scopes; on a 401 answers the challenge once
//    and resends; a second 401 ends as UNAUTHORIZED (never a loop);
//  - follows redirects itself (at most 5), dropping Authorization when the origin changes
//    (ACR sends blob GETs to a storage host with a 307);
//  - retries as RetryPolicy::forRequest says (GET/HEAD answered 429/502/503/504: twice,
//    with back-off or after the answer's Retry-After, at most 10 s); every HTTP error it
//    ends with carries the answer's Retry-After;
//  - a bodyDevice is streamed, and its upload progress reported through `progress`; a 2xx
//    body for a sink is streamed too, through at most 1 MiB of buffer, and its download
//    progress reported;
//  - succeeds on any 2xx; other answers become a RegistryError from the error body, whose
//    reading stops after 64 KiB; a buffered 2xx body over maxBody fails, never grows;
//  - every attempt has a deadline as well as Qt's inactivity timeout, growing with what it
//    moved: timeoutMs plus one second per minBytesPerSec sent or received. Past it, it ends
//    as TIMEOUT, so a server dripping a byte a second cannot hold it open, while a large
//    transfer at any usable rate is never cut;
//  - every error it ends with is scrubbed of the connection's Secrets.
class RequestJob : public Job<HttpResponse>
{
    Q_OBJECT
public:
    RequestJob(Connection *connection, HttpRequest request, QObject *parent = nullptr);
    ~RequestJob() override;

private:
    void send(const QUrl &url);
    bool signInUpFront(const QUrl &url);
    void onHeaders();
    void onReadyRead();
    void onFinished();
    void askForPlainHttp(RegistryError tlsError);
    void retryOrFail(const RegistryError &error);
    void onAbort() override;
    RegistryError transportError() const;
    std::optional<RegistryError> checkHeaders(const QNetworkRequest &request) const;
    void failWith(RegistryError error);
    void checkDeadline();
    void stopReply();
    void cutBody();
    void streamToSink(int status);
    void onSinkDrained();
    bool hasRangeHeader() const;

    Connection *m_connection;
    HttpRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_sentAuthorization;
    QByteArray m_authorization; // obtained for this job after a 401: used even if the cache
                                // already thinks it expired (a skewed clock)
    QTimer *m_deadline = nullptr;
    QElapsedTimer m_attemptClock;
    qint64 m_bytesUp = 0; // in this attempt
    qint64 m_bytesDown = 0;
    QByteArray m_buffer;
    QByteArray m_slice; // a streamed body passes through here on its way to the sink
    QUrl m_currentUrl;
    int m_redirects = 0;
    int m_retries = 0;
    bool m_reauthenticated = false;
    bool m_triedUpFront = false;    // asked for a token before the registry asked for one
    bool m_signedInUpFront = false; // and got it
    bool m_bodyCut = false;         // stopped reading an oversized body on purpose
    bool m_streaming = false;       // the current reply's body goes to the sink
    bool m_finishing = false;       // the reply finished: its rest goes to the sink whole
    bool m_bodySent = false;        // a sequential bodyDevice was sent (it cannot be again)
};

} // namespace Berth
