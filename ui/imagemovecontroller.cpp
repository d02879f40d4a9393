#include "ui/imagemovecontroller.h"

#include "core/reference.h"
#include "models/jobtransfer.h"
#include "models/repositorymodel.h"
#include "models/uploadqueuemodel.h"
#include "registry/registryclient.h"
#include "registry/retag.h"
#include "ui/dialogs/copytodialog.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "upload/imagecopy.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QPointer>

namespace Berth {

namespace {
constexpr int StatusMs = 4000;

// "repo:tag" or "repo@sha256:…".
QString referenceText(const QString &repo, const QString &reference)
{
    return repo + (reference.contains(u':') ? u'@' : u':') + reference;
}

// A file name for the image: the repository's last part and the tag (or the digest's start).
QString suggestedFileName(const QString &repo, const QString &reference)
{
    const QString name = repo.section(u'/', -1);
    const QString which
        = reference.contains(u':') ? reference.section(u':', 1).left(12) : reference;
    return name + u'-' + which + QStringLiteral(".tar");
}
} // namespace

ImageMoveController::ImageMoveController(const WindowParts &parts,
                                         UploadQueueModel *queue,
                                         QObject *parent)
    : WindowController(parts, parent)
    , m_queue(queue)
{}

QStringList ImageMoveController::selectedReferences() const
{
    QStringList references;
    if (m_pane->listing() == RepositoryPane::Listing::Tags) {
        for (const TagInfo &tag : m_pane->selectedTags())
            references << tag.name;
    } else {
        for (const ManifestInfo &manifest : m_pane->selectedManifests())
            references << manifest.digest;
    }
    return references;
}

void ImageMoveController::addTag(RegistryClient *client,
                                 const QString &repo,
                                 const QString &reference,
                                 const QString &newTag)
{
    const QPointer<RegistryClient> guard(client);
    onFinished(retag(client, repo, reference, newTag), this,
               [this, guard, repo, newTag](const Result<QString> &digest) {
                   if (!guard)
                       return;
                   if (!digest) {
                       m_messageBar->showError(tr("Could not add the tag %1").arg(newTag),
                                               digest.error(), {}, guard.data());
                       return;
                   }
                   Q_EMIT statusMessage(tr("Tagged %1").arg(referenceText(repo, newTag)), StatusMs);
                   if (m_pane->client() == guard && m_pane->repository() == repo)
                       m_pane->reload();
               });
}

// The job is a child of the transfer; a registry that goes takes its transfers with it.
JobTransfer *ImageMoveController::track(JobTransfer *transfer,
                                        const QList<RegistryClient *> &clients)
{
    for (RegistryClient *client : clients)
        connect(client, &QObject::destroyed, transfer, [transfer] { delete transfer; });
    m_queue->attach(transfer);
    transfer->start();
    Q_EMIT transferStarted();
    return transfer;
}

JobTransfer *ImageMoveController::copyImage(RegistryClient *source,
                                            const QString &repo,
                                            const QString &reference,
                                            RegistryClient *destination,
                                            const QString &destinationRepo,
                                            const QString &destinationReference)
{
    const QString target
        = destination->registryHost() + u'/' + referenceText(destinationRepo, destinationReference);
    auto start = [source, repo, reference, destination, destinationRepo,
                  destinationReference](QObject *parent) {
        auto *copy
            = new ImageCopy({source, repo, reference},
                            {destination, destinationRepo, destinationReference}, {}, parent);
        auto *job = new Job<QString>(parent);
        QObject::connect(copy, &RegistryJob::progress, job, &RegistryJob::progress);
        chain(job, static_cast<Job<ImagePushResult> *>(copy),
              [](const ImagePushResult &copied) { return Result<QString>(copied.digest); });
        return job;
    };
    auto *transfer = new JobTransfer(JobTransfer::Kind::Copy, referenceText(repo, reference),
                                     target, start, this);
    if (m_pane->client() == destination && m_pane->repository() == destinationRepo) {
        const QPointer<RegistryClient> guard(destination);
        connect(transfer, &JobTransfer::finished, this,
                [this, guard, destinationRepo](const UploadStatus &status) {
                    if (status.state == UploadState::Done && guard && m_pane->client() == guard
                        && m_pane->repository() == destinationRepo)
                        m_pane->reload();
                });
    }
    return track(transfer, {source, destination});
}

JobTransfer *ImageMoveController::saveImage(RegistryClient *client,
                                            const QString &repo,
                                            const QString &reference,
                                            const QString &path,
                                            SaveFormat format)
{
    ImageSaveRequest request{repo, reference, path, format, {}, {}};
    if (!reference.contains(u':')) { // a tag names the image in the layout and the archive
        request.pull.refName = reference;
        request.repoTag = client->registryHost() + u'/' + repo + u':' + reference;
    }
    auto start = [client, request](QObject *parent) {
        auto *save = new ImageSave(client, request, parent);
        auto *job = new Job<QString>(parent);
        QObject::connect(save, &RegistryJob::progress, job, &RegistryJob::progress);
        chain(job, static_cast<Job<ImagePullResult> *>(save),
              [](const ImagePullResult &pulled) { return Result<QString>(pulled.digest); });
        return job;
    };
    return track(new JobTransfer(JobTransfer::Kind::Download, referenceText(repo, reference),
                                 QDir::toNativeSeparators(path), start, this),
                 {client});
}

void ImageMoveController::addTagToSelection()
{
    const QStringList references = selectedReferences();
    if (references.isEmpty() || !m_pane->client())
        return;
    askNewTag(m_pane->client(), m_pane->repository(), references.first());
}

void ImageMoveController::askNewTag(RegistryClient *client,
                                    const QString &repo,
                                    const QString &reference)
{
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(QStringLiteral("addTagDialog"));
    dialog->setWindowTitle(tr("Add Tag"));
    dialog->setLabelText(
        tr("Add a tag in %1 to the image %2:").arg(repo, referenceText(repo, reference)));
    dialog->setTextValue(reference.contains(u':') ? QStringLiteral("latest") : reference);
    dialog->setOkButtonText(tr("&Add Tag"));
    const QPointer<RegistryClient> guard(client);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, guard, repo, reference](const QString &text) {
                const QString tag = text.trimmed();
                if (!guard)
                    return;
                if (!isValidTag(tag)) {
                    m_messageBar->showMessage(tr("“%1” is not a valid tag").arg(tag));
                    return;
                }
                addTag(guard, repo, reference, tag);
            });
    openDialog(dialog);
}

void ImageMoveController::copySelectionTo()
{
    const QStringList references = selectedReferences();
    if (!references.isEmpty() && m_pane->client())
        askCopy(m_pane->client(), m_pane->repository(), references, m_pane->client(),
                m_pane->repository());
}

void ImageMoveController::askCopy(RegistryClient *source,
                                  const QString &repo,
                                  const QStringList &references,
                                  RegistryClient *target,
                                  const QString &targetRepo)
{
    QList<CopyToDialog::Registry> registries;
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const QModelIndex index = m_repositories->index(row, 0);
        registries.append({m_repositories->client(index), index.data().toString()});
    }
    const QString &first = references.first();
    const QString what = references.size() == 1
                             ? referenceText(repo, first)
                             : tr("%n image(s) of %1", nullptr, int(references.size())).arg(repo);
    auto *dialog = new CopyToDialog(registries, target, what, targetRepo,
                                    first.contains(u':') ? QStringLiteral("latest") : first,
                                    int(references.size()), m_window);
    const QPointer<RegistryClient> guard(source);
    connect(dialog, &QDialog::accepted, this, [this, dialog, guard, repo, references] {
        RegistryClient *destination = dialog->registry();
        if (!guard || !destination)
            return;
        const QString destinationRepo = dialog->repository();
        for (const QString &reference : references) {
            const QString tag = references.size() == 1 ? dialog->tag() : reference;
            if (destination == guard && destinationRepo == repo) {
                addTag(guard, repo, reference, tag); // the same repository: a retag
                continue;
            }
            copyImage(guard, repo, reference, destination, destinationRepo, tag);
        }
    });
    openDialog(dialog);
}

void ImageMoveController::saveSelectionAs()
{
    const QStringList references = selectedReferences();
    if (references.isEmpty() || !m_pane->client())
        return;
    const QPointer<RegistryClient> client = m_pane->client();
    const QString repo = m_pane->repository();
    const QString &reference = references.first();
    auto *dialog = new QFileDialog(m_window, tr("Save %1 As").arg(referenceText(repo, reference)));
    dialog->setObjectName(QStringLiteral("saveImageDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    // In the order of SaveFormat.
    const QStringList filters
        = {tr("OCI layout (a directory)"), tr("OCI archive (*.tar)"), tr("Docker archive (*.tar)")};
    dialog->setNameFilters(filters);
    dialog->selectNameFilter(filters.at(1));
    dialog->selectFile(suggestedFileName(repo, reference));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, dialog, client, repo, reference, filters](const QString &path) {
                if (!client)
                    return;
                const auto format
                    = SaveFormat(qMax(0, int(filters.indexOf(dialog->selectedNameFilter()))));
                saveImage(client, repo, reference, path, format);
            });
    openDialog(dialog);
}

bool ImageMoveController::saveDropped(RegistryClient *client,
                                      const QString &repo,
                                      const QString &tag,
                                      const DirectSave::Target &target)
{
    if (!client) {
        m_messageBar->showMessage(
            tr("Could not save %1: its registry was removed").arg(referenceText(repo, tag)));
        return false;
    }
    if (target.answer != 'S') {
        m_messageBar->showMessage(
            tr("Could not save %1 there: %2").arg(referenceText(repo, tag), target.reason));
        return false;
    }
    saveImage(client, repo, tag, target.path, SaveFormat::DockerArchive);
    return true;
}

void ImageMoveController::tagsDropped(const TagDrop &drop)
{
    if (!drop.source || !drop.target || drop.tags.isEmpty())
        return;
    const QString destinationRepo = drop.targetRepo.isEmpty() ? drop.repo : drop.targetRepo;
    if (drop.source == drop.target && destinationRepo == drop.repo && drop.tags.size() == 1) {
        askNewTag(drop.source, drop.repo, drop.tags.first());
        return;
    }
    askCopy(drop.source, drop.repo, drop.tags, drop.target, destinationRepo);
}

} // namespace Berth
