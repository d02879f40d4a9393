#pragma once

#include "core/registryerror.h"

#include <QFrame>
#include <QPointer>

#include <functional>

class QLabel;
class QToolButton;
class QPushButton;

namespace Berth {

// A dismissible bar above the views that says what went wrong: an icon, one line of
// context ("Could not list the tags of hello-world") with the registry's own message,
// a Retry button when the failed thing can be retried, and a close button. One message at
// a time: a newer one replaces the shown one. Hidden while there is nothing to say.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    // `retry` (optional) runs when the user presses Retry; the bar hides first.
    // `subject` (optional) is what the message is about, such as a registry's client: the
    // bar hides when it is destroyed or dismissAbout() names it.
    void showError(const QString &context,
                   const RegistryError &error,
                   std::function<void()> retry = {},
                   const QObject *subject = nullptr);
    void showMessage(const QString &text,
                     std::function<void()> retry = {},
                     const QObject *subject = nullptr);

    QString text() const;
    bool canRetry() const { return bool(m_retry); }
    QPushButton *retryButton() const { return m_retryButton; }
    QToolButton *closeButton() const { return m_closeButton; }

public Q_SLOTS:
    void retry();
    void dismiss();
    // Hides the message if it is about `subject` (e.g. a registry that was just removed).
    void dismissAbout(const QObject *subject);

Q_SIGNALS:
    void dismissed();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retryButton;
    QToolButton *m_closeButton;
    std::function<void()> m_retry;
    QPointer<const QObject> m_subject;
    QMetaObject::Connection m_subjectGone;
};

} // namespace Berth
