#pragma once

#include <QStyledItemDelegate>
#include <QTimer>

class QAbstractItemView;

namespace Berth {

// Draws the tree's first column as usual, plus a turning arc at the right edge of a row
// whose data is on its way (Roles::Busy) and an error icon on a row that failed to load
// (Roles::Error). The arc turns while setAnimating(true).
class BusyDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit BusyDelegate(QAbstractItemView *view);

    void setAnimating(bool animating);
    bool isAnimating() const { return m_timer.isActive(); }

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QAbstractItemView *m_view;
    QTimer m_timer;
    int m_frame = 0;
};

} // namespace Berth
