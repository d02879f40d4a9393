#pragma once

// Shared by the tests of the real window (offscreen) against the ACR emulator: a window on
// an emulator seeded with the demo and one big repository, and the helpers to open a
// repository, find and select a tag, and count the requests the emulator answered.

#include "emulator/acremulator.h"
#include "fixtures/clienttest.h"
#include "fixtures/screenshot.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "ui/mainwindow.h"
#include "ui/repositorypane.h"
#include "windowwait.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QItemSelectionModel>
#include <QPointer>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace Berth::Test {

constexpr int Wait = 15000;

inline int countRequests(const AcrEmulator &emu,
                         const QByteArray &method,
                         const QString &path,
                         const QString &queryPart = {})
{
    int n = 0;
    const auto requests = emu.requests();
    for (const auto &r : requests) {
        if (r.method == method && r.path == path && r.query.contains(queryPart) && r.status >= 200
            && r.status < 300)
            ++n;
    }
    return n;
}

// The base of a window test class: call startWindow() in init() and stopWindow() in
// cleanup(). The last dialog the window opened is in m_dialog.
class WindowTest : public QObject
{
protected:
    std::unique_ptr<AcrEmulator> m_emu;
    std::unique_ptr<MainWindow> m_window;
    RegistryClient *m_client = nullptr; // owned by the window
    QPointer<QDialog> m_dialog;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    // An emulator with the demo, `big/repo` of `bigTags` tags and `bulkRepositories` more
    // repositories (bulk/repo-00001…), and a window on it.
    void startWindow(int bigTags, int bulkRepositories = 0)
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("u"), QStringLiteral("p"));
        m_emu->seedDemo();
        m_emu->seedBulk(bulkRepositories, QStringLiteral("big/repo"), bigTags);
        QVERIFY(m_emu->listen());
        m_window = std::make_unique<MainWindow>();
        m_client = makeClient(m_emu->url(),
                              Credentials::password(QStringLiteral("u"), QStringLiteral("p")))
                       .release();
        // Every model of the window is checked as it changes.
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 m_window->repositoryModel(), m_window->pane()->tagModel(),
                 m_window->pane()->manifestModel(), m_window->pane()->tagProxy(),
                 m_window->pane()->manifestProxy()})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        m_window->addRegistry(m_client, QStringLiteral("emulator"));
        connect(m_window.get(), &MainWindow::dialogOpened, this,
                [this](QDialog *dialog) { m_dialog = dialog; });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void stopWindow()
    {
        delete m_dialog;
        m_testers.clear();
        m_window.reset();
        m_emu.reset();
    }

    RepositoryPane *pane() const { return m_window->pane(); }
    TagModel *tags() const { return pane()->tagModel(); }
    QModelIndex registry() const { return m_window->registryIndex(m_client); }

    // Waits for the tree to list `path`, selects it and waits for its tags.
    bool openRepository(const QString &path)
    {
        const QModelIndex found = waitForRepository(m_window.get(), m_client, path, Wait);
        if (!found.isValid())
            return false;
        m_window->repositoryView()->setCurrentIndex(found);
        return QTest::qWaitFor(
            [&] {
                return tags()->repository() == path && !tags()->isLoading()
                       && tags()->rowCount() > 0;
            },
            Wait);
    }

    // The proxy row of a tag in the tag table.
    QModelIndex tagRow(const QString &name) const
    {
        const int row = tags()->rowOfTag(name);
        return row < 0 ? QModelIndex() : pane()->tagProxy()->mapFromSource(tags()->index(row, 0));
    }

    void selectTag(const QString &name)
    {
        QTableView *view = pane()->tagView();
        view->setFocus();
        view->selectionModel()->setCurrentIndex(tagRow(name), QItemSelectionModel::ClearAndSelect
                                                                  | QItemSelectionModel::Rows);
    }

    bool activate()
    {
        QApplication::setActiveWindow(m_window.get());
        return QTest::qWaitForWindowActive(m_window.get());
    }
};

} // namespace Berth::Test
