#pragma once

#include "core/registryerror.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace Berth {

// When a failed request is worth another attempt, and how long to wait before it. The one
// place that decides this: RequestJob asks it for each answer, BlobUpload for each step.
//
//  - Read (a buffered GET or HEAD): the registry asked to come back later (429, 502, 503,
//    504), twice, after 250 ms then 500 ms. A 500 or a cut connection is not retried: the
//    caller sees it at once.
//  - Upload (the steps of a blob upload): any Transient error (also 500, a cut connection,
//    a timeout), 8 times in a row, after 0.5 s doubling up to 8 s. The upload asks the
//    registry where it is before each new attempt (as after a 416, which is no fault).
//  - Download (a blob streamed into a sink, BlobDownload): any Transient error, 5 times in a
//    row without progress, after 250 ms doubling up to 4 s; it goes on from the bytes it has
//    with a Range request.
//  - None: never (writes outside an upload, a single streamed GET).
//
// A Retry-After on the answer replaces the back-off, cut to maxRetryAfterSecs (10 s) so a
// registry cannot park Berth.
struct RetryPolicy
{
    enum class Request { None, Read, Upload, Download };

    Request request = Request::None;
    int maxRetries = 0;       // attempts after the first, in a row without progress
    int firstBackoffMs = 250; // doubled for each further retry, up to maxBackoffMs
    int maxBackoffMs = 8000;
    int maxRetryAfterSecs = 10;

    // RequestJob's: Read for GET and HEAD whose body is buffered, None otherwise.
    static RetryPolicy forRequest(const QByteArray &method, bool streamed);
    static RetryPolicy forUpload();
    static RetryPolicy forDownload();

    // Whether `error` is worth another attempt of this kind of request (the budget aside).
    bool isRetryable(const RegistryError &error) const;
    // Whether `retry` (1 for the first retry) is still within the budget.
    bool allows(int retry) const { return retry <= maxRetries; }
    // How long to wait before `retry` (1 for the first) after `error`.
    int delayMs(int retry, const RegistryError &error) const;
};

// The seconds a Retry-After header value asks for, at `now`: delay-seconds ("120") or an
// HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete RFC 850 and asctime forms);
// a date in the past is 0. Anything else (empty, negative, garbage) is nullopt. Values over
// a day are cut to a day, so no value overflows.
std::optional<int> parseRetryAfter(const QByteArray &value, const QDateTime &now);

} // namespace Berth
