#include "core/registryerror.h"

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

bool isPermissionRefusal(const RegistryError &error)
{
    return error.httpStatus == 403 || error.code == ErrorCode::Denied
           || (error.code == ErrorCode::Unauthorized && error.insufficientScope);
}

bool isLockRefusal(const RegistryError &error)
{
    return error.httpStatus == 405 || error.code.contains(u"DISALLOWED")
           || error.code.contains(u"NOT_ALLOWED");
}

} // namespace Berth
