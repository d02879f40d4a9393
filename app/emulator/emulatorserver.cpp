#include "emulator/emulatorserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QUrl>

namespace Berth::Emu {

namespace {

// "GET", "PUT", ...: the enum's key (Get, Put, ...) in upper case.
QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

} // namespace

Request toRequest(const QHttpServerRequest &request)
{
    Request r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.encodedPath = url.path(QUrl::FullyEncoded);
    r.decodedPath = url.path(QUrl::FullyDecoded);
    // Split before decoding, so that "library%2Fbusybox" stays one segment "library/busybox".
    const QStringList raw = r.encodedPath.split(u'/');
    for (qsizetype i = 1; i < raw.size(); ++i)
        r.segments.append(QUrl::fromPercentEncoding(raw[i].toLatin1()));
    r.encodedQuery = url.query(QUrl::FullyEncoded);
    r.query = QUrlQuery(r.encodedQuery);
    for (const auto &[name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    return r;
}

Server::Server(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool Server::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const Request r = toRequest(request);
    const Response response = m_handler(r);
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    // A HEAD answer announces the length of what GET would send, without sending it.
    if (r.method == "HEAD")
        responder.writeBody("", 0);
    else
        responder.writeBody(response.body);
    return true;
}

void Server::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Not reached: handleRequest() takes every request.
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace Berth::Emu
