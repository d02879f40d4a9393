#pragma once

#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

namespace Berth::Bench {

// The floor for Berth's loading times: the same pages fetched with a bare
// QNetworkAccessManager — anonymous token, then GET after GET following the Link header —
// with no parsing, no jobs, no models and no views.
class RawFetch
{
public:
    struct Outcome
    {
        bool ok = false;
        QString error;
        int pages = 0;
        qint64 bytes = 0;
        double firstPageMs = 0; // including the 401 and the token request
        double totalMs = 0;
    };
    struct Challenge
    {
        QString realm;
        QString service;
        QString scope;
    };

    // Fetches `first` and every page after it (at most `maxPages`).
    Outcome fetchAll(const QUrl &first, int firstPageSize, int maxPages);
    // The last Bearer challenge answered, for peers that ask for their own token.
    Challenge lastChallenge() const { return m_challenge; }

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray link;
        QByteArray challenge;
        QString error;
    };
    Reply get(const QUrl &url, const QByteArray &token);
    bool fetchToken(const QByteArray &challengeHeader, QByteArray *token, QString *error);

    QNetworkAccessManager m_network;
    Challenge m_challenge;
};

// "Bearer realm=\"…\",service=\"…\",scope=\"…\"" -> its fields.
RawFetch::Challenge parseBearerChallenge(const QByteArray &header);

} // namespace Berth::Bench
