#include "emulatortestclient.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrlQuery>

namespace Berth::Test {

QString HttpReply::errorCode() const
{
    return json().value(u"errors").toArray().at(0).toObject().value(u"code").toString();
}

HttpReply EmulatorTestClient::send(const QByteArray &method,
                                   const QString &target,
                                   const Headers &headers,
                                   const QByteArray &body)
{
    const QUrl url = target.startsWith(u"http") ? QUrl(target, QUrl::StrictMode)
                                                : m_base.resolved(QUrl(target, QUrl::StrictMode));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply
        = method == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, method, body);
    HttpReply result;
    QSignalSpy spy(reply, &QNetworkReply::finished);
    result.finished = reply->isFinished() || spy.wait(5000);
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return result;
}

QString
EmulatorTestClient::token(const QString &user, const QString &password, const QStringList &scopes)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), service());
    for (const QString &scope : scopes)
        query.addQueryItem(QStringLiteral("scope"), scope);
    const HttpReply reply = get(u"/oauth2/token?" + query.toString(QUrl::FullyEncoded),
                                user.isEmpty() ? Headers() : basic(user, password));
    return reply.json().value(u"access_token").toString();
}

Headers EmulatorTestClient::bearer(const QString &token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

Headers EmulatorTestClient::basic(const QString &user, const QString &password)
{
    return {{"Authorization", "Basic " + (user + u':' + password).toUtf8().toBase64()}};
}

QByteArray EmulatorTestClient::formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QJsonObject EmulatorTestClient::jwtPayload(const QString &token)
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
        .object();
}

QString EmulatorTestClient::nextLink(const HttpReply &reply)
{
    const QByteArray link = reply.header("Link");
    const qsizetype open = link.indexOf('<');
    const qsizetype close = link.indexOf('>');
    if (open < 0 || close < open || !link.contains("rel=\"next\""))
        return {};
    return QString::fromUtf8(link.mid(open + 1, close - open - 1));
}

} // namespace Berth::Test
