#include "ui/busydelegate.h"

#include "models/lockcolumns.h"
#include "ui/icons.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace Berth {

namespace {
constexpr int FrameMs = 80;
constexpr int Frames = 12;
} // namespace

BusyDelegate::BusyDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    m_timer.setInterval(FrameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_frame = (m_frame + 1) % Frames;
        m_view->viewport()->update();
    });
}

void BusyDelegate::setAnimating(bool animating)
{
    if (animating == m_timer.isActive())
        return;
    if (animating)
        m_timer.start();
    else
        m_timer.stop();
    m_view->viewport()->update();
}

void BusyDelegate::paint(QPainter *painter,
                         const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (index.column() != 0)
        return;
    const int side = qMin(option.rect.height() - 4, 16);
    if (side <= 4)
        return;
    const QRect mark(option.rect.right() - side - 4, option.rect.center().y() - side / 2, side,
                     side);
    if (index.data(Roles::Busy).toBool()) {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QPen pen(option.palette.color(QPalette::Highlight), 2.0);
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        // Qt angles are in 1/16 degree; a 270° arc that turns a step per frame.
        painter->drawArc(mark.adjusted(2, 2, -2, -2), -m_frame * (360 / Frames) * 16, 270 * 16);
        painter->restore();
    } else if (!index.data(Roles::Error).toString().isEmpty()) {
        QIcon icon = Icons::icon(QStringLiteral("error"));
        if (icon.isNull())
            icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        icon.paint(painter, mark);
    }
}

} // namespace Berth
