#include "core/registryerror.h"

#include <algorithm>

namespace Berth {

QString RegistryError::toString() const
{
    QString text = message.isEmpty() ? code : message;
    if (httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    return text;
}

RegistryError RegistryError::make(const QString &code, const QString &message, int httpStatus)
{
    RegistryError e;
    e.code = code;
    e.message = message;
    e.httpStatus = httpStatus;
    return e;
}

// The first rule that matches decides. A status that asks to come back later wins over any
// code; a code wins over the status it came with (a 405 saying DENIED is a permission).
ErrorKind RegistryError::kind() const
{
    const auto codeIs = [this](std::initializer_list<QString> codes) {
        return std::find(codes.begin(), codes.end(), code) != codes.end();
    };
    if (code == ErrorCode::Aborted)
        return ErrorKind::Aborted;
    if (codeIs({ErrorCode::Network, ErrorCode::Timeout}) || httpStatus == 429 || httpStatus == 500
        || httpStatus == 502 || httpStatus == 503 || httpStatus == 504)
        return ErrorKind::Transient;
    if (httpStatus == 416)
        return ErrorKind::RangeMismatch;
    if (codeIs({ErrorCode::BlobUploadUnknown, ErrorCode::BlobUploadInvalid}))
        return ErrorKind::SessionGone;
    if (code == ErrorCode::DigestInvalid)
        return ErrorKind::DigestInvalid;
    if (code == ErrorCode::Denied || (code == ErrorCode::Unauthorized && insufficientScope))
        return ErrorKind::Permission;
    if (code.contains(u"DISALLOWED") || code.contains(u"NOT_ALLOWED"))
        return ErrorKind::Locked;
    if (httpStatus == 403)
        return ErrorKind::Permission;
    if (httpStatus == 405)
        return ErrorKind::Locked;
    if (httpStatus == 401 || code == ErrorCode::Unauthorized)
        return ErrorKind::Unauthorized;
    if (httpStatus == 404
        || codeIs({ErrorCode::NameUnknown, ErrorCode::ManifestUnknown, ErrorCode::BlobUnknown,
                   ErrorCode::TagUnknown}))
        return ErrorKind::NotFound;
    if (code == ErrorCode::InvalidArgument)
        return ErrorKind::InvalidArgument;
    if (codeIs({ErrorCode::InvalidResponse, ErrorCode::TooLarge, ErrorCode::RedirectLoop,
                ErrorCode::PagingLoop, ErrorCode::DigestMismatch}))
        return ErrorKind::InvalidResponse;
    return ErrorKind::Other;
}

} // namespace Berth
