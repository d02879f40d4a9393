#pragma once

#include <QByteArray>
#include <QUrl>

namespace Berth {

// Finds the target of rel="next" in an RFC 8288 Link header
// (`<url>; rel="next"`, several links comma-separated, rel may be unquoted or hold several
// space-separated relation types) and resolves it against `base`. Empty when there is none,
// when the header is malformed up to that link, or when the target is empty or not a URL.
QUrl parseNextLink(const QByteArray &linkHeader, const QUrl &base);

} // namespace Berth
