#pragma once

#include "core/registryerror.h"

#include <QByteArray>

namespace Berth {

// Turns an HTTP error answer into a RegistryError. Understands the distribution shape
// {"errors":[{"code","message","detail"}]} (detail an object, array, string or absent),
// Azure.Core's {"error":{"code","message"}}, and plain text or HTML (first non-empty line,
// tags stripped, at most 300 characters). Never fails: an unreadable body falls back to a
// code derived from the status (400 BAD_REQUEST, 401 UNAUTHORIZED, 403 DENIED,
// 404 NOT_FOUND, 405 UNSUPPORTED, 409 CONFLICT, 416 RANGE_INVALID, 429 TOOMANYREQUESTS,
// 5xx SERVER_ERROR, other UNKNOWN) and the standard reason phrase. The body may be
// truncated by the caller; that must not matter.
RegistryError parseErrorBody(int httpStatus, const QByteArray &body, const QByteArray &contentType);

} // namespace Berth
