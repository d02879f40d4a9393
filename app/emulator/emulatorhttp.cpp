#include "emulator/emulatorhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

Q_LOGGING_CATEGORY(lcEmulator, "berth.emulator", QtInfoMsg)

namespace Berth::Emu {

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray Response::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

Response jsonResponse(int status, const QJsonObject &object)
{
    Response response;
    response.status = status;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    return response;
}

Response emptyResponse(int status)
{
    Response response;
    response.status = status;
    return response;
}

Response
errorResponse(int status, const QString &code, const QString &message, const QJsonValue &detail)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!detail.isUndefined())
        error.insert(QStringLiteral("detail"), detail);
    return jsonResponse(status, {{QStringLiteral("errors"), QJsonArray{error}}});
}

// Messages below are the ones CNCF distribution (which ACR's data plane follows) and the
// recorded ACR responses in Azure/azure-sdk-for-js carry.
Response nameUnknown(const QString &repository)
{
    return errorResponse(404, QStringLiteral("NAME_UNKNOWN"),
                         QStringLiteral("repository name not known to registry"),
                         QJsonObject{{QStringLiteral("name"), repository}});
}

Response manifestUnknown()
{
    return errorResponse(404, QStringLiteral("MANIFEST_UNKNOWN"),
                         QStringLiteral("manifest unknown"));
}

Response tagUnknown()
{
    return errorResponse(404, QStringLiteral("TAG_UNKNOWN"),
                         QStringLiteral("the specified tag does not exist"));
}

Response blobUnknown(const QString &digest)
{
    return errorResponse(404, QStringLiteral("BLOB_UNKNOWN"),
                         QStringLiteral("blob unknown to registry"), digest);
}

Response blobUploadUnknown()
{
    return errorResponse(404, QStringLiteral("BLOB_UPLOAD_UNKNOWN"),
                         QStringLiteral("blob upload unknown to registry"));
}

Response digestInvalid(const QString &message)
{
    return errorResponse(400, QStringLiteral("DIGEST_INVALID"), message);
}

Response unsupported()
{
    return errorResponse(405, QStringLiteral("UNSUPPORTED"),
                         QStringLiteral("The operation is unsupported."));
}

// Status, code, message and the empty-object detail as ACR sends them for locked
// images/repositories: Azure/acr-cli issue #70 quotes the service's answer to deleting a
// write-locked tag: `Status=405 ... {"errors":[{"code":"REGISTRY_DISALLOWED_OPERATION",
// "detail":{},"message":"The operation is disallowed on this registry, repository or image.
// View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail
// -with-disallowed-operation"}]}`; the same code is reported for a PUT onto a locked tag
// (crane output quoted in public ACR lab notes) and the FAQ entry covers pulls too.
Response disallowed()
{
    return errorResponse(
        405, QStringLiteral("REGISTRY_DISALLOWED_OPERATION"),
        QStringLiteral("The operation is disallowed on this registry, repository or image. View "
                       "troubleshooting steps at https://aka.ms/acr/faq/"
                       "#why-does-my-pull-or-push-request-fail-with-disallowed-operation"),
        QJsonObject{});
}

// An unknown route gets what a Go HTTP mux answers: plain text, not a registry error.
Response notFoundRoute()
{
    Response response;
    response.status = 404;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = "404 page not found\n";
    return response;
}

QByteArray encodeQueryValue(const QString &value)
{
    return QUrl::toPercentEncoding(value, "/");
}

} // namespace Berth::Emu
