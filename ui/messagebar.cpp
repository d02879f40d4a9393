#include "ui/messagebar.h"

#include "ui/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace Berth {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retryButton(new QPushButton(tr("&Retry"), this))
    , m_closeButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setAccessibleName(tr("Message"));

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    QIcon errorIcon = Icons::icon(QStringLiteral("error"));
    if (errorIcon.isNull())
        errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this);
    m_icon->setPixmap(errorIcon.pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignTop);

    // The registry's message is shown as text, never read as markup.
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_retryButton->setIcon(Icons::icon(QStringLiteral("retry")));
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    connect(m_retryButton, &QPushButton::clicked, this, &MessageBar::retry);

    QIcon closeIcon = Icons::icon(QStringLiteral("close"));
    if (closeIcon.isNull())
        closeIcon = style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this);
    m_closeButton->setIcon(closeIcon);
    m_closeButton->setAutoRaise(true);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setToolTip(tr("Dismiss"));
    m_closeButton->setAccessibleName(tr("Dismiss"));
    connect(m_closeButton, &QToolButton::clicked, this, &MessageBar::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retryButton);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showError(const QString &context,
                           const RegistryError &error,
                           std::function<void()> retryFn,
                           const QObject *subject)
{
    const QString detail = error.toString();
    showMessage(context.isEmpty() ? detail : tr("%1: %2").arg(context, detail), std::move(retryFn),
                subject);
}

void MessageBar::showMessage(const QString &text,
                             std::function<void()> retryFn,
                             const QObject *subject)
{
    disconnect(m_subjectGone);
    m_subject = subject;
    if (subject)
        m_subjectGone = connect(subject, &QObject::destroyed, this, &MessageBar::dismiss);
    m_text->setText(text);
    m_retry = std::move(retryFn);
    m_retryButton->setVisible(bool(m_retry));
    show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::retry()
{
    std::function<void()> fn = std::move(m_retry);
    m_retry = {};
    disconnect(m_subjectGone);
    m_subject.clear();
    hide();
    if (fn)
        fn();
}

void MessageBar::dismiss()
{
    disconnect(m_subjectGone);
    m_subject.clear();
    m_retry = {};
    hide();
    Q_EMIT dismissed();
}

void MessageBar::dismissAbout(const QObject *subject)
{
    if (subject && m_subject == subject && !isHidden())
        dismiss();
}

} // namespace Berth
