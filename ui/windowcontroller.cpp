#include "ui/windowcontroller.h"

#include <QDialog>

namespace Berth {

WindowController::WindowController(const WindowParts &parts, QObject *parent)
    : QObject(parent)
    , m_window(parts.window)
    , m_repositories(parts.repositories)
    , m_tree(parts.tree)
    , m_pane(parts.pane)
    , m_messageBar(parts.messageBar)
{}

void WindowController::openDialog(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    Q_EMIT dialogOpened(dialog);
    dialog->open(); // window-modal, returns at once: no nested event loop
}

} // namespace Berth
