#pragma once

#include "ui/uploaddrop.h"
#include "ui/windowcontroller.h"
#include "upload/uploadrequest.h"

#include <QHash>
#include <QPointer>

#include <functional>

class QMessageBox;
class QSettings;

namespace Berth {

class RegistryClient;
class UploadQueueModel;
class UploadWorker;

// The window's uploads: one UploadWorker per registry in the tree (started on the first
// upload with the client's connection settings; `uploads/maxConcurrent` in the settings,
// default 3, bounds how many run at once), the queue of all of them, files dropped onto a
// repository and the tag an image goes under, the offer to tag an uploaded blob, and asking
// before running uploads are cancelled (a reconnect) and before every running transfer is
// (closing the window).
//
// In: uploadDropped(), pushFiles() and pushImage(), stopUploads() for a registry that goes,
// confirmCancelling(). Out: closeApproved() when the user agreed to quit and cancel the transfers.
class TransfersController : public WindowController
{
    Q_OBJECT
public:
    // `queue` (not owned) shows the uploads of every registry.
    TransfersController(const WindowParts &parts, UploadQueueModel *queue, QObject *parent);

    // Where "uploads/maxConcurrent" is read (not owned; nullptr: the default).
    void setSettings(QSettings *settings) { m_settings = settings; }

    // The worker that uploads to `client`'s registry; nullptr for a client not in the tree.
    UploadWorker *worker(RegistryClient *client);
    // Uploads queued, running or paused: of `client`'s registry, or of all (nullptr).
    int activeUploads(const RegistryClient *client = nullptr) const;
    // Rows of the Transfers dock not finished yet: uploads, downloads and copies.
    int activeTransfers() const;
    // Whether the window may close now; with transfers running it asks first (without
    // blocking) and says closeApproved() once the user agreed and they were cancelled.
    bool mayClose();

public Q_SLOTS:
    void uploadDropped(Berth::RegistryClient *client,
                       const QString &repository,
                       const QList<Berth::UploadDropAction> &actions);
    // Registry ▸ Push File… / Push Image…: a file dialog, then what was chosen goes the way of
    // a drop on the open repository.
    void pushFiles();
    void pushImage();
    // Cancels the uploads to `client`'s registry (removed): their rows read Cancelled.
    void stopUploads(const Berth::RegistryClient *client);
    // Asks (window-modal) before `then` cancels `count` running uploads.
    void confirmCancelling(int count, const QString &question, const std::function<void()> &then);

Q_SIGNALS:
    void closeApproved();

private:
    struct ArtifactOffer
    {
        QPointer<RegistryClient> client;
        QString repository;
        QString path;
    };

    void openPushDialog(bool image);
    void cancelAllTransfers();
    void enqueueUpload(RegistryClient *client,
                       UploadRequest::Kind kind,
                       const QString &repository,
                       const QString &path,
                       const QString &tag = {});
    void enqueueUpload(RegistryClient *client, const UploadRequest &request);
    void askImageTag(RegistryClient *client, const QString &repository, const QString &path);
    void askUploadTag(const QString &objectName,
                      const QString &label,
                      const QString &suggested,
                      const std::function<void(const QString &tag)> &use,
                      const std::function<void()> &finished = {});
    void uploadFinished(RegistryClient *client, UploadWorker *worker, const UploadStatus &status);
    void offerNextArtifact();
    void offerArtifact(const ArtifactOffer &offer);
    QMessageBox *askBeforeCancelling(const QString &objectName,
                                     const QString &title,
                                     const QString &running,
                                     const QString &question,
                                     const std::function<void()> &then);

    QSettings *m_settings = nullptr;
    UploadQueueModel *m_queue;
    QHash<const RegistryClient *, UploadWorker *> m_workers;
    QList<ArtifactOffer> m_artifactOffers; // uploaded blobs waiting for the offer to tag them
    bool m_offeringArtifact = false;       // an offer (or its tag question) is open
    QPointer<QMessageBox> m_closeQuestion;
    bool m_closeConfirmed = false;
};

} // namespace Berth
