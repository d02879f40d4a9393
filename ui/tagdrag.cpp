#include "ui/tagdrag.h"

#include "models/repositorymodel.h"
#include "registry/registryclient.h"
#include "ui/repositorypane.h"
#include "ui/xdsdrag.h"

#include <QApplication>
#include <QDrag>
#include <QDropEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QMouseEvent>
#include <QPointer>
#include <QRubberBand>
#include <QTableView>
#include <QVariant>

namespace Berth {

QMimeData *tagsMimeData(const RegistryClient *client, const QString &repo, const QStringList &tags)
{
    auto *mime = new QMimeData;
    fillTagsMimeData(mime, client, repo, tags);
    return mime;
}

void fillTagsMimeData(QMimeData *mime,
                      const RegistryClient *client,
                      const QString &repo,
                      const QStringList &tags)
{
    QStringList references;
    for (const QString &tag : tags)
        references << client->registryHost() + u'/' + repo + u':' + tag;
    const QJsonObject payload{
        {QStringLiteral("client"), QString::number(quintptr(client))},
        {QStringLiteral("repository"), repo},
        {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
    };
    mime->setData(TagsMimeType, QJsonDocument(payload).toJson(QJsonDocument::Compact));
    mime->setText(references.join(u'\n'));
}

TagDragSource::TagDragSource(RepositoryPane *pane, SaveDropped saveDropped)
    : QObject(pane->tagView())
    , m_pane(pane)
    , m_saveDropped(std::move(saveDropped))
{
    pane->tagView()->viewport()->installEventFilter(this);
}

bool TagDragSource::eventFilter(QObject *watched, QEvent *event)
{
    QTableView *view = m_pane->tagView();
    if (watched != view->viewport())
        return false;
    if (event->type() == QEvent::MouseButtonPress) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const QModelIndex at = view->indexAt(mouse->position().toPoint());
        const bool onHighlight = mouse->button() == Qt::LeftButton && at.isValid()
                                 && view->selectionModel()->isRowSelected(at.row());
        // A plain press on a highlighted row keeps the highlight (it may start a drag); the
        // release without a drag then highlights that row only, as a click does.
        const bool keep = onHighlight && mouse->modifiers() == Qt::NoModifier;
        m_pressed = keep ? mouse->position().toPoint() : QPoint(-1, -1);
        if (keep)
            view->setFocus(Qt::MouseFocusReason);
        return keep;
    }
    if (event->type() == QEvent::MouseButtonRelease && m_pressed.x() >= 0) {
        const QModelIndex at = view->indexAt(m_pressed);
        m_pressed = {-1, -1};
        view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect
                                                        | QItemSelectionModel::Rows);
        return true;
    }
    if (event->type() != QEvent::MouseMove || m_pressed.x() < 0)
        return false;
    auto *mouse = static_cast<QMouseEvent *>(event);
    if ((mouse->position().toPoint() - m_pressed).manhattanLength()
        < QApplication::startDragDistance())
        return true;
    m_pressed = {-1, -1};
    QStringList tags;
    for (const TagInfo &tag : m_pane->selectedTags())
        tags << tag.name;
    if (tags.isEmpty() || !m_pane->client())
        return true;
    auto *drag = new QDrag(view);
    QMimeData *mime = mimeDataFor(tags);
    drag->setMimeData(mime);
    // The platform's drag loop; the drop site acts.
    if (auto *xds = qobject_cast<XdsMimeData *>(mime))
        XdsMimeData::exec(drag, xds, Qt::CopyAction);
    else
        drag->exec(Qt::CopyAction);
    return true;
}

// One tag under X11 may also be saved by a file manager it is dropped onto.
QMimeData *TagDragSource::mimeDataFor(const QStringList &tags) const
{
    RegistryClient *client = m_pane->client();
    const QString repo = m_pane->repository();
    if (tags.size() != 1 || !m_saveDropped || !XdsMimeData::isAvailable())
        return tagsMimeData(client, repo, tags);
    const QPointer<RegistryClient> guard(client);
    const QString &tag = tags.first();
    auto *mime
        = new XdsMimeData(DirectSave::fileName(repo, tag), [save = m_saveDropped, guard, repo,
                                                            tag](const DirectSave::Target &target) {
              return save(guard, repo, tag, target); // (gone: nullptr)
          });
    fillTagsMimeData(mime, client, repo, tags);
    return mime;
}

TagDropArea::TagDropArea(QAbstractItemView *tree, RepositoryModel *repositories)
    : QObject(tree)
    , m_tree(tree)
    , m_repositories(repositories)
    , m_highlight(new QRubberBand(QRubberBand::Rectangle, tree->viewport()))
{
    m_highlight->setObjectName(QStringLiteral("tagDropHighlight"));
    m_highlight->hide();
    tree->viewport()->setAcceptDrops(true);
    tree->viewport()->installEventFilter(this);
}

TagDropArea::Payload TagDropArea::payloadOf(const QMimeData *mime) const
{
    Payload payload;
    if (!mime || !mime->hasFormat(TagsMimeType))
        return payload;
    const QJsonObject json = QJsonDocument::fromJson(mime->data(TagsMimeType)).object();
    const quintptr id = json.value(u"client").toString().toULongLong();
    // Only a client the tree holds now: the number is never used as a pointer otherwise.
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        RegistryClient *client = m_repositories->client(m_repositories->index(row, 0));
        if (quintptr(client) == id)
            payload.client = client;
    }
    payload.repo = json.value(u"repository").toString();
    payload.tags = json.value(u"tags").toVariant().toStringList();
    return payload;
}

bool TagDropArea::eventFilter(QObject *watched, QEvent *event)
{
    const auto type = event->type();
    if (watched != m_tree->viewport()
        || (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)) {
        if (type == QEvent::DragLeave)
            m_highlight->hide();
        return false;
    }
    auto *drop = static_cast<QDropEvent *>(event); // (drag enter and move are drop events)
    const Payload payload = payloadOf(drop->mimeData());
    if (!payload.client)
        return false; // not tags of this window: other drop areas may take it
    const QModelIndex at = m_tree->indexAt(drop->position().toPoint()).siblingAtColumn(0);
    const RepositoryModel::Kind kind = m_repositories->kind(at);
    if (!at.isValid() || kind == RepositoryModel::Kind::Folder || payload.tags.isEmpty()) {
        drop->ignore();
        m_highlight->hide();
        return true;
    }
    drop->setDropAction(Qt::CopyAction);
    drop->accept();
    if (type != QEvent::Drop) {
        const QRect row = m_tree->visualRect(at);
        m_highlight->setGeometry(0, row.top(), m_tree->viewport()->width(), row.height());
        m_highlight->show();
        return true;
    }
    m_highlight->hide();
    Q_EMIT tagsDropped({payload.client, payload.repo, payload.tags, m_repositories->client(at),
                        kind == RepositoryModel::Kind::Repository
                            ? m_repositories->repositoryPath(at)
                            : QString()});
    return true;
}

} // namespace Berth
