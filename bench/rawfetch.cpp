#include "rawfetch.h"

#include "models/pagingstate.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Berth::Bench {

namespace {
constexpr int RequestTimeoutMs = 30000;

// `<url>; rel="next"` -> url, else empty.
QUrl nextLink(const QByteArray &header, const QUrl &base)
{
    const qsizetype open = header.indexOf('<');
    const qsizetype close = header.indexOf('>', open + 1);
    if (open < 0 || close < 0 || !header.contains("rel=\"next\""))
        return {};
    return base.resolved(QUrl::fromEncoded(header.mid(open + 1, close - open - 1)));
}
} // namespace

RawFetch::Challenge parseBearerChallenge(const QByteArray &header)
{
    static const QRegularExpression field(QStringLiteral("(\\w+)=\"([^\"]*)\""));
    RawFetch::Challenge challenge;
    QRegularExpressionMatchIterator it = field.globalMatch(QString::fromUtf8(header));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.captured(1) == u"realm")
            challenge.realm = m.captured(2);
        else if (m.captured(1) == u"service")
            challenge.service = m.captured(2);
        else if (m.captured(1) == u"scope")
            challenge.scope = m.captured(2);
    }
    return challenge;
}

RawFetch::Reply RawFetch::get(const QUrl &url, const QByteArray &token)
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    request.setTransferTimeout(RequestTimeoutMs);
    QNetworkReply *reply = m_network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.link = reply->rawHeader("Link");
    result.challenge = reply->rawHeader("WWW-Authenticate");
    if (result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

bool RawFetch::fetchToken(const QByteArray &challengeHeader, QByteArray *token, QString *error)
{
    m_challenge = parseBearerChallenge(challengeHeader);
    QUrl url(m_challenge.realm);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), m_challenge.service);
    query.addQueryItem(QStringLiteral("scope"), m_challenge.scope);
    url.setQuery(query);
    const Reply reply = get(url, {});
    *token = QJsonDocument::fromJson(reply.body)
                 .object()
                 .value(QStringLiteral("access_token"))
                 .toString()
                 .toUtf8();
    if (reply.status != 200 || token->isEmpty()) {
        *error = QStringLiteral("token request answered %1").arg(reply.status);
        return false;
    }
    return true;
}

RawFetch::Outcome RawFetch::fetchAll(const QUrl &first, int firstPageSize, int maxPages)
{
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    QByteArray token;
    QUrl url = first;
    while (!url.isEmpty() && outcome.pages < maxPages) {
        Reply reply = get(url, token);
        if (reply.status == 401 && !reply.challenge.isEmpty()) {
            if (!fetchToken(reply.challenge, &token, &outcome.error))
                return outcome;
            reply = get(url, token);
        }
        if (reply.status != 200) {
            outcome.error = QStringLiteral("GET %1 answered %2 %3")
                                .arg(url.toString())
                                .arg(reply.status)
                                .arg(reply.error);
            return outcome;
        }
        if (outcome.pages == 0)
            outcome.firstPageMs = double(clock.nsecsElapsed()) / 1e6;
        ++outcome.pages;
        outcome.bytes += reply.body.size();
        url = nextLink(reply.link, url);
        if (!url.isEmpty()) { // the next page asks for what Berth's models ask for
            QUrlQuery query(url);
            query.removeAllQueryItems(QStringLiteral("n"));
            query.addQueryItem(QStringLiteral("n"), QString::number(PagingState::pageSizeAfter(
                                                        outcome.pages, firstPageSize)));
            url.setQuery(query);
        }
    }
    outcome.totalMs = double(clock.nsecsElapsed()) / 1e6;
    outcome.ok = true;
    return outcome;
}

} // namespace Berth::Bench
