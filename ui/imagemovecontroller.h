#pragma once

#include "transfer/imagesave.h"
#include "ui/directsave.h"
#include "ui/tagdrag.h"
#include "ui/windowcontroller.h"

#include <QStringList>

namespace Berth {

class JobTransfer;
class RegistryClient;
class UploadQueueModel;

// Moving the images the window shows: Add Tag… (a retag, at once), Copy to… (a copy to
// another repository or registry among the connected ones) and Save Image As… (a pull to an
// OCI layout, an OCI archive or a docker archive) for the highlighted tags or manifests, and
// tags dropped onto the tree (tagsDropped()) or, under X11, onto a file manager
// (saveDropped(), a docker archive where the file manager says). Copies and saves run as rows of
// the Transfers dock (`queue`); each says transferStarted(). A transfer whose registry is removed
// reads Cancelled.
class ImageMoveController : public WindowController
{
    Q_OBJECT
public:
    ImageMoveController(const WindowParts &parts, UploadQueueModel *queue, QObject *parent);

    // What the highlighted rows name: tags, or manifests by digest (empty: nothing).
    QStringList selectedReferences() const;

    // The operations, for the dialogs and drops (and tests).
    void addTag(RegistryClient *client,
                const QString &repo,
                const QString &reference,
                const QString &newTag);
    JobTransfer *copyImage(RegistryClient *source,
                           const QString &repo,
                           const QString &reference,
                           RegistryClient *destination,
                           const QString &destinationRepo,
                           const QString &destinationReference);
    JobTransfer *saveImage(RegistryClient *client,
                           const QString &repo,
                           const QString &reference,
                           const QString &path,
                           SaveFormat format);

public Q_SLOTS:
    // Tag ▸ Add Tag…, Copy to…, Save Image As…: a dialog for the highlighted rows.
    void addTagToSelection();
    void copySelectionTo();
    void saveSelectionAs();
    // A tag dropped onto a file manager (ui/xdsdrag.h): the pull to target.path as a docker
    // archive (podman load takes it), or in the message bar why not. False: not saved.
    bool saveDropped(RegistryClient *client,
                     const QString &repo,
                     const QString &tag,
                     const Berth::DirectSave::Target &target);
    // Tags dropped onto the tree (onto a registry: the same path there): onto their own
    // repository one tag is retagged, else they are copied; a dialog asks for the tag.
    void tagsDropped(const Berth::TagDrop &drop);

Q_SIGNALS:
    void transferStarted();

private:
    void askCopy(RegistryClient *source,
                 const QString &repo,
                 const QStringList &references,
                 RegistryClient *target,
                 const QString &targetRepo);
    void askNewTag(RegistryClient *client, const QString &repo, const QString &reference);
    JobTransfer *track(JobTransfer *transfer, const QList<RegistryClient *> &clients);

    UploadQueueModel *m_queue;
};

} // namespace Berth
