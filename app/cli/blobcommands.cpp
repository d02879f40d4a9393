// berth-cli's blob commands.

#include "cli/commands.h"
#include "cli/output.h"
#include "core/reference.h"
#include "registry/registryclient.h"
#include "transfer/partfile.h"
#include "upload/blobupload.h"
#include "upload/imagepush.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryFile>

#include <cstdio>
#include <memory>

namespace Berth::Cli {

void CommandRunner::blobCommand(const QString &verb)
{
    if (verb != u"get" && verb != u"push" && verb != u"mount" && verb != u"delete")
        return usageError(QStringLiteral("Unknown blob command \"%1\".").arg(verb));
    if (verb == u"mount" && m_args.from.isEmpty())
        return usageError(QStringLiteral("blob mount needs --from SOURCE_REPOSITORY."));
    if (!operands(2) || !checkRepository(m_args.words.at(2)) || !checkFrom())
        return;
    if (verb == u"push")
        return blobPush(m_args.words.at(2), m_args.words.at(3));
    const QString digest = m_args.words.at(3);
    if (!checkDigest(digest))
        return;
    if (verb == u"get")
        return blobGet();
    if (verb == u"mount")
        return blobMount();
    reportDeleted(m_client->deleteBlob(m_args.words.at(2), digest),
                  QStringLiteral("blob %1").arg(digest));
}

BlobUploadOptions CommandRunner::blobOptions() const
{
    BlobUploadOptions options;
    if (m_args.chunkSize >= 0)
        options.chunkSize = m_args.chunkSize;
    if (!m_args.from.isEmpty())
        options.mountFrom = {m_args.from}; // blobs found there are mounted, not sent
    return options;
}

namespace {
QString outcomeName(BlobUploadResult::Outcome outcome)
{
    switch (outcome) {
    case BlobUploadResult::Outcome::Skipped:
        return QStringLiteral("skipped");
    case BlobUploadResult::Outcome::Mounted:
        return QStringLiteral("mounted");
    case BlobUploadResult::Outcome::Uploaded:
        break;
    }
    return QStringLiteral("uploaded");
}
} // namespace

// A progress line for `job` on a terminal (nothing when piped); finish() it when done.
std::shared_ptr<ProgressLine> CommandRunner::progressOf(RegistryJob *job)
{
    auto progress = std::make_shared<ProgressLine>();
    connect(job, &RegistryJob::progress, this,
            [progress](qint64 done, qint64 total) { progress->update(done, total); });
    return progress;
}

// Prints the digest (JSON: digest, size, outcome); a progress line on a terminal only.
void CommandRunner::blobPush(const QString &repo, const QString &path)
{
    auto *push = new BlobUpload(m_client, repo, BlobSource::wholeFile(path), blobOptions());
    auto progress = progressOf(push);
    whenDone(static_cast<Job<BlobUploadResult> *>(push),
             [this, progress](const BlobUploadResult &r) {
                 progress->finish();
                 if (m_args.json)
                     printJson(QJsonObject{{QStringLiteral("digest"), r.digest},
                                           {QStringLiteral("size"), r.size},
                                           {QStringLiteral("outcome"), outcomeName(r.outcome)}});
                 else
                     printLine(r.digest);
             });
}

namespace {
// PATH[:NAME] as skopeo reads docker-archive: and oci: references: when the whole operand
// does not exist, the first prefix before a ":" that does is PATH, the rest NAME.
std::pair<QString, QString> pathAndName(const QString &operand)
{
    if (QFileInfo::exists(operand))
        return {operand, {}};
    for (qsizetype colon = operand.indexOf(u':'); colon > 0;
         colon = operand.indexOf(u':', colon + 1)) {
        if (QFileInfo::exists(operand.left(colon)))
            return {operand.left(colon), operand.mid(colon + 1)};
    }
    return {operand, {}};
}
} // namespace

// push REPO:TAG PATH[:NAME]: an OCI layout directory or a save archive (one image of it), all
// blobs then the manifest.
void CommandRunner::imagePush()
{
    const std::optional<Reference> target
        = referenceOperand(m_args.words.at(1), ReferenceNeeds::Tag);
    if (!target || !checkFrom())
        return;
    const QString repo = target->repository;
    const QString tag = target->tag;
    const auto [path, name] = pathAndName(m_args.words.at(2));
    if (!name.isEmpty() && !m_args.image.isEmpty())
        return usageError(QStringLiteral("Name the image once: PATH:NAME or --image NAME."));
    const QString image = name.isEmpty() ? m_args.image : name;
    ProgressLine reading; // while a compressed archive is decompressed
    const LayerCompression compression = layerCompressionFromName(m_args.compress);
    Result<ImageSource> source = readImageSource(
        path, image, [&reading](qint64 done, qint64 total) { reading.update(done, total); },
        compression);
    reading.finish();
    if (!source) {
        RegistryError error = source.error();
        if (const Result<QStringList> names = imageNames(path);
            image.isEmpty() && names && names->size() > 1)
            error.message += QStringLiteral(" (name one as PATH:NAME or with --image NAME)");
        printError(error);
        // Queued: start() runs before main() enters the event loop, which would miss an exit.
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT done(1); }, Qt::QueuedConnection);
        return;
    }
    ImagePushOptions options;
    options.blob = blobOptions();
    auto *push = new ImagePush(m_client, repo, tag, *source, options);
    auto progress = progressOf(push);
    whenDone(static_cast<Job<ImagePushResult> *>(push),
             [this, progress, repo, tag](const ImagePushResult &r) {
                 progress->finish();
                 if (m_args.json)
                     printJson(QJsonObject{{QStringLiteral("repository"), repo},
                                           {QStringLiteral("tag"), tag},
                                           {QStringLiteral("digest"), r.digest},
                                           {QStringLiteral("uploaded"), r.uploaded},
                                           {QStringLiteral("skipped"), r.skipped},
                                           {QStringLiteral("mounted"), r.mounted}});
                 else
                     printLine(r.digest);
             });
}

void CommandRunner::blobGet()
{
    if (!m_args.outputFile.isEmpty() && m_args.outputFile != u"-")
        return blobGetToFile();
    // Standard output: the bytes go out as they come, the digest is checked at the end.
    auto out = std::make_shared<QFile>();
    out->open(stdout, QIODevice::WriteOnly);
    Job<qint64> *get = m_client->getBlob(m_args.words.at(2), m_args.words.at(3), out.get());
    connect(get, &RegistryJob::finished, this, [this, get, out] {
        if (!get->result()) {
            printError(get->result().error());
            Q_EMIT done(1);
            return;
        }
        if (!out->flush()) {
            printError(RegistryError::make(
                ErrorCode::Io,
                QStringLiteral("Cannot write standard output: %1").arg(out->errorString())));
            Q_EMIT done(1);
            return;
        }
        Q_EMIT done(0);
    });
}

// -o FILE: written as FILE.part, renamed over FILE once the digest matched (a failure
// removes the .part and leaves FILE as it was). The size from a HEAD lets a large blob come
// in parallel Range requests as `pull` fetches it; without one (no size, HEAD refused), one
// stream.
void CommandRunner::blobGetToFile()
{
    const QString repo = m_args.words.at(2);
    const QString digest = m_args.words.at(3);
    auto part = std::make_shared<PartFile>(m_args.outputFile);
    if (const Result<Done> opened = part->open(); !opened) {
        printError(opened.error());
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT done(1); }, Qt::QueuedConnection);
        return;
    }
    Job<std::optional<qint64>> *head = m_client->headBlob(repo, digest);
    connect(head, &RegistryJob::finished, this, [this, head, part, repo, digest] {
        const qint64 size = head->result() ? head->result()->value_or(-1) : -1;
        Job<qint64> *get = m_client->getBlobToFile(repo, digest, part->file(), size);
        connect(get, &RegistryJob::finished, this, [this, get, part] {
            Result<Done> kept
                = get->result() ? part->commit() : std::unexpected(get->result().error());
            if (!kept) {
                part->discard();
                printError(kept.error());
                Q_EMIT done(1);
                return;
            }
            Q_EMIT done(0);
        });
    });
}

void CommandRunner::blobMount()
{
    const QString repo = m_args.words.at(2);
    const QString digest = m_args.words.at(3);
    Job<MountResult> *mount = m_client->mountBlob(repo, m_args.from, digest);
    connect(mount, &RegistryJob::finished, this, [this, mount, repo, digest] {
        if (!mount->result()) {
            printError(mount->result().error());
            Q_EMIT done(1);
            return;
        }
        if (mount->result()->mounted) {
            printLine(digest);
            Q_EMIT done(0);
            return;
        }
        // 202: the registry would not mount. Copy it instead: download from the source
        // (verified), then push through the ordinary upload path.
        m_client->cancelUpload(repo, mount->result()->session);
        auto temp = std::make_shared<QTemporaryFile>();
        if (!temp->open()) {
            printError(RegistryError::make(ErrorCode::Io, temp->errorString()));
            Q_EMIT done(1);
            return;
        }
        Job<qint64> *get = m_client->getBlob(m_args.from, digest, temp.get());
        connect(get, &RegistryJob::finished, this, [this, get, temp, repo] {
            if (!get->result()) {
                printError(get->result().error());
                Q_EMIT done(1);
                return;
            }
            temp->flush();
            auto *push = new BlobUpload(m_client, repo, BlobSource::wholeFile(temp->fileName()),
                                        blobOptions());
            connect(push, &QObject::destroyed, this, [temp] {}); // keeps the file until pushed
            whenDone(static_cast<Job<BlobUploadResult> *>(push),
                     [](const BlobUploadResult &r) { printLine(r.digest); });
        });
    });
}

} // namespace Berth::Cli
