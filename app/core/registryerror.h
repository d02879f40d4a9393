#pragma once

#include <QJsonValue>
#include <QString>

namespace Berth {

// What kind of failure an error is, decided by its code and HTTP status only: never by its
// message, which Berth translates and a registry writes as it likes. Callers decide by kind;
// RetryPolicy (core/retrypolicy.h) decides which kinds are worth another attempt.
enum class ErrorKind {
    Transient,       // no answer (NETWORK_ERROR, TIMEOUT), or 429, 500, 502, 503, 504
    RangeMismatch,   // 416: the registry holds another offset than the request assumed
    SessionGone,     // BLOB_UPLOAD_UNKNOWN, BLOB_UPLOAD_INVALID: the upload session is lost
    DigestInvalid,   // DIGEST_INVALID: the registry got content that is not the digest named
    Permission,      // DENIED, 403, or a 401 for insufficient scope: signed in, not allowed
    Locked,          // 405, or a code naming DISALLOWED or NOT_ALLOWED (ACR's
                     // REGISTRY_DISALLOWED_OPERATION): a lock refused it
    Unauthorized,    // 401, UNAUTHORIZED: the credentials were refused
    NotFound,        // 404, NAME_UNKNOWN, MANIFEST_UNKNOWN, BLOB_UNKNOWN, TAG_UNKNOWN
    Aborted,         // ABORTED: cancelled by Berth
    InvalidArgument, // INVALID_ARGUMENT: refused before anything was sent
    InvalidResponse, // INVALID_RESPONSE, RESPONSE_TOO_LARGE, REDIRECT_LOOP, PAGING_LOOP,
                     // DIGEST_MISMATCH: the registry's answer cannot be used
    Other,
};

// A failed registry operation. `code` is the registry's own error code
// (NAME_UNKNOWN, DENIED, ...) or one of Berth's client-side codes below.
// Messages never carry secrets: no headers, no tokens, no passwords.
struct RegistryError
{
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString code;       // e.g. "NAME_UNKNOWN", "DENIED", "NETWORK_ERROR"
    QString message;    // one line, human readable
    // As sent: object, array or string; undefined when the registry sent none.
    QJsonValue detail = QJsonValue(QJsonValue::Undefined);
    // A 401 whose challenge said error="insufficient_scope": signed in, but the token lacks
    // the permission (code stays UNAUTHORIZED).
    bool insufficientScope = false;
    // The answer's Retry-After in seconds (parseRetryAfter, core/retrypolicy.h); -1: none.
    int retryAfterSecs = -1;

    // Its kind, from code and HTTP status (the order of the rules is in registryerror.cpp).
    ErrorKind kind() const;

    // One line for users: "<message> (HTTP <status>)"
    QString toString() const;

    static RegistryError make(const QString &code, const QString &message, int httpStatus = 0);
};

// Client-side error codes (the registry's own codes pass through unchanged).
namespace ErrorCode {
inline const QString Network = QStringLiteral("NETWORK_ERROR");
inline const QString Timeout = QStringLiteral("TIMEOUT");
inline const QString Tls = QStringLiteral("TLS_ERROR");
inline const QString InvalidResponse = QStringLiteral("INVALID_RESPONSE");
inline const QString DigestMismatch = QStringLiteral("DIGEST_MISMATCH");
inline const QString Unauthorized = QStringLiteral("UNAUTHORIZED");
inline const QString Denied = QStringLiteral("DENIED");
inline const QString NameUnknown = QStringLiteral("NAME_UNKNOWN");
inline const QString TooLarge = QStringLiteral("RESPONSE_TOO_LARGE");
inline const QString RedirectLoop = QStringLiteral("REDIRECT_LOOP");
inline const QString PagingLoop = QStringLiteral("PAGING_LOOP");
inline const QString TooManyPages = QStringLiteral("TOO_MANY_PAGES");
// The registry sends sign-in to a token service the user has not trusted with the secret;
// `detail` is {"realm": host[:port], "approvable": bool}.
inline const QString UntrustedRealm = QStringLiteral("UNTRUSTED_REALM");
inline const QString InsecureUrl = QStringLiteral("INSECURE_URL");
inline const QString InvalidArgument = QStringLiteral("INVALID_ARGUMENT");
inline const QString Unsupported = QStringLiteral("UNSUPPORTED");
// A manifest delete refused before anything was sent: indexes list the manifest as one of
// their platforms. `detail` is [{"digest": index digest, "tags": [...]}, ...].
inline const QString ManifestReferenced = QStringLiteral("MANIFEST_REFERENCED");
// Finding the indexes that reference a manifest would read more than it may.
inline const QString TooManyIndexes = QStringLiteral("TOO_MANY_INDEXES");
inline const QString Io = QStringLiteral("IO_ERROR");
inline const QString Aborted = QStringLiteral("ABORTED");
inline const QString Unknown = QStringLiteral("UNKNOWN");
// Registry codes (distribution's and OCI's) that decide an error's kind.
inline const QString BlobUploadUnknown = QStringLiteral("BLOB_UPLOAD_UNKNOWN");
inline const QString BlobUploadInvalid = QStringLiteral("BLOB_UPLOAD_INVALID");
inline const QString DigestInvalid = QStringLiteral("DIGEST_INVALID");
inline const QString ManifestUnknown = QStringLiteral("MANIFEST_UNKNOWN");
inline const QString BlobUnknown = QStringLiteral("BLOB_UNKNOWN");
inline const QString TagUnknown = QStringLiteral("TAG_UNKNOWN"); // ACR's
} // namespace ErrorCode

} // namespace Berth
