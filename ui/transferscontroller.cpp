#include "ui/transferscontroller.h"

#include "core/reference.h"
#include "models/jobtransfer.h"
#include "models/repositorymodel.h"
#include "models/uploadqueuemodel.h"
#include "ui/dialogs/pushimagedialog.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/uploaddrop.h"
#include "upload/uploadworker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace Berth {

namespace {
constexpr int MaxConcurrentUploads = 3;
} // namespace

TransfersController::TransfersController(const WindowParts &parts,
                                         UploadQueueModel *queue,
                                         QObject *parent)
    : WindowController(parts, parent)
    , m_queue(queue)
{}

int TransfersController::activeUploads(const RegistryClient *client) const
{
    if (client) {
        const UploadWorker *worker = m_workers.value(client);
        return worker ? worker->activeCount() : 0;
    }
    int active = 0;
    for (const UploadWorker *worker : m_workers)
        active += worker->activeCount();
    return active;
}

// Started on first use (a thread of its own each): it signs in with the client's settings.
UploadWorker *TransfersController::worker(RegistryClient *client)
{
    if (UploadWorker *worker = m_workers.value(client))
        return worker;
    if (!client || !m_repositories->registryIndex(client).isValid())
        return nullptr;
    // "uploads/maxConcurrent" in Berth's settings: how many uploads of a registry run at once.
    const int concurrent
        = m_settings ? qBound(
              1,
              m_settings->value(QStringLiteral("uploads/maxConcurrent"), MaxConcurrentUploads)
                  .toInt(),
              16)
                     : MaxConcurrentUploads;
    auto *worker = new UploadWorker(client->connection()->settings(), concurrent, this);
    m_workers.insert(client, worker);
    m_queue->attach(worker);
    const QPointer<RegistryClient> guard(client);
    connect(worker, &UploadWorker::finished, this, [this, guard, worker](const UploadStatus &s) {
        if (guard)
            uploadFinished(guard, worker, s);
    });
    return worker;
}

void TransfersController::stopUploads(const RegistryClient *client)
{
    delete m_workers.take(client); // cancels its uploads; their rows read Cancelled
}

int TransfersController::activeTransfers() const
{
    int active = 0;
    for (int row = 0; row < m_queue->rowCount(); ++row)
        active += isFinal(m_queue->status(row).state) ? 0 : 1;
    return active;
}

void TransfersController::cancelAllTransfers()
{
    for (int row = 0; row < m_queue->rowCount(); ++row) {
        if (isFinal(m_queue->status(row).state))
            continue;
        if (UploadWorker *worker = m_queue->worker(row))
            worker->cancel(m_queue->status(row).id);
        else if (JobTransfer *transfer = m_queue->transfer(row))
            transfer->cancel();
    }
}

void TransfersController::enqueueUpload(RegistryClient *client,
                                        UploadRequest::Kind kind,
                                        const QString &repository,
                                        const QString &path,
                                        const QString &tag)
{
    UploadRequest request;
    request.kind = kind;
    request.repository = repository;
    request.path = path;
    request.tag = tag;
    enqueueUpload(client, request);
}

void TransfersController::enqueueUpload(RegistryClient *client, const UploadRequest &request)
{
    UploadWorker *worker = this->worker(client);
    if (!worker) {
        m_messageBar->showMessage(tr("Could not upload %1: its registry is no longer connected")
                                      .arg(QDir::toNativeSeparators(request.path)));
        return;
    }
    worker->enqueue(request);
}

void TransfersController::uploadDropped(RegistryClient *client,
                                        const QString &repository,
                                        const QList<UploadDropAction> &actions)
{
    QStringList refused;
    for (const UploadDropAction &action : actions) {
        switch (action.kind) {
        case UploadDropAction::Kind::PushBlob:
            enqueueUpload(client, UploadRequest::Kind::Blob, repository, action.path);
            break;
        case UploadDropAction::Kind::PushImage:
            askImageTag(client, repository, action.path);
            break;
        case UploadDropAction::Kind::Refuse:
            refused << action.message;
            break;
        }
    }
    if (!refused.isEmpty())
        m_messageBar->showMessage(tr("Not uploaded: %1").arg(refused.join(u'\n')));
}

void TransfersController::pushFiles()
{
    openPushDialog(false);
}

void TransfersController::pushImage()
{
    openPushDialog(true);
}

void TransfersController::openPushDialog(bool image)
{
    const QPointer<RegistryClient> client = m_pane->client();
    const QString repository = m_pane->repository();
    if (!client)
        return;
    auto *dialog = new QFileDialog(m_window, image ? tr("Push Image to %1").arg(repository)
                                                   : tr("Push Files to %1").arg(repository));
    dialog->setObjectName(image ? QStringLiteral("pushImageDialog")
                                : QStringLiteral("pushFilesDialog"));
    dialog->setFileMode(image ? QFileDialog::ExistingFile : QFileDialog::ExistingFiles);
    if (image) {
        dialog->setNameFilters({tr("Images: docker save or oci-archive tar (also gzip or zstd "
                                   "compressed), or an OCI layout's index.json (*.tar *.tar.gz "
                                   "*.tgz *.tar.zst *.tar.zstd *.tzst index.json oci-layout)"),
                                tr("All files (*)")});
    }
    connect(dialog, &QFileDialog::filesSelected, this,
            [this, client, repository, image](const QStringList &files) {
                if (!client)
                    return;
                QStringList paths = files;
                for (QString &path : paths)
                    path = image ? imagePathOf(path) : path;
                uploadDropped(client, repository, planUpload(paths, repository));
            });
    openDialog(dialog);
}

// Reads the names of the images the source holds off the GUI thread, then asks which one to
// push (when there are several), under which tag, and how to compress a docker archive's
// layers ("uploads/compress" in the settings remembers the last choice; gzip by default, as
// berth-cli push).
void TransfersController::askImageTag(RegistryClient *client,
                                      const QString &repository,
                                      const QString &path)
{
    const QPointer<RegistryClient> guard(client);
    readImageNames(
        path, this, [this, guard, repository, path](const Result<ImageListing> &listing) {
            if (!guard)
                return;
            if (!listing) {
                m_messageBar->showError(
                    tr("Could not read the image %1").arg(QDir::toNativeSeparators(path)),
                    listing.error(), {}, guard.data());
                return;
            }
            const QString compressKey = QStringLiteral("uploads/compress");
            const LayerCompression compression = layerCompressionFromName(
                m_settings ? m_settings->value(compressKey).toString() : QString());
            auto *dialog = new PushImageDialog(QFileInfo(path).fileName(), repository,
                                               listing->names, compression, m_window);
            dialog->setObjectName(QStringLiteral("imageTagDialog"));
            connect(dialog, &QDialog::accepted, this,
                    [this, guard, dialog, repository, path, compressKey,
                     decompressed = listing->decompressed] {
                        if (m_settings)
                            m_settings->setValue(compressKey,
                                                 layerCompressionName(dialog->compression()));
                        if (!guard)
                            return;
                        UploadRequest request;
                        request.kind = UploadRequest::Kind::Image;
                        request.repository = repository;
                        request.path = path;
                        request.tag = dialog->tag();
                        request.reference = dialog->image();
                        request.compression = dialog->compression();
                        request.decompressed = decompressed; // not decompressed a second time
                        enqueueUpload(guard, request);
                    });
            openDialog(dialog);
        });
}

void TransfersController::askUploadTag(const QString &objectName,
                                       const QString &label,
                                       const QString &suggested,
                                       const std::function<void(const QString &tag)> &use,
                                       const std::function<void()> &finished)
{
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(tr("Tag"));
    dialog->setLabelText(label);
    dialog->setTextValue(suggested);
    dialog->setOkButtonText(tr("&Push"));
    connect(dialog, &QDialog::finished, this,
            [this, dialog, objectName, label, use, finished](int result) {
                const QString tag = dialog->textValue().trimmed();
                if (result == QDialog::Accepted && isValidTag(tag)) {
                    use(tag);
                } else if (result == QDialog::Accepted) {
                    m_messageBar->showMessage(
                        tr("“%1” is not a valid tag: up to 128 letters, digits, '_', '.' and "
                           "'-', not starting with '.' or '-'")
                            .arg(tag),
                        [this, objectName, label, tag, use] {
                            askUploadTag(objectName, label, tagFromName(tag), use);
                        });
                }
                if (finished)
                    finished();
            });
    openDialog(dialog);
}

void TransfersController::uploadFinished(RegistryClient *client,
                                         UploadWorker *worker,
                                         const UploadStatus &status)
{
    if (status.state != UploadState::Done)
        return;
    const UploadRequest request = worker->request(status.id);
    if (request.kind == UploadRequest::Kind::Blob) {
        m_artifactOffers << ArtifactOffer{client, request.repository, request.path};
        offerNextArtifact();
        return;
    }
    // An image or an artifact: a new tag in its repository. (A bare blob changes neither
    // table.)
    if (m_pane->client() == client && m_pane->repository() == request.repository)
        m_pane->reload();
}

// One offer at a time (not modal): tag the uploaded blob, i.e. push an artifact manifest
// pointing to it, so it shows in the repository and is not garbage-collected.
void TransfersController::offerNextArtifact()
{
    while (!m_offeringArtifact && !m_artifactOffers.isEmpty()) {
        const ArtifactOffer offer = m_artifactOffers.takeFirst();
        if (offer.client && m_workers.contains(offer.client))
            offerArtifact(offer);
    }
}

void TransfersController::offerArtifact(const ArtifactOffer &offer)
{
    m_offeringArtifact = true;
    const QString name = QFileInfo(offer.path).fileName();
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Uploaded"),
        tr("“%1” is in %2 as a blob, reachable by its digest only. Make it reachable under "
           "a tag?")
            .arg(name, offer.repository),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("artifactOffer"));
    box->setInformativeText(
        tr("An OCI artifact manifest pointing to the blob is pushed under the tag."));
    QPushButton *tagButton = box->addButton(tr("&Tag…"), QMessageBox::AcceptRole);
    tagButton->setObjectName(QStringLiteral("tagArtifactButton"));
    box->addButton(tr("&Not Now"), QMessageBox::RejectRole)
        ->setObjectName(QStringLiteral("notNowButton"));
    box->setDefaultButton(tagButton);
    box->setWindowModality(Qt::NonModal);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, tagButton, offer, name] {
        auto next = [this] {
            m_offeringArtifact = false;
            offerNextArtifact();
        };
        if (box->clickedButton() != tagButton || !offer.client) {
            next();
            return;
        }
        askUploadTag(
            QStringLiteral("artifactTagDialog"),
            tr("Make “%1” reachable in %2 under the tag:").arg(name, offer.repository),
            tagFromName(QFileInfo(offer.path).completeBaseName()),
            [this, offer](const QString &tag) {
                if (offer.client)
                    enqueueUpload(offer.client, UploadRequest::Kind::Artifact, offer.repository,
                                  offer.path, tag);
            },
            next);
    });
    Q_EMIT dialogOpened(box);
    box->show();
}

void TransfersController::confirmCancelling(int count,
                                            const QString &question,
                                            const std::function<void()> &then)
{
    askBeforeCancelling(QStringLiteral("cancelUploadsQuestion"), tr("Uploads Running"),
                        tr("%n upload(s) are still running.", nullptr, count), question, then);
}

QMessageBox *TransfersController::askBeforeCancelling(const QString &objectName,
                                                      const QString &title,
                                                      const QString &running,
                                                      const QString &question,
                                                      const std::function<void()> &then)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, running,
                                QMessageBox::Yes | QMessageBox::Cancel, m_window);
    box->setObjectName(objectName);
    box->setInformativeText(question);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [box, then] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            then();
    });
    openDialog(box);
    return box;
}

// Closing with transfers running (uploads, saves, copies) asks first (without blocking); Yes
// cancels them and closes.
bool TransfersController::mayClose()
{
    const int running = activeTransfers();
    if (running == 0 || m_closeConfirmed)
        return true;
    if (m_closeQuestion && m_closeQuestion->isVisible()) {
        m_closeQuestion->raise();
        return false;
    }
    m_closeQuestion
        = askBeforeCancelling(QStringLiteral("cancelTransfersQuestion"), tr("Transfers Running"),
                              tr("%n transfer(s) are still running.", nullptr, running),
                              tr("Quit and cancel them?"), [this] {
                                  cancelAllTransfers();
                                  m_closeConfirmed = true;
                                  Q_EMIT closeApproved(); // the window closes again, and may now
                                  m_closeConfirmed = false;
                              });
    return false;
}

} // namespace Berth
