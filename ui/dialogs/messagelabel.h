#pragma once

#include <QWidget>

class QBoxLayout;
class QLabel;
class QProgressBar;

namespace Berth {

// One line (or a few) of feedback inside a dialog: an icon that says what kind of message
// it is and plain, selectable text (a registry's message is never read as markup). Icons
// rather than colours keep it readable in dark themes. Hidden while empty.
class MessageLabel : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Info, Progress, Success, Error };

    explicit MessageLabel(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void showError(const QString &text) { showMessage(Kind::Error, text); }
    void showInfo(const QString &text) { showMessage(Kind::Info, text); }
    void clear();

    Kind kind() const { return m_kind; }
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_text;
    Kind m_kind = Kind::Info;
};

// Makes a visible window tall enough for its (word-wrapped) contents at its current width,
// after a message or warning appeared in it; never shrinks it.
void growToFit(QWidget *window);

// A dialog's hidden progress bar ("progress") and its message line ("message"), added to
// `layout`.
struct ProgressLine
{
    QProgressBar *progress;
    MessageLabel *message;
};
ProgressLine addProgressLine(QBoxLayout *layout, QWidget *dialog);

} // namespace Berth
