#include "ui/uploaddock.h"

#include "models/jobtransfer.h"
#include "models/uploadqueuemodel.h"
#include "ui/icons.h"
#include "upload/uploadworker.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPersistentModelIndex>
#include <QStyle>
#include <QStyleOptionProgressBar>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Berth {

namespace {
const QString RowButtonsName = QStringLiteral("uploadRowButtons");

// The theme's icon by its freedesktop name, else the style's own.
QIcon iconFor(const QString &themeName, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    const QIcon icon = Icons::icon(themeName);
    return icon.isNull() ? widget->style()->standardIcon(fallback, nullptr, widget) : icon;
}

// The Progress column as a progress bar with the percentage on it; plain text while the
// size is not known yet.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const int progress = index.data(UploadQueueModel::ProgressRole).toInt();
        if (progress < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        // The cell's background and selection first, without its text.
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        bar.direction = option.direction;
        bar.state = (option.state & QStyle::State_Enabled) | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = progress;
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};
} // namespace

UploadDock::UploadDock(UploadQueueModel *model, QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_emptyHint(new QLabel(this))
    , m_cancel(makeAction(QStringLiteral("process-stop"),
                          QStyle::SP_BrowserStop,
                          tr("&Cancel"),
                          QStringLiteral("cancelUploadsAction"),
                          &UploadDock::cancelSelected))
    , m_pause(makeAction(QStringLiteral("media-playback-pause"),
                         QStyle::SP_MediaPause,
                         tr("&Pause"),
                         QStringLiteral("pauseUploadsAction"),
                         &UploadDock::pauseSelected))
    , m_resume(makeAction(QStringLiteral("media-playback-start"),
                          QStyle::SP_MediaPlay,
                          tr("Res&ume"),
                          QStringLiteral("resumeUploadsAction"),
                          &UploadDock::resumeSelected))
    , m_retry(makeAction(QStringLiteral("view-refresh"),
                         QStyle::SP_BrowserReload,
                         tr("&Retry"),
                         QStringLiteral("retryUploadsAction"),
                         &UploadDock::retrySelected))
    , m_clearFinished(makeAction(QStringLiteral("edit-clear"),
                                 QStyle::SP_DialogResetButton,
                                 tr("C&lear Finished"),
                                 QStringLiteral("clearFinishedUploadsAction"),
                                 &UploadDock::clearFinished))
{
    setObjectName(QStringLiteral("uploadDock"));
    m_clearFinished->setToolTip(tr("Remove the finished transfers from the list"));

    m_view->setObjectName(QStringLiteral("uploadTable"));
    m_view->setAccessibleName(tr("Transfers"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(UploadQueueModel::Progress, new ProgressDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    // Widths from the font, not from the rows; the buttons' column as wide as its buttons.
    const QFontMetrics metrics = fontMetrics();
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + 12;
    auto width = [&](const QString &sample) {
        return metrics.horizontalAdvance(sample) + padding;
    };
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UploadQueueModel::Name, QHeaderView::Stretch);
    m_view->setColumnWidth(UploadQueueModel::Repository, metrics.horizontalAdvance(u'8') * 24);
    m_view->setColumnWidth(UploadQueueModel::Progress, width(QStringLiteral("888888888888")));
    m_view->setColumnWidth(UploadQueueModel::Size, width(QStringLiteral("888.8 MB of 888.8 MB")));
    m_view->setColumnWidth(UploadQueueModel::Rate, width(QStringLiteral("888.8 MB/s")));
    m_view->setColumnWidth(UploadQueueModel::TimeLeft, width(QStringLiteral("88 min 88 s")));
    m_view->setColumnWidth(UploadQueueModel::State,
                           width(UploadQueueModel::stateName(UploadState::Cancelled)));
    {
        QToolButton sample;
        sample.setIcon(m_cancel->icon());
        sample.setAutoRaise(true);
        const QSize button = sample.sizeHint();
        header->setSectionResizeMode(UploadQueueModel::Actions, QHeaderView::Fixed);
        m_view->setColumnWidth(UploadQueueModel::Actions, 3 * button.width() + 8);
        m_view->verticalHeader()->setDefaultSectionSize(
            qMax(m_view->verticalHeader()->defaultSectionSize(), button.height() + 2));
    }

    auto *tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("uploadToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setIconSize(QSize(16, 16));
    tools->addActions({m_cancel, m_pause, m_resume, m_retry});
    tools->addSeparator();
    tools->addAction(m_clearFinished);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(tools);
    layout->addWidget(m_view);
    layout->addWidget(m_emptyHint, 1);
    setWidget(content);

    // Until the first transfer, what can be dropped where.
    m_emptyHint->setObjectName(QStringLiteral("uploadsEmptyHint"));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setMargin(12);
    m_emptyHint->setText(
        tr("No transfers yet. Drop files onto a repository in the tree, or onto the open "
           "repository's tags or manifests: an image (an OCI layout directory or a docker save "
           "or oci-archive tar) is pushed under a tag you choose, any other file as a blob you "
           "can then tag. Drag tags onto another repository or registry in the tree to copy "
           "them, onto their own repository to tag them again. A tag's context menu also has "
           "Copy To…, Add Tag… and Save Image As…; Registry ▸ Push File… and Push Image… push "
           "to the open repository."));

    connect(m_view, &QWidget::customContextMenuRequested, this, &UploadDock::contextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UploadDock::updateActions);
    // (After the view's own handlers: the new rows are in the view by then.)
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                addRowButtons(first, last);
                updateActions();
            });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                updateRowButtons(topLeft.row(), bottomRight.row());
                updateActions();
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &UploadDock::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        addRowButtons(0, m_model->rowCount() - 1);
        updateActions();
    });
    connect(m_model, &UploadQueueModel::overallChanged, this, &UploadDock::updateTitle);
    addRowButtons(0, m_model->rowCount() - 1);
    updateActions();
    updateTitle();
}

// An action on the selected rows: the theme's icon (or the style's `fallback`), `text`,
// `objectName` (tests find it by that), running `slot`.
QAction *UploadDock::makeAction(const QString &icon,
                                QStyle::StandardPixmap fallback,
                                const QString &text,
                                const QString &objectName,
                                void (UploadDock::*slot)())
{
    auto *action = new QAction(iconFor(icon, fallback, this), text, this);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

QWidget *UploadDock::rowButtons(int row) const
{
    return m_view->indexWidget(m_model->index(row, UploadQueueModel::Actions));
}

QToolButton *UploadDock::rowButton(int row, const QString &name) const
{
    QWidget *buttons = rowButtons(row);
    return buttons ? buttons->findChild<QToolButton *>(name) : nullptr;
}

bool UploadDock::allows(int row, Op op) const
{
    if (row < 0 || row >= m_model->rowCount() || (!m_model->worker(row) && !m_model->transfer(row)))
        return false;
    const UploadState state = m_model->status(row).state;
    if (m_model->transfer(row) && (op == Op::Pause || op == Op::Resume))
        return false; // a download or copy does not pause
    switch (op) {
    case Op::Cancel:
        return !isFinal(state);
    case Op::Pause:
        return !isFinal(state) && state != UploadState::Paused;
    case Op::Resume:
        return state == UploadState::Paused;
    case Op::Retry:
        return state == UploadState::Failed || state == UploadState::Cancelled;
    }
    return false;
}

void UploadDock::apply(int row, Op op)
{
    if (!allows(row, op))
        return;
    if (JobTransfer *transfer = m_model->transfer(row)) {
        if (op == Op::Cancel)
            transfer->cancel();
        else if (op == Op::Retry)
            transfer->retry();
        return;
    }
    UploadWorker *worker = m_model->worker(row);
    const int id = m_model->status(row).id;
    switch (op) {
    case Op::Cancel:
        worker->cancel(id);
        break;
    case Op::Pause:
        worker->pause(id);
        break;
    case Op::Resume:
        worker->resume(id);
        break;
    case Op::Retry:
        worker->retry(id);
        break;
    }
}

QList<int> UploadDock::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void UploadDock::applyToSelection(Op op)
{
    for (const int row : selectedRows())
        apply(row, op);
}

void UploadDock::cancelSelected()
{
    applyToSelection(Op::Cancel);
}

void UploadDock::pauseSelected()
{
    applyToSelection(Op::Pause);
}

void UploadDock::resumeSelected()
{
    applyToSelection(Op::Resume);
}

void UploadDock::retrySelected()
{
    applyToSelection(Op::Retry);
}

void UploadDock::clearFinished()
{
    m_model->removeFinished();
}

void UploadDock::addRowButtons(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        auto *buttons = new QWidget;
        buttons->setObjectName(RowButtonsName);
        auto *layout = new QHBoxLayout(buttons);
        layout->setContentsMargins(2, 0, 2, 0);
        layout->setSpacing(0);
        const QPersistentModelIndex target = m_model->index(row, UploadQueueModel::Actions);
        auto add = [&](const QString &name, const QAction *like, auto onClick) {
            auto *button = new QToolButton(buttons);
            button->setObjectName(name);
            button->setAutoRaise(true);
            button->setIcon(like->icon());
            button->setText(like->text());
            button->setToolTip(like->text().remove(u'&'));
            button->setAccessibleName(button->toolTip());
            connect(button, &QToolButton::clicked, this, [target, onClick] {
                if (target.isValid())
                    onClick(target.row());
            });
            layout->addWidget(button);
        };
        add(CancelButton, m_cancel, [this](int at) { apply(at, Op::Cancel); });
        add(PauseResumeButton, m_pause,
            [this](int at) { apply(at, allows(at, Op::Resume) ? Op::Resume : Op::Pause); });
        add(RetryButton, m_retry, [this](int at) { apply(at, Op::Retry); });
        layout->addStretch(1);
        m_view->setIndexWidget(target, buttons);
    }
    updateRowButtons(first, last);
}

void UploadDock::updateRowButtons(int first, int last)
{
    for (int row = qMax(first, 0); row <= last && row < m_model->rowCount(); ++row) {
        QWidget *buttons = rowButtons(row);
        if (!buttons)
            continue;
        buttons->findChild<QToolButton *>(CancelButton)->setEnabled(allows(row, Op::Cancel));
        auto *pauseResume = buttons->findChild<QToolButton *>(PauseResumeButton);
        const bool paused = m_model->status(row).state == UploadState::Paused;
        const QAction *like = paused ? m_resume : m_pause;
        pauseResume->setIcon(like->icon());
        pauseResume->setText(like->text());
        pauseResume->setToolTip(like->text().remove(u'&'));
        pauseResume->setAccessibleName(pauseResume->toolTip());
        pauseResume->setEnabled(allows(row, paused ? Op::Resume : Op::Pause));
        buttons->findChild<QToolButton *>(RetryButton)->setEnabled(allows(row, Op::Retry));
    }
}

void UploadDock::updateActions()
{
    const bool empty = m_model->rowCount() == 0;
    m_emptyHint->setVisible(empty);
    m_view->setVisible(!empty);
    bool cancel = false, pause = false, resume = false, retry = false;
    for (const int row : selectedRows()) {
        cancel |= allows(row, Op::Cancel);
        pause |= allows(row, Op::Pause);
        resume |= allows(row, Op::Resume);
        retry |= allows(row, Op::Retry);
    }
    m_cancel->setEnabled(cancel);
    m_pause->setEnabled(pause);
    m_resume->setEnabled(resume);
    m_retry->setEnabled(retry);
    bool finished = false;
    for (int row = 0; row < m_model->rowCount() && !finished; ++row)
        finished = isFinal(m_model->status(row).state);
    m_clearFinished->setEnabled(finished);
}

void UploadDock::updateTitle()
{
    if (m_model->activeCount() == 0) {
        setWindowTitle(tr("Transfers"));
        return;
    }
    // What each unfinished row is doing: a paused or waiting one is not "running".
    QStringList parts;
    if (const int running = m_model->runningCount())
        parts << tr("%n running", nullptr, running);
    if (const int paused = m_model->countIn(UploadState::Paused))
        parts << tr("%n paused", nullptr, paused);
    if (const int waiting = m_model->countIn(UploadState::Queued))
        parts << tr("%n waiting", nullptr, waiting);
    const qint64 total = m_model->totalBytes();
    const int percent = total > 0 ? int(m_model->sentBytes() * 100 / total) : 0;
    parts << tr("%1 %").arg(percent);
    setWindowTitle(tr("Transfers — %1").arg(parts.join(QStringLiteral(", "))));
}

void UploadDock::contextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row()))
        m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                    | QItemSelectionModel::Rows);
    updateActions();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({m_cancel, m_pause, m_resume, m_retry});
    menu->addSeparator();
    menu->addAction(m_clearFinished);
    menu->popup(m_view->viewport()->mapToGlobal(pos)); // returns at once: no nested event loop
}

} // namespace Berth
