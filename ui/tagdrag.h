#pragma once

#include "ui/directsave.h"

#include <QObject>
#include <QPoint>
#include <QStringList>

#include <functional>

class QAbstractItemView;
class QMimeData;
class QRubberBand;
class QTableView;

namespace Berth {

class RegistryClient;
class RepositoryModel;
class RepositoryPane;

// Tags dragged out of the tag table: the MIME payload names the registry (by its client,
// valid within this process only), the repository and the tags, and carries the pull
// references as text (host/repo:tag, one a line) for any other place they are dropped.
inline const QString TagsMimeType = QStringLiteral("application/x-berth-tags");

// Tags of `repo` dropped onto `targetRepo` (empty: the registry itself) of `target`.
struct TagDrop
{
    RegistryClient *source = nullptr;
    QString repo;
    QStringList tags;
    RegistryClient *target = nullptr;
    QString targetRepo;
};

QMimeData *tagsMimeData(const RegistryClient *client, const QString &repo, const QStringList &tags);
// The same into `mime`.
void fillTagsMimeData(QMimeData *mime,
                      const RegistryClient *client,
                      const QString &repo,
                      const QStringList &tags);

// Starts a drag of the highlighted tags when the mouse moves far enough from a press on a
// highlighted row of `pane`'s tag table. A child of the table. Under X11 one tag can also be
// dropped onto a file manager (ui/xdsdrag.h): `saveDropped` then hears where to save it
// and says whether it did.
class TagDragSource : public QObject
{
    Q_OBJECT
public:
    using SaveDropped = std::function<bool(RegistryClient *client,
                                           const QString &repo,
                                           const QString &tag,
                                           const DirectSave::Target &target)>;
    TagDragSource(RepositoryPane *pane, SaveDropped saveDropped);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMimeData *mimeDataFor(const QStringList &tags) const;

    RepositoryPane *m_pane;
    SaveDropped m_saveDropped;
    QPoint m_pressed{-1, -1};
};

// Makes the tree accept dragged tags on a registry or a repository (the row is highlighted
// while over it) and says tagsDropped() with the client that is still in the tree. Filters
// the viewport's drag events; other drags pass on. A child of the tree.
class TagDropArea : public QObject
{
    Q_OBJECT
public:
    TagDropArea(QAbstractItemView *tree, RepositoryModel *repositories);

Q_SIGNALS:
    void tagsDropped(const Berth::TagDrop &drop);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Payload
    {
        RegistryClient *client = nullptr; // nullptr: not one of the tree's
        QString repo;
        QStringList tags;
    };
    Payload payloadOf(const QMimeData *mime) const;

    QAbstractItemView *m_tree;
    RepositoryModel *m_repositories;
    QRubberBand *m_highlight;
};

} // namespace Berth
