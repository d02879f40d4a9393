#include "ui/tablesetup.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

namespace Berth {

namespace {
// Watches the view's width and switches the lock titles between words and letters.
class ColumnFitter : public QObject
{
public:
    ColumnFitter(QTableView *view,
                 QList<int> stretch,
                 int firstLockColumn,
                 int minStretchWidth,
                 std::function<void(bool)> compactLocks)
        : QObject(view)
        , m_view(view)
        , m_stretch(std::move(stretch))
        , m_firstLock(firstLockColumn)
        , m_minStretch(minStretchWidth)
        , m_compactLocks(std::move(compactLocks))
    {
        // The lock columns with their full titles (read now, before any are compacted).
        const QHeaderView *header = view->horizontalHeader();
        const int margin = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin);
        const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize) + margin;
        for (int column = m_firstLock; column < m_firstLock + 4; ++column) {
            const QString title
                = view->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
            // + the sort indicator a header may draw beside the title
            m_fullLocks += qMax(icon, header->fontMetrics().horizontalAdvance(title) + margin
                                          + view->style()->pixelMetric(QStyle::PM_HeaderMarkSize));
        }
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize && watched == m_view->viewport())
            fit();
        return false;
    }

private:
    void fit()
    {
        const QHeaderView *header = m_view->horizontalHeader();
        int needed = m_fullLocks + int(m_stretch.size()) * m_minStretch;
        for (int column = 0; column < m_firstLock; ++column) {
            if (!m_stretch.contains(column) && !header->isSectionHidden(column))
                needed += header->sectionSize(column);
        }
        const bool compact = m_view->viewport()->width() < needed;
        if (compact != m_compact) {
            m_compact = compact;
            m_compactLocks(compact);
        }
    }

    QTableView *m_view;
    QList<int> m_stretch;
    int m_firstLock;
    int m_minStretch;
    std::function<void(bool)> m_compactLocks;
    int m_fullLocks = 0;
    bool m_compact = false;
};
} // namespace

void setUpItemTable(QTableView *view, QAbstractItemModel *model, int firstLockColumn)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab goes to the next pane, not the next cell
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSortIndicatorShown(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // server order
    view->setSortingEnabled(true);
    // The lock columns fit what is on screen: measuring up to 1,000 rows of each after every
    // page was a quarter of the cost of loading 20,000 tags (bench/README.md).
    view->horizontalHeader()->setResizeContentsPrecision(0);
    for (int column = firstLockColumn; column < firstLockColumn + 4; ++column)
        view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
}

void keepColumnsOnScreen(QTableView *view,
                         const QList<int> &stretch,
                         int firstLockColumn,
                         int minStretchWidth,
                         std::function<void(bool)> compactLocks)
{
    for (const int column : stretch)
        view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    new ColumnFitter(view, stretch, firstLockColumn, minStretchWidth, std::move(compactLocks));
}

} // namespace Berth
