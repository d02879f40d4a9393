// Proves the fault-injecting proxy: it forwards a real registry's traffic faithfully (keep-alive,
// chunked bodies), each fault does what it says and fires once, and its buffers stay bounded
// when one side is slower than the other.

#include "fixtures/faultproxy.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "fixtures/replywait.h"
#include "fixtures/testutil.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Berth::Test;

using Fault = FaultProxy::Fault;

namespace {

constexpr qint64 kMiB = qint64(1) << 20;
constexpr qint64 kBufferBound = 16 * kMiB;

QUrl at(const QUrl &base, const QString &pathAndQuery)
{
    return base.resolved(QUrl(pathAndQuery));
}

// POST /v2/<repo>/blobs/uploads/ through `base`; the upload URL with `digest` appended, or an
// empty URL when the registry did not answer 202.
QUrl startUpload(QNetworkAccessManager &network,
                 const QUrl &base,
                 const QString &repo,
                 const QString &digest)
{
    const auto reply = finish(network.post(
        QNetworkRequest(at(base, u"/v2/"_s + repo + u"/blobs/uploads/"_s)), QByteArray()));
    if (statusOf(*reply) != 202)
        return {};
    const QByteArray location = reply->rawHeader("Location");
    const char separator = location.contains('?') ? '&' : '?';
    return base.resolved(QUrl::fromEncoded(location + separator + "digest=" + digest.toLatin1()));
}

std::unique_ptr<QNetworkReply>
putBlob(QNetworkAccessManager &network, const QUrl &uploadUrl, const QByteArray &blob)
{
    QNetworkRequest request(uploadUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    return finish(network.put(request, blob));
}

std::unique_ptr<QNetworkReply> getBlob(QNetworkAccessManager &network,
                                       const QUrl &base,
                                       const QString &repo,
                                       const QString &digest)
{
    return finish(network.get(QNetworkRequest(at(base, u"/v2/"_s + repo + u"/blobs/"_s + digest))));
}

// Whether the registry itself (not through the proxy) has the blob.
int blobStatusAtRegistry(QNetworkAccessManager &network,
                         const RealRegistry &registry,
                         const QString &repo,
                         const QString &digest)
{
    const QUrl url = at(registry.url(), u"/v2/"_s + repo + u"/blobs/"_s + digest);
    return statusOf(*finish(network.head(QNetworkRequest(url))));
}

// A blocking HTTP/1.1 client on one connection: fine here because the proxy has its own thread
// and the registry is another process. Reads responses framed by Content-Length only.
class RawHttp
{
public:
    struct Response
    {
        int status = 0; // 0: the connection ended (or the wait ran out) before a full response
        QByteArray head;
        QByteArray body;

        QByteArray header(const QByteArray &name) const
        {
            for (const QByteArray &line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
    };

    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(15000)) {
        }
    }

    Response read(int timeoutMs = 15000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        qsizetype end = -1;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill(deadline))
                return {};
        }
        Response response;
        response.head = m_buffer.left(end + 4);
        const qsizetype length = response.header("Content-Length").toLongLong();
        while (m_buffer.size() < end + 4 + length) {
            if (!fill(deadline))
                return {};
        }
        response.status = response.head.split(' ').value(1).toInt();
        response.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return response;
    }

    bool isClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    QByteArray unread() const { return m_buffer; }

private:
    bool fill(const QDeadlineTimer &deadline)
    {
        if (m_socket.bytesAvailable() == 0
            && !m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            return false;
        }
        m_buffer += m_socket.readAll();
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// The path and query of an upload Location, absolute or not.
QByteArray targetOf(const QByteArray &location)
{
    return QUrl::fromEncoded(location).toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}

// An HTTP target on the test thread that takes connections and, while paused, reads nothing:
// what a client pushes piles up in front of it. It hashes the body bytes (after the headers) of
// what arrives and answers 201 once the expected number of body bytes is in.
class PausableSink
{
public:
    bool listen()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_socket = socket;
                socket->setReadBufferSize(64 * 1024);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this] { drain(); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this] {
                    drain();
                    m_closed = true;
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    void expectBody(qint64 bytes) { m_expected = bytes; }
    void setPaused(bool paused)
    {
        m_paused = paused;
        drain();
    }
    qint64 bodyBytes() const { return m_bodyBytes; }
    QByteArray bodyHash() const { return m_hash.result(); }
    bool closed() const { return m_closed; }

private:
    void drain()
    {
        if (m_paused || !m_socket)
            return;
        while (m_socket->bytesAvailable() > 0) {
            QByteArray data = m_socket->read(256 * 1024);
            if (!m_headDone) {
                m_head += data;
                const qsizetype end = m_head.indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                data = m_head.mid(end + 4);
                m_headDone = true;
            }
            m_hash.addData(data);
            m_bodyBytes += data.size();
        }
        if (m_headDone && m_bodyBytes == m_expected && !m_answered) {
            m_answered = true;
            m_socket->write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        }
    }

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr; // a child of m_server
    QByteArray m_head;
    bool m_headDone = false;
    bool m_paused = false;
    bool m_answered = false;
    bool m_closed = false;
    qint64 m_expected = -1;
    qint64 m_bodyBytes = 0;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace

class tst_FaultProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void forwardsRegistryTrafficUnchanged();
    void framesChunkedRequestsOnOneKeepAliveConnection();
    void cutMidBodyLeavesRegistryWithoutBlob();
    void cutMidBodyForwardsExactlyAfterBodyBytes();
    void serverErrorAnswersOnlyChosenOccurrence();
    void stallDelaysWithoutLosingBytes();
    void cutBeforeResponseHidesProcessedRequest();
    void pausedServerHoldsBackClientWithBoundedBuffers();
    void bulkUploadThroughProxyStaysBounded();
    void stopClosesConnectionsAndAllowsRestart();

private:
    QNetworkAccessManager m_network;
};

void tst_FaultProxy::initTestCase()
{
    // Missing tools fail the test (never skip): the test command installs them.
    BERTH_REQUIRE_EXECUTABLE(u"docker-registry"_s);
}

void tst_FaultProxy::cleanup()
{
    m_network.clearConnectionCache(); // every test has its own proxy and registry
}

void tst_FaultProxy::forwardsRegistryTrafficUnchanged()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    QVERIFY(proxy.port() != 0 && proxy.port() != registry.port());
    QCOMPARE(proxy.url(), QUrl(u"http://127.0.0.1:"_s + QString::number(proxy.port())));

    const auto ping = finish(m_network.get(QNetworkRequest(at(proxy.url(), u"/v2/"_s))));
    QCOMPARE(statusOf(*ping), 200);

    const QByteArray blob = deterministicBytes(3 * kMiB + 17, 1);
    const QString digest = sha256Digest(blob);
    const QUrl upload = startUpload(m_network, proxy.url(), u"demo/plain"_s, digest);
    QVERIFY(upload.isValid());
    const auto put = putBlob(m_network, upload, blob);
    QCOMPARE(statusOf(*put), 201);
    const auto get = getBlob(m_network, proxy.url(), u"demo/plain"_s, digest);
    QCOMPARE(statusOf(*get), 200);
    QVERIFY(get->readAll() == blob);

    const QList<QByteArray> lines = proxy.requestLines();
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QByteArray("GET /v2/ HTTP/1.1"));
    QVERIFY(lines[1].startsWith("POST /v2/demo/plain/blobs/uploads/ "));
    QVERIFY(lines[2].startsWith("PUT /v2/demo/plain/blobs/uploads/"));
    QVERIFY(lines[2].contains("digest=sha256:"));
    QCOMPARE(lines[3], QByteArray("GET /v2/demo/plain/blobs/" + digest.toLatin1() + " HTTP/1.1"));
    QCOMPARE(proxy.faultsFired(), 0);
    QVERIFY(proxy.connectionsAccepted() >= 1);

    // Nothing leaks once the client lets go.
    m_network.clearConnectionCache();
    QVERIFY(waitFor([&] { return proxy.openConnections() == 0; }, 10000));
}

void tst_FaultProxy::framesChunkedRequestsOnOneKeepAliveConnection()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    // Fires only if the proxy finds the PUT's request line after the chunked PATCH body.
    proxy.addFault({.kind = Fault::Kind::Stall, .method = "PUT", .stallMs = 200});

    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(proxy.port()) + "\r\n";
    RawHttp http;
    QVERIFY(http.connectTo(proxy.port()));
    http.send("POST /v2/demo/chunked/blobs/uploads/ HTTP/1.1\r\n" + host
              + "Content-Length: 0\r\n\r\n");
    const RawHttp::Response started = http.read();
    QCOMPARE(started.status, 202);

    const QByteArray blob = deterministicBytes(300000, 2);
    QByteArray chunked;
    for (qsizetype offset = 0; offset < blob.size(); offset += 120000) {
        const QByteArray piece = blob.mid(offset, 120000);
        chunked += QByteArray::number(piece.size(), 16) + ";note=x\r\n" + piece + "\r\n";
    }
    chunked += "0\r\n\r\n";
    http.send("PATCH " + targetOf(started.header("Location")) + " HTTP/1.1\r\n" + host
              + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
              + chunked);
    const RawHttp::Response patched = http.read();
    QCOMPARE(patched.status, 202);

    const QByteArray digest = sha256Digest(blob).toLatin1();
    http.send("PUT " + targetOf(patched.header("Location")) + "&digest=" + digest + " HTTP/1.1\r\n"
              + host + "Content-Length: 0\r\n\r\n");
    QCOMPARE(http.read().status, 201);
    http.send("GET /v2/demo/chunked/blobs/" + digest + " HTTP/1.1\r\n" + host + "\r\n");
    const RawHttp::Response fetched = http.read();
    QCOMPARE(fetched.status, 200);
    QVERIFY(fetched.body == blob);

    QCOMPARE(proxy.connectionsAccepted(), 1);
    const QList<QByteArray> lines = proxy.requestLines();
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[1].startsWith("PATCH /v2/demo/chunked/blobs/uploads/"));
    QVERIFY(lines[2].startsWith("PUT /v2/demo/chunked/blobs/uploads/"));
    QCOMPARE(proxy.faultsFired(), 1);
}

void tst_FaultProxy::cutMidBodyLeavesRegistryWithoutBlob()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));

    const QByteArray blob = deterministicBytes(4 * kMiB, 3);
    const QString digest = sha256Digest(blob);
    const QUrl upload = startUpload(m_network, proxy.url(), u"demo/cut"_s, digest);
    QVERIFY(upload.isValid());
    // QNAM silently resends a request whose connection dies while it is being written (twice
    // in Qt 6.4): queue a cut for each attempt so the client really sees the failure.
    constexpr int kCuts = 5;
    for (int i = 0; i < kCuts; ++i)
        proxy.addFault({.kind = Fault::Kind::CutMidBody, .method = "PUT", .afterBodyBytes = kMiB});

    const auto put = putBlob(m_network, upload, blob);
    QVERIFY(put->isFinished());
    QVERIFY2(put->error() != QNetworkReply::NoError, "the cut PUT must fail");
    QCOMPARE(statusOf(*put), 0); // no HTTP answer at all
    // Every PUT took one queued cut; QNAM may give up on a resend before its cut point.
    const QList<QByteArray> lines = proxy.requestLines();
    const auto puts = std::count_if(lines.cbegin(), lines.cend(),
                                    [](const QByteArray &line) { return line.startsWith("PUT "); });
    QVERIFY(puts >= 1);
    QCOMPARE(proxy.pendingFaults(), kCuts - int(puts));
    const int fired = proxy.faultsFired();
    QVERIFY(fired >= 1 && fired <= puts);
    qInfo() << "QNAM error:" << put->error() << put->errorString() << "after" << puts << "attempts,"
            << fired << "cut";
    QCOMPARE(blobStatusAtRegistry(m_network, registry, u"demo/cut"_s, digest), 404);
}

void tst_FaultProxy::cutMidBodyForwardsExactlyAfterBodyBytes()
{
    PausableSink sink;
    QVERIFY(sink.listen());
    FaultProxy proxy;
    QString error;
    QVERIFY2(proxy.start(sink.port(), &error), qPrintable(error));
    constexpr qint64 kAfter = kMiB + 12345;
    proxy.addFault({.kind = Fault::Kind::CutMidBody,
                    .method = "PUT",
                    .pathContains = u"/upload"_s,
                    .afterBodyBytes = kAfter});

    // The client runs on this thread's event loop, like the sink: no blocking calls here.
    const QByteArray body = deterministicBytes(4 * kMiB, 4);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy.port());
    client.write("PUT /v2/x/upload?part=1 HTTP/1.1\r\nHost: sink\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(waitFor([&] { return sink.closed(); }, 20000));
    QVERIFY(waitFor([&] { return client.state() == QAbstractSocket::UnconnectedState; }, 20000));

    QCOMPARE(sink.bodyBytes(), kAfter);
    QCOMPARE(sink.bodyHash(),
             QCryptographicHash::hash(body.left(kAfter), QCryptographicHash::Sha256));
    QVERIFY(client.readAll().isEmpty());
    QCOMPARE(proxy.faultsFired(), 1);
    QVERIFY(waitFor([&] { return proxy.openConnections() == 0; }, 10000));
}

void tst_FaultProxy::serverErrorAnswersOnlyChosenOccurrence()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    proxy.addFault({.kind = Fault::Kind::ServerError,
                    .method = "GET",
                    .pathContains = u"/v2/"_s,
                    .occurrence = 2});

    QList<int> statuses;
    for (int i = 0; i < 3; ++i)
        statuses << statusOf(*finish(m_network.get(QNetworkRequest(at(proxy.url(), u"/v2/"_s)))));
    QCOMPARE(statuses, (QList<int>{200, 503, 200}));
    QCOMPARE(proxy.faultsFired(), 1);

    // A request with a body: the body is swallowed, the registry never sees the PUT, so the
    // same upload can be completed afterwards.
    const QByteArray blob = deterministicBytes(2 * kMiB, 5);
    const QString digest = sha256Digest(blob);
    const QUrl upload = startUpload(m_network, proxy.url(), u"demo/error"_s, digest);
    QVERIFY(upload.isValid());
    proxy.addFault({.kind = Fault::Kind::ServerError, .method = "PUT", .status = 500});
    const auto failed = putBlob(m_network, upload, blob);
    QCOMPARE(statusOf(*failed), 500);
    QCOMPARE(failed->rawHeader("Connection"), QByteArray("close"));
    QCOMPARE(blobStatusAtRegistry(m_network, registry, u"demo/error"_s, digest), 404);
    const auto retried = putBlob(m_network, upload, blob);
    QCOMPARE(statusOf(*retried), 201);
    QCOMPARE(blobStatusAtRegistry(m_network, registry, u"demo/error"_s, digest), 200);
    QCOMPARE(proxy.faultsFired(), 2);
}

void tst_FaultProxy::stallDelaysWithoutLosingBytes()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));

    const QByteArray blob = deterministicBytes(4 * kMiB, 6);
    const QString digest = sha256Digest(blob);
    const QUrl upload = startUpload(m_network, proxy.url(), u"demo/stall"_s, digest);
    QVERIFY(upload.isValid());
    proxy.addFault(
        {.kind = Fault::Kind::Stall, .method = "PUT", .afterBodyBytes = kMiB, .stallMs = 1000});
    QElapsedTimer timer;
    timer.start();
    const auto put = putBlob(m_network, upload, blob);
    qInfo() << "stalled PUT took" << timer.elapsed() << "ms (stall: 1000 ms)";
    QCOMPARE(statusOf(*put), 201);
    QCOMPARE(proxy.faultsFired(), 1);
    const auto get = getBlob(m_network, proxy.url(), u"demo/stall"_s, digest);
    QCOMPARE(statusOf(*get), 200);
    QVERIFY(get->readAll() == blob);
}

void tst_FaultProxy::cutBeforeResponseHidesProcessedRequest()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    proxy.addFault({.kind = Fault::Kind::CutBeforeResponse, .method = "POST"});

    RawHttp http;
    QVERIFY(http.connectTo(proxy.port()));
    http.send("POST /v2/demo/hidden/blobs/uploads/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Content-Length: 0\r\n\r\n");
    const RawHttp::Response response = http.read();
    QCOMPARE(response.status, 0);
    QVERIFY(http.unread().isEmpty());
    QVERIFY(http.isClosed());
    QCOMPARE(proxy.faultsFired(), 1);

    // The registry did process it: an upload session exists.
    const QDir uploads(registry.storageDir()
                       + u"/docker/registry/v2/repositories/demo/hidden/_uploads"_s);
    QCOMPARE(uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
}

void tst_FaultProxy::pausedServerHoldsBackClientWithBoundedBuffers()
{
    PausableSink sink;
    QVERIFY(sink.listen());
    FaultProxy proxy;
    QString error;
    QVERIFY2(proxy.start(sink.port(), &error), qPrintable(error));

    const QByteArray body = deterministicBytes(64 * kMiB, 7);
    sink.expectBody(body.size());
    sink.setPaused(true);
    QNetworkRequest request(at(proxy.url(), u"/sink"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    QNetworkReply *reply = m_network.put(request, body);

    // The proxy fills its write buffer towards the paused server up to the high-water mark...
    QVERIFY(
        waitFor([&] { return proxy.peakBufferedBytes() >= FaultProxy::kHighWaterBytes; }, 20000));
    // ...and then stops reading the client instead of taking the whole 64 MiB: the buffer
    // must not reach the bound (a bounded look for what must not happen).
    QVERIFY(!waitFor([&] { return proxy.peakBufferedBytes() >= kBufferBound; }, 500));
    QVERIFY2(proxy.peakBufferedBytes() < kBufferBound,
             qPrintable(QString::number(proxy.peakBufferedBytes())));

    sink.setPaused(false);
    const auto put = finish(reply);
    QCOMPARE(statusOf(*put), 201);
    QCOMPARE(sink.bodyBytes(), body.size());
    QCOMPARE(sink.bodyHash(), QCryptographicHash::hash(body, QCryptographicHash::Sha256));
    qInfo() << "peak buffered:" << proxy.peakBufferedBytes() << "bytes";
    QVERIFY(proxy.peakBufferedBytes() < kBufferBound);
}

void tst_FaultProxy::bulkUploadThroughProxyStaysBounded()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));

    const QByteArray blob = deterministicBytes(64 * kMiB, 8);
    const QString digest = sha256Digest(blob);
    const QUrl upload = startUpload(m_network, proxy.url(), u"demo/bulk"_s, digest);
    QVERIFY(upload.isValid());
    // A stall halfway makes the client pile up against the proxy for a while.
    proxy.addFault(
        {.kind = Fault::Kind::Stall, .method = "PUT", .afterBodyBytes = 32 * kMiB, .stallMs = 500});
    const auto put = putBlob(m_network, upload, blob);
    QCOMPARE(statusOf(*put), 201);
    QCOMPARE(proxy.faultsFired(), 1);
    const auto get = getBlob(m_network, proxy.url(), u"demo/bulk"_s, digest);
    QCOMPARE(statusOf(*get), 200);
    QCOMPARE(sha256Digest(get->readAll()), digest);
    qInfo() << "peak buffered:" << proxy.peakBufferedBytes() << "bytes";
    QVERIFY(proxy.peakBufferedBytes() < kBufferBound);
}

void tst_FaultProxy::stopClosesConnectionsAndAllowsRestart()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    FaultProxy proxy;
    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    QVERIFY(!proxy.start(registry.port())); // already running

    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, proxy.port());
    QVERIFY(idle.waitForConnected(5000));
    QVERIFY(waitFor([&] { return proxy.openConnections() == 1; }, 5000));

    proxy.stop();
    QVERIFY(!proxy.isRunning());
    QCOMPARE(proxy.port(), quint16(0));
    QCOMPARE(proxy.openConnections(), 0);
    QVERIFY(waitFor([&] { return idle.state() == QAbstractSocket::UnconnectedState; }, 5000));

    QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
    const auto ping = finish(m_network.get(QNetworkRequest(at(proxy.url(), u"/v2/"_s))));
    QCOMPARE(statusOf(*ping), 200);
    QCOMPARE(proxy.connectionsAccepted(), 2); // the log survives a restart until clearLog()
    proxy.clearLog();
    QCOMPARE(proxy.connectionsAccepted(), 0);
    QVERIFY(proxy.requestLines().isEmpty());
}

QTEST_GUILESS_MAIN(tst_FaultProxy)
#include "tst_faultproxy.moc"
