#pragma once

#include <QDockWidget>
#include <QStyle>

class QAction;
class QLabel;
class QTableView;
class QToolButton;

namespace Berth {

class UploadQueueModel;

// The Transfers dock at the bottom of the window: one row per upload, download (Save Image
// As…) or copy with its progress bar, size, rate, time left and state, and in the last column
// the row's own buttons: cancel, pause (resume once paused; uploads only), retry. A tool bar
// and the context menu act on the selected rows; "Clear Finished" drops the finished ones.
// The title says how far the queue is ("Transfers — 2 running, 45 %"). Empty, the dock says
// what can be dropped where.
class UploadDock : public QDockWidget
{
    Q_OBJECT
public:
    // Object names of a row's buttons (children of rowButtons(row)).
    static inline const QString CancelButton = QStringLiteral("cancelUploadButton");
    static inline const QString PauseResumeButton = QStringLiteral("pauseResumeUploadButton");
    static inline const QString RetryButton = QStringLiteral("retryUploadButton");

    explicit UploadDock(UploadQueueModel *model, QWidget *parent = nullptr);

    UploadQueueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // What the dock says while it has no uploads: what can be dropped where.
    QLabel *emptyHint() const { return m_emptyHint; }
    // The widget holding `row`'s buttons, and one of them by its object name.
    QWidget *rowButtons(int row) const;
    QToolButton *rowButton(int row, const QString &name) const;

    QAction *cancelAction() const { return m_cancel; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *retryAction() const { return m_retry; }
    QAction *clearFinishedAction() const { return m_clearFinished; }

public Q_SLOTS:
    // These act on the selected rows that allow it.
    void cancelSelected();
    void pauseSelected();
    void resumeSelected();
    void retrySelected();
    void clearFinished();

private:
    enum class Op { Cancel, Pause, Resume, Retry };

    QAction *makeAction(const QString &icon,
                        QStyle::StandardPixmap fallback,
                        const QString &text,
                        const QString &objectName,
                        void (UploadDock::*slot)());

    bool allows(int row, Op op) const;
    void apply(int row, Op op);
    void applyToSelection(Op op);
    QList<int> selectedRows() const;
    void addRowButtons(int first, int last);
    void updateRowButtons(int first, int last);
    void updateActions();
    void updateTitle();
    void contextMenu(const QPoint &pos);

    UploadQueueModel *m_model;
    QTableView *m_view;
    QLabel *m_emptyHint;
    QAction *m_cancel;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_retry;
    QAction *m_clearFinished;
};

} // namespace Berth
