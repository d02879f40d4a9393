// The window asks before a password goes to a token server on another host than the
// registry (a hostile or misconfigured registry's challenge): Cancel sends nothing there,
// Trust signs in there and retries what failed. A real window, offscreen.

#include "fixtures/clienttest.h"
#include "fixtures/twohosts.h"
#include "models/repositorymodel.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;

namespace {
constexpr int Wait = 15000;
}

class tst_RealmApproval : public QObject
{
    Q_OBJECT

    TwoHosts m_hosts; // the other host holds the token service
    std::unique_ptr<MainWindow> m_window;
    RegistryClient *m_client = nullptr; // owned by the window
    QPointer<QDialog> m_dialog;

    QMessageBox *trustBox()
    {
        if (!QTest::qWaitFor([this] { return !m_dialog.isNull(); }, Wait))
            return nullptr;
        return qobject_cast<QMessageBox *>(m_dialog.data());
    }

    static QPushButton *button(QMessageBox *box, const QString &prefix)
    {
        for (QAbstractButton *b : box->buttons()) {
            if (b->text().startsWith(prefix))
                return qobject_cast<QPushButton *>(b);
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_hosts.listen());
        m_hosts.requireToken(QStringLiteral("/v2/"), m_hosts.otherRealm(), "{}");
        m_hosts.requireToken(QStringLiteral("/v2/_catalog"), m_hosts.otherRealm(),
                             R"({"repositories":["team/app"]})");
        m_hosts.other->addRoute("GET", QStringLiteral("/token"),
                                Response::json(200, R"({"token":"token-from-elsewhere"})"));
        m_window = std::make_unique<MainWindow>();
        connect(m_window.get(), &MainWindow::dialogOpened, this,
                [this](QDialog *dialog) { m_dialog = dialog; });
        m_client = makeClient(m_hosts.registry->url(),
                              Credentials::password(QStringLiteral("u"), QStringLiteral("pw-1234")))
                       .release();
        m_window->addRegistry(m_client, QStringLiteral("hostile"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        delete m_dialog;
        m_window.reset();
        m_hosts.reset();
    }

    void cancelSendsNothingThere()
    {
        QMessageBox *box = trustBox();
        QVERIFY(box);
        const QString realm = m_hosts.otherHost();
        QVERIFY2(box->text().contains(realm), qPrintable(box->text()));
        QVERIFY(button(box, QStringLiteral("Trust")));
        box->button(QMessageBox::Cancel)->click();
        MessageBar *bar = m_window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), Wait);
        QVERIFY2(bar->text().contains(realm), qPrintable(bar->text()));
        QCOMPARE(m_hosts.other->requests().size(), 0);
    }

    void trustSignsInThereAndRetries()
    {
        QMessageBox *box = trustBox();
        QVERIFY(box);
        QCOMPARE(m_hosts.other->requests().size(), 0); // nothing sent before the answer
        // Let the failure reach the message bar first, as it would while the user reads.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->canRetry(), Wait);
        button(box, QStringLiteral("Trust"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->repositoryModel()
                ->findRepository(m_window->registryIndex(m_client), QStringLiteral("team/app"))
                .isValid(),
            Wait);
        QVERIFY(!m_hosts.other->requests().isEmpty());
        QVERIFY(m_hosts.other->requests().first().header("Authorization").startsWith("Basic "));
    }
};

QTEST_MAIN(tst_RealmApproval)
#include "tst_realmapproval.moc"
