#pragma once

#include "core/result.h"
#include "upload/imagesource.h"

#include <QList>
#include <QObject>
#include <QRect>
#include <QString>
#include <QStringList>

#include <functional>

class QAbstractItemView;
class QMimeData;
class QRubberBand;

namespace Berth {

class RegistryClient;

// What to do with one dropped path.
struct UploadDropAction
{
    enum class Kind {
        PushImage, // an OCI image layout directory or an image archive: ask for a tag, push it
        PushBlob,  // any other file: push it as a blob
        Refuse,    // a directory that is no image layout, a path that is gone: say `message`
    };
    Kind kind = Kind::Refuse;
    QString path;
    QString repository;
    QString message; // Refuse: why, translated
};

// The local files among `mime`'s URLs, in order (other URLs are left out).
QStringList droppedLocalFiles(const QMimeData *mime);
// One action per local file of `mime`, in order. Decides by looking at the paths only
// (isImageSource() is cheap), so it runs on the GUI thread and asks nothing.
QList<UploadDropAction> planUploadDrop(const QMimeData *mime, const QString &repository);
// The same for local paths (chosen in a file dialog).
QList<UploadDropAction> planUpload(const QStringList &paths, const QString &repository);
// An image's path for a file chosen in a file dialog: an OCI layout's directory for its
// index.json or oci-layout file (a file dialog cannot choose a directory and files alike),
// else `chosen` itself.
QString imagePathOf(const QString &chosen);

// `name` made a valid tag (isValidTag() in core/reference.h): other characters become '-', a
// leading '.' or '-' goes, at most 128 characters; "latest" when nothing is left.
QString tagFromName(const QString &name);

// Reads the names of the images at `path` (listImages(); a compressed archive is
// decompressed first, and its copy comes along for the push) on a thread of its own and calls
// `done` with them on `context`'s thread; nothing when `context` is gone by then.
void readImageNames(const QString &path,
                    QObject *context,
                    std::function<void(const Result<ImageListing> &listing)> done);

// Where a drop goes: a repository of a registry, and what to highlight while dragging.
struct UploadDropTarget
{
    RegistryClient *client = nullptr;
    QString repository;
    QRect highlight; // in the viewport's coordinates

    bool isValid() const { return client && !repository.isEmpty(); }
};

// Makes `view` accept local files dropped onto the repository that `locate` finds under the
// cursor: the target is highlighted while dragging, the drop is accepted only over one, and
// dropped() says what to do. Filters the viewport's drag events (the view's own drag and
// drop stays off); a child of the view.
class UploadDropArea : public QObject
{
    Q_OBJECT
public:
    using Locator = std::function<UploadDropTarget(const QPoint &viewportPos)>;

    UploadDropArea(QAbstractItemView *view, Locator locate);

    // The highlight shown while a drag is over a target (hidden otherwise).
    QRubberBand *highlight() const { return m_highlight; }

Q_SIGNALS:
    void dropped(Berth::RegistryClient *client,
                 const QString &repository,
                 const QList<Berth::UploadDropAction> &actions);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setHighlight(const QRect &rect);

    QAbstractItemView *m_view;
    Locator m_locate;
    QRubberBand *m_highlight;
};

} // namespace Berth
