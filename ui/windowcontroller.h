#pragma once

#include <QObject>

class QDialog;

namespace Berth {

class MessageBar;
class RegistryTree;
class RepositoryModel;
class RepositoryPane;

// The parts of the window its controllers act on, made and owned by the window.
struct WindowParts
{
    QWidget *window = nullptr;               // the parent of their dialogs
    RepositoryModel *repositories = nullptr; // the registries, as the tree shows them
    RegistryTree *tree = nullptr;
    RepositoryPane *pane = nullptr; // the open repository
    MessageBar *messageBar = nullptr;
};

// The base of the window's controllers (RegistriesController, TransfersController,
// ActionsController): QObjects the window owns that do one part of its work on the parts it
// hands them. A controller never reaches into another: the window connects their signals
// and slots.
class WindowController : public QObject
{
    Q_OBJECT
public:
    WindowController(const WindowParts &parts, QObject *parent);

Q_SIGNALS:
    // A dialog was opened (never with exec()), for tests to reach it.
    void dialogOpened(QDialog *dialog);
    // Something to say in the status bar for `timeoutMs` (0: until replaced).
    void statusMessage(const QString &text, int timeoutMs);

protected:
    // Opens `dialog` window-modal (it deletes itself on close) and says so.
    void openDialog(QDialog *dialog);

    QWidget *const m_window;
    RepositoryModel *const m_repositories;
    RegistryTree *const m_tree;
    RepositoryPane *const m_pane;
    MessageBar *const m_messageBar;
};

} // namespace Berth
