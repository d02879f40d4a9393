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

} // namespace Berth
