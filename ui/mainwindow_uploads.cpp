// MainWindow: uploads — one UploadWorker per registry in the tree, the Uploads dock, files
// dropped onto repositories and the tags they go under, the offer to tag an uploaded blob,
// and asking before running uploads are cancelled.

#include "ui/mainwindow.h"

#include "core/reference.h"
#include "models/repositorymodel.h"
#include "models/uploadqueuemodel.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/uploaddock.h"
#include "ui/uploaddrop.h"
#include "upload/uploadworker.h"

#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTreeView>

namespace Berth {

namespace {
constexpr int MaxConcurrentUploads = 3;

UploadRequest makeRequest(UploadRequest::Kind kind,
                          const QString &repository,
                          const QString &path,
                          const QString &tag = {})
{
    UploadRequest r;
    r.kind = kind;
    r.repository = repository;
    r.path = path;
    r.tag = tag;
    return r;
}
} // namespace

void MainWindow::createUploads()
{
    m_uploadQueue = new UploadQueueModel(this);
    m_uploadDock = new UploadDock(m_uploadQueue, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_uploadDock);
    m_uploadDock->hide(); // until the first upload
    connect(m_uploadQueue, &QAbstractItemModel::rowsInserted, m_uploadDock, &QWidget::show);

    // Drops onto a repository of the tree...
    auto *tree = new UploadDropArea(m_tree, [this](const QPoint &pos) {
        UploadDropTarget target;
        const QModelIndex index = m_tree->indexAt(pos).siblingAtColumn(0);
        if (!index.isValid() || m_repositories->kind(index) != RepositoryModel::Kind::Repository)
            return target;
        target.client = m_repositories->client(index);
        target.repository = m_repositories->repositoryPath(index);
        const QRect row = m_tree->visualRect(index);
        target.highlight = QRect(0, row.top(), m_tree->viewport()->width(), row.height());
        return target;
    });
    connect(tree, &UploadDropArea::dropped, this, &MainWindow::uploadDropped);
    // ...and onto the open repository's tables.
    for (QTableView *view : {m_pane->tagView(), m_pane->manifestView()}) {
        auto *area = new UploadDropArea(view, [this, view](const QPoint &) {
            UploadDropTarget target;
            target.client = m_pane->client();
            target.repository = m_pane->repository();
            target.highlight = view->viewport()->rect();
            return target;
        });
        connect(area, &UploadDropArea::dropped, this, &MainWindow::uploadDropped);
    }
}

int MainWindow::activeUploads(const RegistryClient *client) const
{
    if (client) {
        const UploadWorker *worker = m_uploadWorkers.value(client);
        return worker ? worker->activeCount() : 0;
    }
    int active = 0;
    for (const UploadWorker *worker : m_uploadWorkers)
        active += worker->activeCount();
    return active;
}

// Started on first use (a thread of its own each): it signs in with the client's settings.
UploadWorker *MainWindow::uploadWorker(RegistryClient *client)
{
    if (UploadWorker *worker = m_uploadWorkers.value(client))
        return worker;
    if (!client || !registryIndex(client).isValid())
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
    m_uploadWorkers.insert(client, worker);
    m_uploadQueue->attach(worker);
    const QPointer<RegistryClient> guard(client);
    connect(worker, &UploadWorker::finished, this, [this, guard, worker](const UploadStatus &s) {
        if (guard)
            uploadFinished(guard, worker, s);
    });
    return worker;
}

void MainWindow::stopUploads(const RegistryClient *client)
{
    delete m_uploadWorkers.take(client); // cancels its uploads; their rows read Cancelled
}

void MainWindow::cancelAllUploads()
{
    for (int row = 0; row < m_uploadQueue->rowCount(); ++row) {
        UploadWorker *worker = m_uploadQueue->worker(row);
        if (worker && !isFinal(m_uploadQueue->status(row).state))
            worker->cancel(m_uploadQueue->status(row).id);
    }
}

void MainWindow::enqueueUpload(RegistryClient *client, const UploadRequest &request)
{
    UploadWorker *worker = uploadWorker(client);
    if (!worker) {
        m_messageBar->showMessage(tr("Could not upload %1: its registry is no longer connected")
                                      .arg(QDir::toNativeSeparators(request.path)));
        return;
    }
    worker->enqueue(request);
}

void MainWindow::uploadDropped(RegistryClient *client,
                               const QString &repository,
                               const QList<UploadDropAction> &actions)
{
    QStringList refused;
    for (const UploadDropAction &action : actions) {
        switch (action.kind) {
        case UploadDropAction::Kind::PushBlob:
            enqueueUpload(client, makeRequest(UploadRequest::Kind::Blob, repository, action.path));
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

// Reads the image's own tag off the GUI thread, then asks which tag to push it under.
void MainWindow::askImageTag(RegistryClient *client, const QString &repository, const QString &path)
{
    const QPointer<RegistryClient> guard(client);
    readSuggestedTag(path, this, [this, guard, repository, path](const Result<QString> &read) {
        if (!guard)
            return;
        if (!read) {
            m_messageBar->showError(
                tr("Could not read the image %1").arg(QDir::toNativeSeparators(path)), read.error(),
                {}, guard.data());
            return;
        }
        const QString suggested = read->isEmpty() ? QStringLiteral("latest") : tagFromName(*read);
        askUploadTag(QStringLiteral("imageTagDialog"),
                     tr("Push the image “%1” to %2 under the tag:")
                         .arg(QFileInfo(path).fileName(), repository),
                     suggested, [this, guard, repository, path](const QString &tag) {
                         if (guard)
                             enqueueUpload(guard, makeRequest(UploadRequest::Kind::Image,
                                                              repository, path, tag));
                     });
    });
}

void MainWindow::askUploadTag(const QString &objectName,
                              const QString &label,
                              const QString &suggested,
                              const std::function<void(const QString &tag)> &use,
                              const std::function<void()> &finished)
{
    auto *dialog = new QInputDialog(this);
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

void MainWindow::uploadFinished(RegistryClient *client,
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
void MainWindow::offerNextArtifact()
{
    while (!m_offeringArtifact && !m_artifactOffers.isEmpty()) {
        const ArtifactOffer offer = m_artifactOffers.takeFirst();
        if (!offer.client || !m_uploadWorkers.contains(offer.client))
            continue;
        m_offeringArtifact = true;
        const QString name = QFileInfo(offer.path).fileName();
        auto *box = new QMessageBox(
            QMessageBox::Question, tr("Uploaded"),
            tr("“%1” is in %2 as a blob, reachable by its digest only. Make it reachable under "
               "a tag?")
                .arg(name, offer.repository),
            QMessageBox::NoButton, this);
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
        connect(box, &QMessageBox::finished, this, [this, box, tagButton, offer] {
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
                tr("Make “%1” reachable in %2 under the tag:")
                    .arg(QFileInfo(offer.path).fileName(), offer.repository),
                tagFromName(QFileInfo(offer.path).completeBaseName()),
                [this, offer](const QString &tag) {
                    if (offer.client)
                        enqueueUpload(offer.client, makeRequest(UploadRequest::Kind::Artifact,
                                                                offer.repository, offer.path, tag));
                },
                next);
        });
        Q_EMIT dialogOpened(box);
        box->show();
    }
}

QMessageBox *
MainWindow::confirmCancellingUploads(int count, const QString &question, std::function<void()> then)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Uploads Running"),
                                tr("%n upload(s) are still running.", nullptr, count),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("cancelUploadsQuestion"));
    box->setInformativeText(question);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [box, then = std::move(then)] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            then();
    });
    openDialog(box);
    return box;
}

// Closing with uploads running asks first (without blocking); Yes cancels them and closes.
bool MainWindow::mayClose()
{
    const int running = activeUploads();
    if (running == 0 || m_closeConfirmed)
        return true;
    if (m_closeQuestion && m_closeQuestion->isVisible()) {
        m_closeQuestion->raise();
        return false;
    }
    m_closeQuestion = confirmCancellingUploads(running, tr("Quit and cancel them?"), [this] {
        cancelAllUploads();
        m_closeConfirmed = true;
        close();
        m_closeConfirmed = false;
    });
    return false;
}

} // namespace Berth
