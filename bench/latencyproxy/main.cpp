// berth-latency-proxy: a TCP proxy on 127.0.0.1 that delays every byte by a fixed time in
// each direction, so that a benchmark on one machine pays what a client pays across the
// internet: each request/response exchange costs one round trip (2 × the delay), and a new
// connection one more (the handshake a real TCP connection pays before its first byte).
//
//   berth-latency-proxy --target-port PORT [--delay-ms 25] [--max-seconds 900]
//                       [--max-connections 512]
//
// Prints "listening on PORT" once it accepts connections. Bounded: it exits by itself after
// --max-seconds, refuses connections beyond --max-connections, and buffers at most what the
// two sides send within one delay (reading stops while 64 MiB wait in one direction).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>
#include <deque>
#include <functional>
#include <iterator>
#include <utility>

namespace {

constexpr qint64 MaxQueuedBytes = qint64(64) << 20;

// One direction of one connection: bytes read from `from` are written to `to` `delayMs`
// after they arrived, or after `notBefore` (ms since the connection came) if that is later:
// the client's first bytes wait for the simulated handshake.
class DelayedPipe : public QObject
{
public:
    DelayedPipe(QTcpSocket *from, QTcpSocket *to, int delayMs, qint64 notBefore, QObject *parent)
        : QObject(parent)
        , m_from(from)
        , m_to(to)
        , m_delayMs(delayMs)
        , m_notBefore(notBefore)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &DelayedPipe::release);
        connect(from, &QTcpSocket::readyRead, this, &DelayedPipe::take);
        connect(to, &QTcpSocket::bytesWritten, this, &DelayedPipe::take); // room again
    }

    bool isEmpty() const { return m_queue.empty(); }
    // The source closed: once the queue is empty, close the other side's writing.
    void sourceClosed()
    {
        m_sourceClosed = true;
        take();
        finishIfDone();
    }
    std::function<void()> done;

private:
    struct Chunk
    {
        qint64 due;
        QByteArray bytes;
    };

    void take()
    {
        while (m_queued < MaxQueuedBytes && m_from->bytesAvailable() > 0) {
            QByteArray bytes = m_from->read(qMin<qint64>(m_from->bytesAvailable(), 1 << 20));
            if (bytes.isEmpty())
                break;
            m_queued += bytes.size();
            m_queue.push_back({qMax(m_clock.elapsed(), m_notBefore) + m_delayMs, bytes});
        }
        schedule();
    }
    void release()
    {
        const qint64 now = m_clock.elapsed();
        while (!m_queue.empty() && m_queue.front().due <= now) {
            m_queued -= m_queue.front().bytes.size();
            m_to->write(m_queue.front().bytes);
            m_queue.pop_front();
        }
        take();
        finishIfDone();
    }
    void schedule()
    {
        if (m_queue.empty() || m_timer.isActive())
            return;
        m_timer.start(int(qMax<qint64>(0, m_queue.front().due - m_clock.elapsed())));
    }
    void finishIfDone()
    {
        if (m_sourceClosed && m_queue.empty() && m_from->bytesAvailable() == 0 && done)
            std::exchange(done, nullptr)();
    }

    QTcpSocket *m_from;
    QTcpSocket *m_to;
    int m_delayMs;
    qint64 m_notBefore;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Chunk> m_queue;
    qint64 m_queued = 0;
    bool m_sourceClosed = false;
};

// A client connection and its connection to the target, each direction delayed.
class Link : public QObject
{
public:
    Link(QTcpSocket *client, quint16 targetPort, int delayMs, QObject *parent)
        : QObject(parent)
        , m_client(client)
        , m_server(new QTcpSocket(this))
    {
        client->setParent(this);
        client->setReadBufferSize(1 << 20);
        m_server->setReadBufferSize(1 << 20);
        // The handshake a new connection pays: the client's first bytes leave one round trip
        // after it connected, as after a SYN/SYN-ACK.
        auto *up = new DelayedPipe(client, m_server, delayMs, 2 * qint64(delayMs), this);
        auto *down = new DelayedPipe(m_server, client, delayMs, 0, this);
        up->done = [this] {
            m_server->disconnectFromHost();
        };
        down->done = [this] {
            m_client->disconnectFromHost();
        };
        connect(client, &QTcpSocket::disconnected, up, &DelayedPipe::sourceClosed);
        connect(m_server, &QTcpSocket::disconnected, down, &DelayedPipe::sourceClosed);
        connect(client, &QTcpSocket::errorOccurred, this, &Link::closeIfGone);
        connect(m_server, &QTcpSocket::errorOccurred, this, &Link::closeIfGone);
        connect(client, &QTcpSocket::disconnected, this, &Link::closeIfGone);
        connect(m_server, &QTcpSocket::disconnected, this, &Link::closeIfGone);
        m_server->connectToHost(QStringLiteral("127.0.0.1"), targetPort);
    }

private:
    void closeIfGone()
    {
        if (m_client->state() == QAbstractSocket::UnconnectedState
            && m_server->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_server;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A TCP proxy on 127.0.0.1 that delays each direction (benchmarks only)."));
    parser.addHelpOption();
    // Every option is a whole number in a range (--target-port has no default).
    struct Number
    {
        const char *name;
        const char *help;
        const char *fallback;
        int min;
        int max;
    };
    const Number numbers[] = {
        {"target-port", "The port on 127.0.0.1 to forward to.", "", 1, 65535},
        {"delay-ms", "Delay in each direction (default 25).", "25", 0, 10000},
        {"max-seconds", "Exit after this long (default 900).", "900", 1, 86400},
        {"max-connections", "Connections at once (default 512).", "512", 1, 4096},
    };
    for (const Number &n : numbers)
        parser.addOption(QCommandLineOption(QString::fromLatin1(n.name),
                                            QString::fromLatin1(n.help), QStringLiteral("n"),
                                            QString::fromLatin1(n.fallback)));
    parser.process(app);
    int values[std::size(numbers)] = {};
    for (size_t i = 0; i < std::size(numbers); ++i) {
        bool ok = false;
        values[i] = parser.value(QString::fromLatin1(numbers[i].name)).toInt(&ok);
        if (!ok || values[i] < numbers[i].min || values[i] > numbers[i].max) {
            std::fprintf(stderr, "berth-latency-proxy: --%s takes %d to %d\n", numbers[i].name,
                         numbers[i].min, numbers[i].max);
            return 2;
        }
    }
    const auto targetPort = quint16(values[0]);
    const int delayMs = values[1];
    const int maxSeconds = values[2];
    const int maxConnections = values[3];

    QTcpServer server;
    server.setMaxPendingConnections(maxConnections);
    QObject links;
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket *client = server.nextPendingConnection()) {
            if (links.children().size() >= maxConnections) {
                client->abort();
                client->deleteLater();
                continue;
            }
            new Link(client, targetPort, delayMs, &links);
        }
    });
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "berth-latency-proxy: cannot listen: %s\n",
                     qPrintable(server.errorString()));
        return 1;
    }
    QTimer::singleShot(maxSeconds * 1000, &app, [] {
        std::fprintf(stderr, "berth-latency-proxy: --max-seconds reached, exiting\n");
        QCoreApplication::exit(0);
    });
    std::printf("listening on %u\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
