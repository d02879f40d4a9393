#pragma once

#include "auth/credentials.h"
#include "core/job.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Berth {

// Credentials other tools saved for a registry, in podman's, skopeo's and buildah's
// ${XDG_RUNTIME_DIR}/containers/auth.json, then docker's config.json (in $DOCKER_CONFIG, else
// ~/.docker). Asked in this order: a plain `auth` entry (base64 "user:password"; with an
// `identitytoken`, that as an ACR refresh token), then the credential helper the files name
// for the registry (`credHelpers`), then their default one (`credsStore`), each through
// `docker-credential-<name> get` (CredentialHelperJob). Docker Hub's hosts (registry-1.docker.io,
// index.docker.io, docker.io) are one, asked for as docker does ("https://index.docker.io/v1/").
// Read only: nothing from there is ever written into a file of Berth's.
class DockerAuth
{
public:
    // The files in the order they are asked (podman's own order).
    static QStringList defaultFiles();

    // The first plain entry for `registry` ("host[:port]") in `files`: a key matches with or
    // without a scheme and a path ("https://host:port/v1/"). Files over 1 MiB, unreadable or
    // malformed ones, and entries that do not decode to "user:password" are passed over.
    static std::optional<Credentials> find(const QString &registry,
                                           const QStringList &files = defaultFiles());
    // The helpers to ask for `registry` when there is no plain entry, in order: every file's
    // credHelpers entry, then every file's credsStore; each name once.
    static QStringList helpers(const QString &registry, const QStringList &files = defaultFiles());
    // The registries ("host[:port]", lower case, sorted; Docker Hub as registry-1.docker.io) the
    // files know of: their `auths` and `credHelpers` keys. Hosts only, never what signs in.
    static QStringList registries(const QStringList &files = defaultFiles());

    // find(), else each of helpers() until one has credentials; std::nullopt when none has.
    // A helper that hangs or answers nonsense fails the job (CredentialHelperJob).
    static Job<std::optional<Credentials>> *resolve(const QString &registry,
                                                    const QStringList &files = defaultFiles(),
                                                    int helperTimeoutMs = 10000,
                                                    QObject *parent = nullptr);
};

} // namespace Berth
