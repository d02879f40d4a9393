#pragma once

#include <QByteArray>

namespace Berth {

// Guards for what goes into an HTTP header. Qt writes raw header values as given, so a CR or
// LF in one would end the header and start another (or a whole second request).

// A field value (RFC 9110 section 5.5): visible ASCII, space and tab, or obs-text; no CR,
// LF, NUL or other control character. Empty is allowed.
bool isSafeHeaderValue(const QByteArray &value);
// A field name: one or more RFC 9110 token characters.
bool isSafeHeaderName(const QByteArray &name);
// An RFC 6750 bearer token (token68): [A-Za-z0-9-._~+/]+ followed by any '='.
bool isToken68(const QByteArray &token);

} // namespace Berth
