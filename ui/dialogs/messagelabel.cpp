#include "ui/dialogs/messagelabel.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLayout>
#include <QProgressBar>
#include <QStyle>
#include <QTimer>

namespace Berth {

namespace {

QIcon iconFor(const QStyle *style, MessageLabel::Kind kind)
{
    switch (kind) {
    case MessageLabel::Kind::Info:
    case MessageLabel::Kind::Progress:
        return QIcon::fromTheme(QStringLiteral("dialog-information"),
                                style->standardIcon(QStyle::SP_MessageBoxInformation));
    case MessageLabel::Kind::Success:
        return QIcon::fromTheme(QStringLiteral("dialog-ok"),
                                style->standardIcon(QStyle::SP_DialogApplyButton));
    case MessageLabel::Kind::Error:
        return QIcon::fromTheme(QStringLiteral("dialog-error"),
                                style->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    return {};
}

} // namespace

MessageLabel::MessageLabel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setVisible(false);
}

void MessageLabel::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(iconFor(style(), kind).pixmap(size, size));
    m_text->setText(text);
    m_text->setAccessibleName(text);
    setVisible(!text.isEmpty());
    growToFit(window());
}

void MessageLabel::clear()
{
    m_kind = Kind::Info;
    m_text->clear();
    setVisible(false);
}

QString MessageLabel::text() const
{
    return m_text->text();
}

void growToFit(QWidget *window)
{
    if (!window || !window->isVisible() || !window->layout())
        return;
    // After the layout requests that the change posted, so the size hints are current.
    QTimer::singleShot(0, window, [window] {
        window->layout()->activate();
        int height = window->sizeHint().height();
        if (window->hasHeightForWidth())
            height = qMax(height, window->heightForWidth(window->width()));
        if (height > window->height())
            window->resize(window->width(), height);
    });
}

ProgressLine addProgressLine(QBoxLayout *layout, QWidget *dialog)
{
    auto *progress = new QProgressBar(dialog);
    progress->setObjectName(QStringLiteral("progress"));
    progress->setVisible(false);
    layout->addWidget(progress);
    auto *message = new MessageLabel(dialog);
    message->setObjectName(QStringLiteral("message"));
    layout->addWidget(message);
    return {progress, message};
}

} // namespace Berth
