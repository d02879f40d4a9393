// berth-cli's commands that put an existing image somewhere else: tag add, copy.

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/signin.h"
#include "core/reference.h"
#include "registry/registryclient.h"
#include "registry/retag.h"
#include "upload/imagecopy.h"

#include <QJsonObject>

namespace Berth::Cli {

// tag add REPO:TAG|REPO@DIGEST NEWTAG: prints the digest, which is the source's.
void CommandRunner::tagAdd()
{
    if (!operands(2))
        return;
    const std::optional<Reference> source
        = referenceOperand(m_args.words.at(2), ReferenceNeeds::TagOrDigest);
    if (!source)
        return;
    const QString newTag = m_args.words.at(3);
    if (!isValidTag(newTag))
        return usageError(tr("\"%1\" is not a tag.").arg(newTag));
    const QString repo = source->repository;
    whenDone(retag(m_client, repo, source->reference(), newTag),
             [this, repo, newTag](const QString &digest) {
                 if (m_args.json)
                     printJson(QJsonObject{{QStringLiteral("repository"), repo},
                                           {QStringLiteral("tag"), newTag},
                                           {QStringLiteral("digest"), digest}});
                 else
                     printLine(digest);
             });
}

std::unique_ptr<QSettings> openSettings()
{
    const QString path = qEnvironmentVariable("BERTH_SETTINGS");
    if (path.isEmpty())
        return std::make_unique<QSettings>(QStringLiteral("Berth"), QStringLiteral("Berth"));
    return std::make_unique<QSettings>(path, QSettings::IniFormat);
}

namespace {

struct HostAndRest
{
    QString host; // empty: none named
    QString rest; // REPO:TAG or REPO@DIGEST
};

// As docker reads a reference: a first path component with "." or ":", or "localhost", is
// a registry host.
HostAndRest splitHost(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return {{}, text};
    const QString first = text.left(slash);
    if (first.contains(u'.') || first.contains(u':') || first == u"localhost")
        return {first, text.mid(slash + 1)};
    return {{}, text};
}

} // namespace

QString sourceRegistry(const Arguments &args)
{
    if (args.words.value(0) != u"copy" || args.words.size() != 3)
        return {};
    return splitHost(args.words.at(1)).host;
}

Result<QString> destinationPassword(const Arguments &args, Result<QString> (*readStdin)())
{
    if (args.words.value(0) != u"copy" || args.destUsername.isEmpty())
        return QString();
    if (args.destPasswordStdin)
        return readStdin();
    const QString password = qEnvironmentVariable("BERTH_DEST_PASSWORD");
    if (password.isEmpty())
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidArgument,
            QStringLiteral("--dest-username needs --dest-password-stdin or BERTH_DEST_PASSWORD.")));
    return password;
}

// copy SRC DST: prints the digest DST now names; -o json adds the blob counts.
void CommandRunner::copyCommand()
{
    if (m_args.words.size() != 3)
        return usageError(QStringLiteral("\"copy\" takes SRC and DST."));
    const HostAndRest src = splitHost(m_args.words.at(1));
    const HostAndRest dst = splitHost(m_args.words.at(2));
    const std::optional<Reference> source = referenceOperand(src.rest, ReferenceNeeds::TagOrDigest);
    if (!source)
        return;
    const std::optional<Reference> target = referenceOperand(dst.rest, ReferenceNeeds::TagOrDigest);
    if (!target)
        return;
    if (target->hasDigest() && target->hasTag())
        return usageError(tr("\"%1\" takes a tag or a digest, not both.").arg(dst.rest));
    // Without a host, DST is on -r's registry (SRC's when -r names none).
    QString host = dst.host.isEmpty() ? m_args.registry : dst.host;
    withDestination(host, [this, source = *source, target = *target](RegistryClient *destination) {
        copyTo(destination, source, target);
    });
}

void CommandRunner::withDestination(const QString &host,
                                    const std::function<void(RegistryClient *)> &then)
{
    const Result<QUrl> url = host.isEmpty() ? Result<QUrl>(m_client->registry())
                                            : normalizeRegistryUrl(host, m_args.plainHttp);
    if (!url) {
        printError(url.error());
        const int code = url.error().kind() == ErrorKind::InvalidArgument ? 2 : 1;
        QMetaObject::invokeMethod(
            this, [this, code] { Q_EMIT done(code); }, Qt::QueuedConnection);
        return;
    }
    if (*url == m_client->registry())
        return then(m_client);
    ConnectionSettings settings = m_client->connection()->settings();
    settings.registry = *url;
    settings.credentials = Credentials::anonymous();
    auto start = [this, then](const ConnectionSettings &s) {
        Result<RegistryClient *> client = RegistryClient::create(s, this);
        if (!client) {
            printError(client.error());
            Q_EMIT done(1);
            return;
        }
        then(*client);
    };
    if (!m_args.destUsername.isEmpty()) {
        settings.credentials = Credentials::password(m_args.destUsername, m_args.destPassword);
        return start(settings);
    }
    // Its saved credentials, else docker's and podman's, else anonymous (cli/signin.h).
    const std::unique_ptr<QSettings> stored = openSettings();
    onFinished(savedSignIn(settings, *stored, this), this,
               [this, start](const Result<ConnectionSettings> &signedIn) {
                   if (!signedIn) {
                       printError(signedIn.error());
                       Q_EMIT done(1);
                       return;
                   }
                   start(*signedIn);
               });
}

void CommandRunner::copyTo(RegistryClient *destination,
                           const Reference &source,
                           const Reference &target)
{
    ImageCopyOptions options;
    options.platform = m_args.platform;
    if (m_args.chunkSize > 0)
        options.blob.chunkSize = m_args.chunkSize; // bytes per PATCH
    auto *copy = new ImageCopy({m_client, source.repository, source.reference()},
                               {destination, target.repository, target.reference()}, options, this);
    auto progress = progressOf(copy);
    whenDone(static_cast<Job<ImagePushResult> *>(copy), [this, progress](const ImagePushResult &r) {
        progress->finish();
        if (m_args.json)
            printJson(QJsonObject{{QStringLiteral("digest"), r.digest},
                                  {QStringLiteral("copied"), r.uploaded},
                                  {QStringLiteral("skipped"), r.skipped},
                                  {QStringLiteral("mounted"), r.mounted}});
        else
            printLine(r.digest);
    });
}

} // namespace Berth::Cli
