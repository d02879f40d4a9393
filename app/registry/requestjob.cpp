#include "registry/requestjob.h"

#include "auth/authenticator.h"
#include "auth/challenge.h"
#include "core/errorbody.h"
#include "core/headervalue.h"
#include "core/retrypolicy.h"
#include "registry/connection.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcRegistry, "berth.registry", QtWarningMsg)

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Registry)
};

constexpr int MaxRedirects = 5;
constexpr qint64 MaxErrorBody = qint64(64) * 1024;
constexpr int DeadlineCheckMs = 250;
// A streamed body waits in at most this much of Qt's buffer (it stops reading the socket
// then) and is moved to the sink in slices of StreamSliceBytes: memory stays flat whatever
// the size, and a slow sink slows the download instead of filling memory. Qt holds about
// twice this per stream (its HTTP thread's share too): 4 MiB cost about 19 MiB of peak RSS
// per blob of a copy (bench/run-copy.sh), and 1 MiB pulls no slower (bench/run-pull.sh).
constexpr qint64 StreamBufferBytes = qint64(1) << 20;
constexpr qint64 StreamSliceBytes = qint64(1) << 20;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
} // namespace

HttpRequest HttpRequest::get(const QUrl &url, const QStringList &scopes)
{
    HttpRequest r;
    r.url = url;
    r.scopes = scopes;
    return r;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

RequestJob::RequestJob(Connection *connection, HttpRequest request, QObject *parent)
    : Job<HttpResponse>(parent)
    , m_connection(connection)
    , m_request(std::move(request))
    , m_deadline(new QTimer(this))
{
    m_deadline->setInterval(DeadlineCheckMs);
    connect(m_deadline, &QTimer::timeout, this, &RequestJob::checkDeadline);
    if (m_request.sink)
        connect(m_request.sink, &QIODevice::bytesWritten, this, &RequestJob::onSinkDrained);
    if (!m_request.url.isValid()) {
        failWith(RegistryError::make(ErrorCode::InvalidArgument, Tr::tr("Invalid request URL.")));
        return;
    }
    send(m_request.url);
}

RequestJob::~RequestJob()
{
    stopReply();
}

void RequestJob::onAbort()
{
    stopReply();
    Job::onAbort(); // and the sign-in it waits for, if any
}

void RequestJob::stopReply()
{
    m_deadline->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void RequestJob::failWith(RegistryError error)
{
    // ABORTED is Berth's own error (a job destroyed with its owner, e.g. a token job as the
    // connection goes away): nothing from a registry to scrub, and the connection may be
    // half destroyed already.
    if (error.kind() != ErrorKind::Aborted)
        m_connection->secrets().scrub(error);
    fail(std::move(error));
}

std::optional<RegistryError> RequestJob::checkHeaders(const QNetworkRequest &request) const
{
    const QByteArray url = request.url().toEncoded();
    for (const char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return RegistryError::make(
                ErrorCode::InvalidArgument,
                Tr::tr("Refusing to send a request whose address holds a control character."));
    }
    for (const QByteArray &name : request.rawHeaderList()) {
        if (!isSafeHeaderName(name) || !isSafeHeaderValue(request.rawHeader(name)))
            return RegistryError::make(
                ErrorCode::InvalidArgument,
                Tr::tr("Refusing to send a request whose %1 header holds a line break or "
                       "another control character.")
                    .arg(isSafeHeaderName(name) ? QString::fromLatin1(name)
                                                : QStringLiteral("(unnamed)")));
    }
    return std::nullopt;
}

// Called every DeadlineCheckMs while a reply is open.
void RequestJob::checkDeadline()
{
    const ConnectionSettings &settings = m_connection->settings();
    if (!m_reply || settings.minBytesPerSec <= 0)
        return;
    const qint64 moved = m_bytesUp + m_bytesDown;
    const qint64 allowedMs = settings.timeoutMs + moved * 1000 / settings.minBytesPerSec;
    const qint64 elapsed = m_attemptClock.elapsed();
    if (elapsed <= allowedMs)
        return;
    stopReply();
    failWith(RegistryError::make(
        ErrorCode::Timeout,
        Tr::tr("%1 answers too slowly: %2 bytes in %3 s, below the minimum of %4 KiB/s.")
            .arg(m_currentUrl.host())
            .arg(moved)
            .arg(elapsed / 1000.0, 0, 'f', 1)
            .arg(settings.minBytesPerSec / 1024.0, 0, 'f', 0)));
}

// With the registry's sign-in remembered, the token (or Basic header) is got before the first
// request instead of after its 401. Should that fail, the request goes without, and its 401
// tells what the registry wants now.
bool RequestJob::signInUpFront(const QUrl &url)
{
    Authenticator *authenticator = m_connection->authenticator();
    if (m_triedUpFront || !authenticator->canAuthorizeUpFront(m_request.scopes))
        return false;
    m_triedUpFront = true;
    Job<QByteArray> *auth = authenticator->authorizeUpFront(m_request.scopes);
    setInner(auth);
    connect(auth, &RegistryJob::finished, this, [this, auth, url] {
        if (auth->result()) {
            m_authorization = *auth->result();
            m_signedInUpFront = true;
        } else if (auth->result().error().kind() == ErrorKind::Aborted) {
            failWith(auth->result().error()); // the connection is going away
            return;
        }
        send(url);
    });
    return true;
}

void RequestJob::send(const QUrl &url)
{
    m_currentUrl = url;
    m_buffer.clear();
    m_bodyCut = false;
    m_streaming = false;
    QNetworkRequest request = m_connection->makeRequest(url);
    for (const auto &[name, value] : m_request.headers)
        request.setRawHeader(name, value);
    m_sentAuthorization.clear();
    if (m_request.authenticate && m_connection->isRegistryOrigin(url)) {
        m_sentAuthorization
            = !m_authorization.isEmpty()
                  ? m_authorization
                  : m_connection->authenticator()->cachedAuthorization(m_request.scopes);
        if (!m_sentAuthorization.isEmpty())
            request.setRawHeader("Authorization", m_sentAuthorization);
        else if (signInUpFront(url))
            return;
    }
    if (std::optional<RegistryError> refused = checkHeaders(request)) {
        failWith(*refused);
        return;
    }
    qCDebug(lcRegistry) << m_request.method << url.host() << url.path();
    QNetworkAccessManager *network = m_connection->network();
    if (m_request.method == "HEAD")
        m_reply = network->head(request); // as a custom verb, Qt would wait for a body
    else if (m_request.bodyDevice) {
        QIODevice *body = m_request.bodyDevice;
        if (body->isSequential()) {
            if (std::exchange(m_bodySent, true)) {
                failWith(RegistryError::make(
                    ErrorCode::Network,
                    Tr::tr("The registry asked for the streamed request again (%1).")
                        .arg(url.host())));
                return;
            }
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            request.setHeader(QNetworkRequest::ContentLengthHeader, m_request.bodyLength);
        } else {
            body->seek(0); // a resend (redirect, re-authentication) starts over
            request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
        }
        m_reply = network->sendCustomRequest(request, m_request.method, body);
        connect(m_reply, &QNetworkReply::uploadProgress, this, &RegistryJob::progress);
    } else if (m_request.body.isEmpty() && m_request.method != "PUT" && m_request.method != "POST"
               && m_request.method != "PATCH")
        m_reply = network->sendCustomRequest(request, m_request.method);
    else
        m_reply = network->sendCustomRequest(request, m_request.method, m_request.body);
    if (m_request.sink)
        m_reply->setReadBufferSize(StreamBufferBytes);
    connect(m_reply, &QNetworkReply::readyRead, this, &RequestJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &RequestJob::onFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this,
            [this](qint64 done, qint64) { m_bytesUp = done; });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 done, qint64 total) {
        m_bytesDown = done;
        if (m_streaming)
            Q_EMIT progress(done, total);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &RequestJob::onHeaders);
    m_bytesUp = 0;
    m_bytesDown = 0;
    m_attemptClock.start();
    m_deadline->start();
}

void RequestJob::onReadyRead()
{
    if (m_bodyCut) {
        m_reply->skip(m_reply->bytesAvailable()); // the rest of a body we stopped reading
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool success = status >= 200 && status <= 299;
    if (success && m_request.sink) {
        streamToSink(status);
        return;
    }
    const qint64 limit = success ? m_request.maxBody : MaxErrorBody;
    m_buffer += m_reply->read(limit + 1 - m_buffer.size());
    if (m_buffer.size() <= limit)
        return;
    if (success)
        failWith(RegistryError::make(
            ErrorCode::TooLarge,
            Tr::tr("The registry's answer is larger than %1 MiB; refusing to read it.")
                .arg(m_request.maxBody >> 20),
            status));
    else
        m_buffer.truncate(limit); // enough of the error body to explain it
    cutBody();
}

// Moves what has arrived of a 2xx body to the sink, a slice at a time. A Range request
// answered with the whole body (200, not 206) starts the sink over: it is rewound first.
void RequestJob::streamToSink(int status)
{
    QIODevice *sink = m_request.sink;
    if (!m_streaming) {
        m_streaming = true;
        if (m_request.checkBody) {
            HttpResponse head;
            head.status = status;
            head.url = m_currentUrl;
            head.headers = m_reply->rawHeaderPairs();
            if (std::optional<RegistryError> refused = m_request.checkBody(head)) {
                failWith(*refused);
                cutBody();
                return;
            }
        }
        if (status == 200 && hasRangeHeader() && !sink->seek(0)) {
            failWith(RegistryError::make(
                ErrorCode::Io, Tr::tr("The server sent the whole download again, and what was "
                                      "written already cannot be rewritten.")));
            cutBody();
            return;
        }
    }
    if (m_slice.isEmpty())
        m_slice.resize(StreamSliceBytes);
    while (m_reply->bytesAvailable() > 0) {
        if (!m_finishing && sink->bytesToWrite() >= StreamSliceBytes)
            return; // a buffering sink is full: onSinkDrained() goes on
        const qint64 n = m_reply->read(m_slice.data(), m_slice.size());
        if (n <= 0)
            return;
        if (sink->write(m_slice.constData(), n) != n) {
            failWith(RegistryError::make(
                ErrorCode::Io, Tr::tr("Cannot write the download: %1").arg(sink->errorString())));
            cutBody();
            return;
        }
    }
}

void RequestJob::onSinkDrained()
{
    if (m_reply && m_streaming && !m_bodyCut && !hasResult())
        onReadyRead();
}

bool RequestJob::hasRangeHeader() const
{
    for (const auto &[name, value] : m_request.headers) {
        if (name.compare("Range", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Stops reading the current body. The reply is aborted on the next event-loop turn: aborting
// it from inside one of its own signals makes Qt report its error twice (and warn about it).
void RequestJob::cutBody()
{
    m_bodyCut = true;
    QTimer::singleShot(0, m_reply, &QNetworkReply::abort);
}

// Qt drops every header of an answer whose headers it cannot take (one over about 100 KB)
// and would then read its body until the server closes: refuse it at once instead. Every
// real HTTP/1.1 answer has at least one header.
void RequestJob::onHeaders()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || !m_reply->rawHeaderList().isEmpty())
        return;
    failWith(RegistryError::make(ErrorCode::InvalidResponse,
                                 Tr::tr("%1 answered with headers Berth cannot read (too large, "
                                        "over 100 KB, or malformed).")
                                     .arg(m_currentUrl.host()),
                                 status));
    m_deadline->stop();
    cutBody();
}

RegistryError RequestJob::transportError() const
{
    const QString host = m_currentUrl.host();
    switch (m_reply->error()) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return RegistryError::make(ErrorCode::Timeout,
                                   Tr::tr("%1 stopped answering (no data for %2 s).")
                                       .arg(host)
                                       .arg(m_connection->settings().timeoutMs / 1000.0));
    case QNetworkReply::UnknownContentError:
        return RegistryError::make(
            ErrorCode::InvalidResponse,
            Tr::tr("%1 sent an answer that cannot be unpacked: it is compressed beyond a safe "
                   "ratio (a decompression bomb?) or damaged.")
                .arg(host));
    case QNetworkReply::SslHandshakeFailedError:
        return RegistryError::make(
            ErrorCode::Tls, Tr::tr("TLS with %1 failed: %2").arg(host, m_reply->errorString()));
    case QNetworkReply::RemoteHostClosedError:
        return RegistryError::make(ErrorCode::Network,
                                   Tr::tr("%1 closed the connection before answering.").arg(host));
    default:
        return RegistryError::make(ErrorCode::Network,
                                   Tr::tr("Cannot reach %1: %2").arg(host, m_reply->errorString()));
    }
}

// TLS with the server failed, or it closed the connection at once: a server that speaks
// plain HTTP where https was asked for does either. Ask it, over plain http at the same port
// and without credentials, for /v2/: any HTTP answer means the server speaks plain HTTP
// there, and the error says so; anything else keeps the TLS error. The question is this
// job's reply until it ends (an abort stops it like any other).
void RequestJob::askForPlainHttp(RegistryError tlsError)
{
    QUrl url = m_currentUrl;
    url.setScheme(QStringLiteral("http"));
    url.setPort(m_currentUrl.port(443));
    url.setPath(QStringLiteral("/v2/"));
    url.setQuery(QString());
    QNetworkRequest request(url);
    request.setTransferTimeout(m_connection->settings().timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    m_reply = m_connection->network()->head(request);
    connect(m_reply, &QNetworkReply::finished, this, [this, tlsError]() mutable {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 0) {
            const QString hostAndPort
                = m_currentUrl.host() + u':' + QString::number(m_currentUrl.port(443));
            tlsError = RegistryError::make(
                ErrorCode::Tls, Tr::tr("%1 answered in plain HTTP, not HTTPS: use http://%1 and "
                                       "allow plain http.")
                                    .arg(hostAndPort));
        }
        failWith(tlsError);
    });
}

void RequestJob::onFinished()
{
    m_deadline->stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (hasResult())
        return; // already failed while reading
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || (reply->error() != QNetworkReply::NoError && !m_bodyCut && status < 400)) {
        // No complete HTTP answer: refused, reset, TLS failure, timeout, or a body cut short.
        m_reply = reply;
        RegistryError error = transportError();
        m_reply = nullptr;
        if (status != 0 && error.code == ErrorCode::Network)
            error.message = Tr::tr("The connection to %1 broke while reading the answer.")
                                .arg(m_currentUrl.host());
        if (status == 0 && m_currentUrl.scheme() == u"https"
            && (reply->error() == QNetworkReply::SslHandshakeFailedError
                || reply->error() == QNetworkReply::RemoteHostClosedError)) {
            askForPlainHttp(error);
            return;
        }
        failWith(error);
        return;
    }
    if (!m_bodyCut && reply->isOpen() && reply->bytesAvailable() > 0) {
        m_reply = reply; // what readyRead did not take goes through the same limits
        m_finishing = true;
        onReadyRead();
        m_finishing = false;
        m_reply = nullptr;
        if (hasResult())
            return;
    }

    if (isRedirect(status) && reply->hasRawHeader("Location")) {
        if (++m_redirects > MaxRedirects) {
            failWith(RegistryError::make(
                ErrorCode::RedirectLoop,
                Tr::tr("The registry redirected more than %1 times.").arg(MaxRedirects), status));
            return;
        }
        const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        if (!target.isValid() || (target.scheme() != u"https" && target.scheme() != u"http")) {
            failWith(RegistryError::make(ErrorCode::InvalidResponse,
                                         Tr::tr("The registry redirected to an invalid address."),
                                         status));
            return;
        }
        if (m_currentUrl.scheme() == u"https" && target.scheme() == u"http") {
            failWith(RegistryError::make(ErrorCode::InsecureUrl,
                                         Tr::tr("The registry redirected from https to plain http; "
                                                "not following."),
                                         status));
            return;
        }
        if (m_request.credentialsBound && !isSameOrigin(target, m_request.url)) {
            failWith(RegistryError::make(
                ErrorCode::UntrustedRealm,
                Tr::tr("The sign-in was redirected to another server, %1; not following.")
                    .arg(target.host()),
                status));
            return;
        }
        if (status == 303) {
            m_request.method = "GET";
            m_request.body.clear();
            m_request.bodyDevice = nullptr;
        }
        send(target);
        return;
    }

    if (status == 401 && m_request.authenticate && m_connection->isRegistryOrigin(m_currentUrl)
        && !m_request.accept.contains(401)) {
        const QList<AuthChallenge> challenges
            = parseChallenges(reply->rawHeader("WWW-Authenticate"));
        const bool scope
            = !challenges.isEmpty() && challenges.first().error() == u"insufficient_scope";
        // A token got for these scopes, up front or after a 401, that lacks the permission:
        // another one would too.
        if (m_reauthenticated || (m_signedInUpFront && scope)) {
            RegistryError error
                = parseErrorBody(status, m_buffer, reply->rawHeader("Content-Type"));
            error.code = ErrorCode::Unauthorized;
            error.insufficientScope = scope;
            error.message
                = scope ? Tr::tr("The credentials lack the permission this needs "
                                 "(insufficient scope).")
                        : Tr::tr("The registry refused the credentials: %1").arg(error.message);
            m_connection->authenticator()->forget(m_request.scopes);
            failWith(error);
            return;
        }
        m_reauthenticated = true;
        if (!m_sentAuthorization.isEmpty())
            m_connection->authenticator()->forget(m_request.scopes);
        Job<QByteArray> *auth
            = m_connection->authenticator()->authorize(challenges, m_request.scopes);
        setInner(auth);
        const QUrl url = m_currentUrl;
        connect(auth, &RegistryJob::finished, this, [this, auth, url] {
            if (!auth->result()) {
                failWith(auth->result().error());
                return;
            }
            m_authorization = *auth->result();
            send(url);
        });
        return;
    }

    if ((status >= 200 && status <= 299) || m_request.accept.contains(status)) {
        HttpResponse response;
        response.status = status;
        response.url = m_currentUrl;
        response.body = std::move(m_buffer);
        response.headers = reply->rawHeaderPairs();
        succeed(std::move(response));
        return;
    }

    RegistryError error = parseErrorBody(status, m_buffer, reply->rawHeader("Content-Type"));
    error.retryAfterSecs
        = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc())
              .value_or(-1);
    retryOrFail(error);
}

void RequestJob::retryOrFail(const RegistryError &error)
{
    const RetryPolicy policy = RetryPolicy::forRequest(m_request.method, m_request.sink != nullptr);
    if (!policy.isRetryable(error) || !policy.allows(m_retries + 1)) {
        failWith(error);
        return;
    }
    const int delayMs = policy.delayMs(++m_retries, error);
    qCDebug(lcRegistry) << "retrying after" << delayMs << "ms:" << error.code;
    const QUrl url = m_currentUrl;
    QTimer::singleShot(delayMs, this, [this, url] {
        if (!isFinished())
            send(url);
    });
}

} // namespace Berth
