#pragma once

// The socket side of the ACR emulator: a QAbstractHttpServer (Qt 6.4 API) that turns each
// request into an Emu::Request, asks a handler for an Emu::Response and writes it back.
// Routing stays in the handler: repository names contain '/', so no route patterns here.

#include "emulator/emulatorhttp.h"

#include <QAbstractHttpServer>

#include <functional>

namespace Berth::Emu {

class Server : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<Response(const Request &)>;

    explicit Server(Handler handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

Request toRequest(const QHttpServerRequest &request);

} // namespace Berth::Emu
