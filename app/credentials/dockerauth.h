#pragma once

#include "auth/credentials.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Berth {

// Credentials other tools saved for a registry: plain `auth` entries (base64 "user:password")
// of podman's, skopeo's and buildah's ${XDG_RUNTIME_DIR}/containers/auth.json, then of
// ~/.docker/config.json. Read only: nothing from there is ever written into a file of Berth's.
// credsStore / credHelpers are not asked.
class DockerAuth
{
public:
    // The files in the order they are asked (podman's own order).
    static QStringList defaultFiles();
    // The first `auth` entry for `registry` ("host[:port]") in `files`: a key matches with or
    // without a scheme and a path ("https://host:port/v1/"). Files over 1 MiB, unreadable or
    // malformed ones, and entries that do not decode to "user:password" are passed over.
    static std::optional<Credentials> find(const QString &registry,
                                           const QStringList &files = defaultFiles());
};

} // namespace Berth
