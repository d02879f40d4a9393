#include "ui/uploaddrop.h"

#include "upload/imagesource.h"

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QDir>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QRubberBand>
#include <QThread>
#include <QUrl>

#include <memory>
#include <optional>

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::UploadDrop)
};

constexpr qsizetype MaxTagLength = 128;

bool isTagCharacter(QChar c)
{
    return (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'_' || c == u'.' || c == u'-';
}

// Desktops offer copy (and often move and link): take a copy, leave the file alone.
void acceptCopy(QDropEvent *event)
{
    if (event->possibleActions() & Qt::CopyAction) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
    } else {
        event->acceptProposedAction();
    }
}
} // namespace

QStringList droppedLocalFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && !url.toLocalFile().isEmpty())
            paths << QDir::cleanPath(url.toLocalFile());
    }
    return paths;
}

QList<UploadDropAction> planUploadDrop(const QMimeData *mime, const QString &repository)
{
    return planUpload(droppedLocalFiles(mime), repository);
}

QList<UploadDropAction> planUpload(const QStringList &paths, const QString &repository)
{
    QList<UploadDropAction> actions;
    for (const QString &path : paths) {
        UploadDropAction action;
        action.path = path;
        action.repository = repository;
        const QFileInfo info(path);
        if (!info.exists()) {
            action.message = Tr::tr("%1 does not exist").arg(QDir::toNativeSeparators(path));
        } else if (isImageSource(path)) {
            action.kind = UploadDropAction::Kind::PushImage;
        } else if (info.isDir()) {
            action.message = Tr::tr("%1 is not an OCI image layout (a directory needs an "
                                    "oci-layout file and an index.json)")
                                 .arg(QDir::toNativeSeparators(path));
        } else {
            action.kind = UploadDropAction::Kind::PushBlob;
        }
        actions << action;
    }
    return actions;
}

QString imagePathOf(const QString &chosen)
{
    const QFileInfo info(chosen);
    const bool layoutFile = info.fileName() == u"index.json" || info.fileName() == u"oci-layout";
    if (layoutFile && isImageSource(info.path()))
        return info.path();
    return chosen;
}

QString tagFromName(const QString &name)
{
    QString tag;
    bool replaced = false; // a run of other characters becomes one '-'
    for (const QChar c : name) {
        if (isTagCharacter(c)) {
            tag += c;
            replaced = false;
        } else if (!replaced) {
            tag += u'-';
            replaced = true;
        }
    }
    if (replaced)
        tag.chop(1); // a trailing run of other characters
    while (!tag.isEmpty() && (tag.front() == u'.' || tag.front() == u'-'))
        tag.remove(0, 1);
    tag.truncate(MaxTagLength);
    return tag.isEmpty() ? QStringLiteral("latest") : tag;
}

void readImageNames(const QString &path,
                    QObject *context,
                    std::function<void(const Result<ImageListing> &listing)> done)
{
    auto result = std::make_shared<std::optional<Result<ImageListing>>>();
    QThread *thread = QThread::create([path, result] { *result = listImages(path); });
    thread->setObjectName(QStringLiteral("berth-image-read"));
    QObject::connect(thread, &QThread::finished, context, [result, done = std::move(done)] {
        if (*result)
            done(**result);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

UploadDropArea::UploadDropArea(QAbstractItemView *view, Locator locate)
    : QObject(view)
    , m_view(view)
    , m_locate(std::move(locate))
    , m_highlight(new QRubberBand(QRubberBand::Rectangle, view->viewport()))
{
    m_highlight->setObjectName(QStringLiteral("uploadDropHighlight"));
    m_highlight->hide();
    // The viewport is the drop site (the deepest widget under the cursor accepting drops).
    view->viewport()->setAcceptDrops(true);
    view->viewport()->installEventFilter(this);
}

void UploadDropArea::setHighlight(const QRect &rect)
{
    if (rect.isEmpty()) {
        m_highlight->hide();
        return;
    }
    m_highlight->setGeometry(rect);
    m_highlight->show();
}

bool UploadDropArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return false;
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        // (QDragEnterEvent is a QDragMoveEvent.)
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (droppedLocalFiles(drag->mimeData()).isEmpty()) {
            setHighlight({});
            return false;
        }
        const UploadDropTarget target = m_locate(drag->position().toPoint());
        if (target.isValid()) {
            acceptCopy(drag);
            setHighlight(target.highlight);
        } else {
            drag->ignore();
            setHighlight({});
        }
        return true;
    }
    case QEvent::DragLeave:
        setHighlight({});
        return false;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        setHighlight({});
        if (droppedLocalFiles(drop->mimeData()).isEmpty())
            return false;
        const UploadDropTarget target = m_locate(drop->position().toPoint());
        if (!target.isValid()) {
            drop->ignore();
            return true;
        }
        acceptCopy(drop);
        Q_EMIT dropped(target.client, target.repository,
                       planUploadDrop(drop->mimeData(), target.repository));
        return true;
    }
    default:
        return false;
    }
}

} // namespace Berth
