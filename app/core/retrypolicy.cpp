#include "core/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace Berth {

namespace {

constexpr int MaxRetryAfterParsed = 24 * 60 * 60;

std::optional<int> parseDelaySeconds(const QByteArray &value)
{
    qint64 seconds = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        seconds = std::min<qint64>(seconds * 10 + (c - '0'), MaxRetryAfterParsed);
    }
    return int(seconds);
}

// IMF-fixdate, then the obsolete RFC 850 and asctime forms (RFC 9110, 5.6.7), all in GMT.
// The weekday is skipped, not checked.
QDateTime parseHttpDate(const QString &text)
{
    static const char *const formats[] = {
        "dd MMM yyyy HH:mm:ss 'GMT'", // Sun, 06 Nov 1994 08:49:37 GMT
        "dd-MMM-yy HH:mm:ss 'GMT'",   // Sunday, 06-Nov-94 08:49:37 GMT
        "MMM d HH:mm:ss yyyy",        // Sun Nov  6 08:49:37 1994
    };
    const qsizetype space = text.indexOf(u' ');
    if (space < 0)
        return {};
    const QString rest = text.mid(space + 1);
    const QLocale c = QLocale::c();
    for (const char *format : formats) {
        QDateTime date = c.toDateTime(rest, QString::fromLatin1(format));
        if (!date.isValid())
            continue;
        date = QDateTime(date.date(), date.time(), QTimeZone::utc());
        if (date.date().year() < 1970) // two-digit years (RFC 850) count from 2000
            date = date.addYears(100);
        return date;
    }
    return {};
}

} // namespace

RetryPolicy RetryPolicy::forRequest(const QByteArray &method, bool streamed)
{
    RetryPolicy policy;
    if ((method == "GET" || method == "HEAD") && !streamed) {
        policy.request = Request::Read;
        policy.maxRetries = 2;
    }
    return policy;
}

RetryPolicy RetryPolicy::forUpload()
{
    RetryPolicy policy;
    policy.request = Request::Upload;
    policy.maxRetries = 8;
    policy.firstBackoffMs = 500;
    return policy;
}

RetryPolicy RetryPolicy::forDownload()
{
    RetryPolicy policy;
    policy.request = Request::Download;
    policy.maxRetries = 5;
    policy.maxBackoffMs = 4000;
    return policy;
}

bool RetryPolicy::isRetryable(const RegistryError &error) const
{
    const ErrorKind kind = error.kind();
    switch (request) {
    case Request::None:
        return false;
    case Request::Read:
        // The registry answered and asked to come back later.
        return kind == ErrorKind::Transient && error.httpStatus != 0 && error.httpStatus != 500;
    case Request::Upload:
    case Request::Download:
        return kind == ErrorKind::Transient;
    }
    return false;
}

int RetryPolicy::delayMs(int retry, const RegistryError &error) const
{
    if (error.retryAfterSecs > 0)
        return qMin(error.retryAfterSecs, maxRetryAfterSecs) * 1000;
    const int doublings = qBound(0, retry - 1, 20);
    return int(std::min<qint64>(maxBackoffMs, qint64(firstBackoffMs) << doublings));
}

std::optional<int> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (std::optional<int> seconds = parseDelaySeconds(trimmed))
        return seconds;
    const QDateTime date = parseHttpDate(QString::fromLatin1(trimmed.simplified()));
    if (!date.isValid())
        return std::nullopt;
    return int(std::clamp<qint64>(now.secsTo(date), 0, MaxRetryAfterParsed));
}

} // namespace Berth
