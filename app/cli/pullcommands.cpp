// berth-cli pull: an image or index to an OCI layout, an OCI archive or a docker archive.

#include "cli/commands.h"
#include "cli/output.h"
#include "core/reference.h"
#include "registry/registryclient.h"
#include "transfer/imagepull.h"
#include "transfer/layoutarchive.h"

#include <QDir>
#include <QJsonObject>

namespace Berth::Cli {

namespace {
bool isPlatform(const QString &text)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() < 2 || parts.size() > 3)
        return false;
    for (const QString &part : parts) {
        if (part.isEmpty())
            return false;
    }
    return true;
}

// Where an archive's layout is gathered: next to it, kept after an interruption so that a
// second run goes on from the blobs it has.
QString stagingDir(const QString &archivePath)
{
    return archivePath + QStringLiteral(".berth-pull");
}
} // namespace

// pull REF PATH: prints the digest of what the layout names (JSON: digest, counts).
void CommandRunner::imagePull()
{
    const std::optional<Reference> ref
        = referenceOperand(m_args.words.at(1), ReferenceNeeds::TagOrDigest);
    if (!ref)
        return;
    const QString format = m_args.format.isEmpty() ? QStringLiteral("oci") : m_args.format;
    if (format != u"oci" && format != u"oci-archive" && format != u"docker-archive")
        return usageError(
            QStringLiteral("--format takes oci, oci-archive or docker-archive, not \"%1\".")
                .arg(format));
    if (!m_args.platform.isEmpty() && !isPlatform(m_args.platform))
        return usageError(
            QStringLiteral("--platform takes OS/ARCH or OS/ARCH/VARIANT (linux/arm64/v8), not "
                           "\"%1\".")
                .arg(m_args.platform));
    const QString path = m_args.words.at(2);
    const QString layoutDir = format == u"oci" ? path : stagingDir(path);
    ImagePullOptions options;
    options.platform = m_args.platform;
    options.refName = ref->tag;
    auto *pull = new ImagePull(m_client, ref->repository, ref->reference(), layoutDir, options);
    auto progress = progressOf(pull);
    connect(pull, &RegistryJob::finished, this, [this, pull, progress, layoutDir] {
        progress->finish();
        if (!pull->result()) {
            printError(pull->result().error());
            Q_EMIT done(1);
            return;
        }
        finishPull(*pull->result(), layoutDir);
    });
}

// Packs an archive from the staging layout when one was asked for, then reports.
void CommandRunner::finishPull(const ImagePullResult &pulled, const QString &layoutDir)
{
    const QString path = m_args.words.at(2);
    const std::optional<Reference> ref = parseReference(m_args.words.at(1)).value();
    Result<Done> packed = Done{};
    if (m_args.format == u"oci-archive") {
        packed = writeOciArchive(layoutDir, path);
    } else if (m_args.format == u"docker-archive") {
        const QString repoTag = ref->hasTag() ? m_client->registry().authority() + u'/'
                                                    + ref->repository + u':' + ref->tag
                                              : QString();
        packed = writeDockerArchive(layoutDir, pulled.digest, repoTag, path);
    }
    if (!packed) {
        printError(packed.error());
        Q_EMIT done(1);
        return;
    }
    if (layoutDir != path)
        QDir(layoutDir).removeRecursively();
    if (m_args.json)
        printJson(QJsonObject{{QStringLiteral("digest"), pulled.digest},
                              {QStringLiteral("mediaType"), pulled.mediaType},
                              {QStringLiteral("downloaded"), pulled.downloaded},
                              {QStringLiteral("skipped"), pulled.skipped}});
    else
        printLine(pulled.digest);
    Q_EMIT done(0);
}

} // namespace Berth::Cli
