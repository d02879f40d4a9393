// The real window driven against the ACR emulator (offscreen): open a repository, sort by
// time (the server sorts), filter while loading goes on, manifests with untagged ones,
// manifest details for an index and an image, copy references, F5, a 401 in the message
// bar, locks and deletes through the dialogs, saved registries and window state.

#include "credentials/memorycredentialstore.h"
#include "credentials/registryprofiles.h"
#include "credentials/savedfacts.h"
#include "models/lockcolumns.h"
#include "models/manifestmodel.h"
#include "models/repositorymodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "ui/dialogs/connectiondialog.h"
#include "ui/dialogs/deletedialog.h"
#include "ui/dialogs/lockdialog.h"
#include "ui/mainwindow.h"
#include "ui/manifestview.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/windowtest.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Berth;
using namespace Berth::Test;

class tst_MainWindow : public WindowTest
{
    Q_OBJECT

    // The window loads the registries saved in `settings`, their secrets from `store`.
    static void loadSaved(MainWindow &window, QSettings &settings, CredentialStore &store)
    {
        window.setSettings(&settings);
        window.setCredentialStore(&store);
        window.loadSavedRegistries();
    }

private Q_SLOTS:
    void init() { startWindow(260); }
    void cleanup() { stopWindow(); }

    void openRepositoryFillsTagTable()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QCOMPARE(tags()->rowCount(), 3);
        QVERIFY(tags()->rowOfTag(QStringLiteral("latest")) >= 0);
        QVERIFY(tags()->rowOfTag(QStringLiteral("v1")) >= 0);
        QVERIFY(tags()->rowOfTag(QStringLiteral("v2")) >= 0);
        // The first row's manifest is shown without asking.
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
        QVERIFY(pane()->details()->manifest().has_value());
        // Counts for the repositories in sight.
        const QModelIndex repo = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        QTRY_COMPARE_WITH_TIMEOUT(repo.siblingAtColumn(RepositoryModel::Tags).data().toInt(), 3,
                                  Wait);
        QVERIFY(!m_window->messageBar()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Wait);
    }

    void sortByTimeAsksTheServer()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        m_emu->clearRequests();
        QHeaderView *header = pane()->tagView()->horizontalHeader();
        const int x = header->sectionViewportPosition(TagModel::Created)
                      + header->sectionSize(TagModel::Created) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        const Qt::SortOrder order = header->sortIndicatorOrder();
        QCOMPARE(header->sortIndicatorSection(), int(TagModel::Created));
        const QString expected = order == Qt::DescendingOrder ? QStringLiteral("orderby=timedesc")
                                                              : QStringLiteral("orderby=timeasc");
        QTRY_VERIFY_WITH_TIMEOUT(
            countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags"), expected) > 0,
            Wait);
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowCount() == 3 && !tags()->isLoading(), Wait);
        // The rows come in the server's order; the proxy keeps it.
        TagFilterModel *proxy = pane()->tagProxy();
        for (int row = 1; row < proxy->rowCount(); ++row) {
            const QDateTime before
                = proxy->index(row - 1, TagModel::Created).data(Qt::UserRole).toDateTime();
            const QDateTime after
                = proxy->index(row, TagModel::Created).data(Qt::UserRole).toDateTime();
            QVERIFY(order == Qt::DescendingOrder ? before >= after : before <= after);
        }
        // The other direction asks again.
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        const QString other = order == Qt::DescendingOrder ? QStringLiteral("orderby=timeasc")
                                                           : QStringLiteral("orderby=timedesc");
        QTRY_VERIFY_WITH_TIMEOUT(
            countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags"), other) > 0,
            Wait);
        // A name sort is local: no request.
        QTRY_VERIFY_WITH_TIMEOUT(!tags()->isLoading(), Wait);
        m_emu->clearRequests();
        pane()->tagView()->sortByColumn(TagModel::Name, Qt::DescendingOrder);
        QCOMPARE(proxy->index(0, TagModel::Name).data().toString(), QStringLiteral("v2"));
        QCOMPARE(countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags")), 0);
    }

    void filterKeepsLoadingPages()
    {
        tags()->setPageSize(50);
        QVERIFY(openRepository(QStringLiteral("big/repo")));
        QVERIFY(activate());
        QVERIFY(tags()->rowCount() < 261); // not everything yet
        QVERIFY(tags()->rowOfTag(QStringLiteral("t00251")) < 0);
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit *filter = pane()->filterEdit();
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("T0025"));
        // Loading goes on until every page is in; the filter shows t00250..t00259.
        QTRY_VERIFY_WITH_TIMEOUT(tags()->isComplete() && !tags()->isLoading(), Wait);
        QCOMPARE(tags()->rowCount(), 261);
        QTRY_COMPARE(pane()->tagProxy()->rowCount(), 10);
        for (int row = 0; row < 10; ++row)
            QVERIFY(pane()->tagProxy()->index(row, 0).data().toString().startsWith(u"t0025"));
        filter->clear();
        QCOMPARE(pane()->tagProxy()->rowCount(), 261);
    }

    void manifestsIncludeUntagged()
    {
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QCOMPARE(tags()->rowCount(), 1);
        pane()->showManifestsAction()->trigger();
        QCOMPARE(pane()->listing(), RepositoryPane::Listing::Manifests);
        QCOMPARE(pane()->currentView(), pane()->manifestView());
        ManifestModel *manifests = pane()->manifestModel();
        QTRY_VERIFY_WITH_TIMEOUT(manifests->rowCount() == 2 && !manifests->isLoading(), Wait);
        int untagged = 0;
        for (int row = 0; row < manifests->rowCount(); ++row) {
            if (manifests->manifestAt(row).tags.isEmpty()) {
                ++untagged;
                QCOMPARE(manifests->index(row, ManifestModel::Tags).data().toString(),
                         ManifestModel::tr("(untagged)"));
            }
        }
        QCOMPARE(untagged, 1);
        // Details follow the manifest table's current row.
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);
        QCOMPARE(pane()->details()->digest(),
                 manifests
                     ->manifestAt(pane()
                                      ->manifestProxy()
                                      ->mapToSource(pane()->manifestView()->currentIndex())
                                      .row())
                     .digest);
        pane()->showTagsAction()->trigger();
        QCOMPARE(pane()->currentView(), pane()->tagView());
    }

    void manifestDetailsForIndexAndImage()
    {
        QVERIFY(openRepository(QStringLiteral("team/app/api")));
        ManifestView *details = pane()->details();
        selectTag(QStringLiteral("1.0"));
        QTRY_VERIFY_WITH_TIMEOUT(
            details->isLoaded()
                && details->reference()
                       == tags()->tagAt(tags()->rowOfTag(QStringLiteral("1.0"))).digest,
            Wait);
        QVERIFY(details->manifest());
        QCOMPARE(details->manifest()->kind, Manifest::Kind::Index);
        QTreeWidget *entries = details->entriesView();
        QCOMPARE(entries->topLevelItemCount(), 2);
        QCOMPARE(entries->topLevelItem(0)->text(0), QStringLiteral("linux/amd64"));
        QCOMPARE(entries->topLevelItem(1)->text(0), QStringLiteral("linux/arm64/v8"));
        QVERIFY(details->rawView()->isReadOnly());
        QVERIFY(details->rawView()->toPlainText().contains(u"\"schemaVersion\": 2"));

        // A platform opens its manifest (double-click), with the config made readable. First
        // the platforms' image sizes, read in the background: their arrival re-lays the summary
        // out and may move the rows under a click computed before it.
        QTRY_VERIFY_WITH_TIMEOUT(!entries->topLevelItem(1)->text(2).isEmpty(), Wait);
        const QRect rect = entries->visualItemRect(entries->topLevelItem(1));
        // (A double-click follows a press on the same item, as with a real mouse.)
        QTest::mouseClick(entries->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(entries->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY_WITH_TIMEOUT(details->isLoaded() && details->manifest()
                                     && details->manifest()->kind == Manifest::Kind::Image,
                                 Wait);
        QVERIFY(details->canGoBack());
        QCOMPARE(entries->topLevelItemCount(), 1); // one layer
        QVERIFY(entries->topLevelItem(0)->text(1).contains(u"layer"));
        QVERIFY(!entries->topLevelItem(0)->text(2).isEmpty()); // its size
        QCOMPARE(details->imageConfig().value(u"architecture").toString(), QStringLiteral("arm64"));
        const QString config = details->configView()->toPlainText();
        QVERIFY2(config.contains(u"/usr/local/bin/api"), qPrintable(config));
        QVERIFY(config.contains(u"--listen"));
        QVERIFY(config.contains(u"API_MODE=production"));
        QVERIFY(config.contains(u"org.opencontainers.image.title"));
        QVERIFY(config.contains(u"COPY api /usr/local/bin/api"));
        QVERIFY(details->summaryView()->toPlainText().contains(u"Total size"));

        details->back();
        QTRY_VERIFY_WITH_TIMEOUT(details->isLoaded() && details->manifest()
                                     && details->manifest()->kind == Manifest::Kind::Index,
                                 Wait);
        QVERIFY(!details->canGoBack());
    }

    void copyReferences()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        const QString host = m_client->registryHost();
        const QString digest = tags()->tagAt(tags()->rowOfTag(QStringLiteral("v1"))).digest;
        QApplication::clipboard()->clear();
        QTest::keyClick(pane()->tagView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString(host + u"/hello-world:v1"));
        QTest::keyClick(pane()->tagView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString(host + u"/hello-world@" + digest));
        m_window->actions().copyDigest->trigger();
        QCOMPARE(QApplication::clipboard()->text(), digest);
        // In the tree: the repository.
        m_window->repositoryView()->setFocus();
        QTest::keyClick(m_window->repositoryView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString(host + u"/hello-world"));
    }

    void f5Refreshes()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        m_emu->clearRequests();
        QTest::keyClick(pane()->tagView(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(
            countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags")) > 0, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowCount() == 3 && !tags()->isLoading(), Wait);

        // In the tree: the registry lists again and the open repository is selected again.
        m_window->repositoryView()->setFocus();
        m_emu->clearRequests();
        QTest::keyClick(m_window->repositoryView(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(
            countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/_catalog")) > 0, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->repositoryModel()->repositoryPath(m_window->repositoryView()->currentIndex())
                == QStringLiteral("hello-world"),
            Wait);
        QCOMPARE(tags()->repository(), QStringLiteral("hello-world"));
    }

    void unauthorizedShownInMessageBar()
    {
        MainWindow window;
        RegistryClient *client
            = makeClient(m_emu->url(),
                         Credentials::password(QStringLiteral("u"), QStringLiteral("wrong")))
                  .release();
        window.addRegistry(client, QStringLiteral("wrong password"));
        window.show();
        MessageBar *bar = window.messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), Wait);
        QVERIFY2(bar->text().contains(u"wrong password"), qPrintable(bar->text()));
        QVERIFY2(bar->text().contains(u"401"), qPrintable(bar->text()));
        QVERIFY(bar->canRetry());
        QVERIFY(bar->retryButton()->isVisible());
        // The registry row says so too.
        const QModelIndex row = window.registryIndex(client);
        QVERIFY(!row.data(Roles::Error).toString().isEmpty());
        QVERIFY(!window.isBusy());
        // Retry fails the same way (the registry is asked again).
        m_emu->clearRequests();
        bar->retryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && !m_emu->requests().isEmpty(), Wait);
        QTest::mouseClick(bar->closeButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
    }

    void lockDialogUpdatesRowInPlace()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        const QModelIndex write
            = tagRow(QStringLiteral("v1")).siblingAtColumn(TagModel::WriteEnabled);
        QCOMPARE(write.data(Roles::LockState), QVariant(true));
        const int lists = countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags"));
        QTest::keyClick(pane()->tagView(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<LockDialog *>(m_dialog.data());
        QVERIFY(dialog);
        auto *check = dialog->findChild<QCheckBox *>(QStringLiteral("writeCheck"));
        QVERIFY(check);
        QVERIFY(check->isChecked());
        check->setChecked(false);
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(tagRow(QStringLiteral("v1"))
                                      .siblingAtColumn(TagModel::WriteEnabled)
                                      .data(Roles::LockState),
                                  QVariant(false), Wait);
        QVERIFY(tagRow(QStringLiteral("v1"))
                    .siblingAtColumn(TagModel::WriteEnabled)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"locked"));
        QCOMPARE(countRequests(*m_emu, "PATCH", QStringLiteral("/acr/v1/hello-world/_tags/v1")), 1);
        // No reload of the table.
        QCOMPARE(countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags")), lists);
    }

    void deleteTagRemovesRow()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        const int lists = countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags"));
        QTest::keyClick(pane()->tagView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<DeleteDialog *>(m_dialog.data());
        QVERIFY(dialog);
        QCOMPARE(dialog->target(), DeleteDialog::Target::Tags);
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowOfTag(QStringLiteral("v1")) < 0, Wait);
        QCOMPARE(tags()->rowCount(), 2);
        QVERIFY(countRequests(*m_emu, "DELETE", QStringLiteral("/acr/v1/hello-world/_tags/v1")) == 1
                || countRequests(*m_emu, "DELETE", QStringLiteral("/v2/hello-world/manifests/v1"))
                       == 1);
        QCOMPARE(countRequests(*m_emu, "GET", QStringLiteral("/acr/v1/hello-world/_tags")), lists);
        const QModelIndex repo = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        QTRY_COMPARE(repo.siblingAtColumn(RepositoryModel::Tags).data().toInt(), 2);
    }

    void deleteRepositoryFromTree()
    {
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QVERIFY(activate());
        m_window->repositoryView()->setFocus();
        QTest::keyClick(m_window->repositoryView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<DeleteDialog *>(m_dialog.data());
        QVERIFY(dialog);
        QCOMPARE(dialog->target(), DeleteDialog::Target::Repository);
        auto *confirm = dialog->findChild<QLineEdit *>(QStringLiteral("confirmEdit"));
        QVERIFY(confirm);
        confirm->setText(QStringLiteral("samples/untagged"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->repositoryModel()
                 ->findRepository(registry(), QStringLiteral("samples/untagged"))
                 .isValid(),
            Wait);
        QVERIFY(!pane()->client()); // the pane no longer shows it
    }

    void addAndRemoveRegistryThroughDialogs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        MemoryCredentialStore store;
        m_window->setSettings(&settings);
        m_window->setCredentialStore(&store);
        AcrEmulator second;
        second.addUser(QStringLiteral("admin"), QStringLiteral("s3cret"));
        second.seedDemo();
        QVERIFY(second.listen());

        m_window->actions().addRegistry->trigger();
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<ConnectionDialog *>(m_dialog.data());
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(second.url().toString());
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("second"));
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::Password)));
        dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))
            ->setText(QStringLiteral("admin"));
        dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"))
            ->setText(QStringLiteral("s3cret"));
        dialog->findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(true);
        QVERIFY(dialog->isInputValid());
        dialog->accept();

        RepositoryModel *model = m_window->repositoryModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, Wait);
        const QModelIndex added = model->index(1, 0);
        QCOMPARE(added.data().toString(), QStringLiteral("second"));
        QTRY_VERIFY_WITH_TIMEOUT(
            model->findRepository(added, QStringLiteral("hello-world")).isValid(), Wait);
        QCOMPARE(RegistryProfiles::load(settings).size(), 1);
        QCOMPARE(store.size(), 1);

        // Remove it: confirmed in a message box, its profile and secret are forgotten.
        m_window->repositoryView()->setCurrentIndex(added);
        m_dialog.clear();
        m_window->actions().removeRegistry->trigger();
        QTRY_VERIFY(m_dialog);
        auto *box = qobject_cast<QMessageBox *>(m_dialog.data());
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(RegistryProfiles::load(settings).size(), 0);
        QTRY_COMPARE(store.size(), 0);
        m_window->setSettings(nullptr);
    }

    // What a session learnt about a saved registry (ACR, its token realm) is kept with the
    // window's state; the next session asks for its token before the first listing: no 401.
    void savedRegistryRemembersHowItSignsIn()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        AcrEmulator emu;
        emu.addUser(QStringLiteral("u"), QStringLiteral("p"));
        emu.seedDemo();
        QVERIFY(emu.listen());
        auto profile = RegistryProfile::forUrl(emu.url().toString());
        QVERIFY(profile);
        profile->authKind = RegistryProfile::AuthKind::Password;
        profile->username = QStringLiteral("u");
        RegistryProfiles profiles;
        profiles.insert(*profile);
        profiles.save(settings);
        MemoryCredentialStore store;
        QVERIFY(
            await(store.store(profile->registryKey(), QStringLiteral("u"), QStringLiteral("p"))));
        auto session = [&] {
            MainWindow window;
            loadSaved(window, settings, store);
            RepositoryModel *model = window.repositoryModel();
            QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, Wait);
            QTRY_VERIFY_WITH_TIMEOUT(
                model->findRepository(model->index(0, 0), QStringLiteral("hello-world")).isValid(),
                Wait);
            window.close(); // saves the state
        };
        int refused = 0;
        auto countRefused = [&] {
            refused = 0;
            for (const auto &r : emu.requests())
                refused += r.status == 401;
        };
        session();
        if (QTest::currentTestFailed())
            return;
        countRefused();
        QVERIFY(refused > 0); // the first session learns from the 401
        QVERIFY(SavedFacts::load(settings, emu.url()).acr.value_or(false));
        emu.clearRequests();
        session();
        if (QTest::currentTestFailed())
            return;
        countRefused();
        QCOMPARE(refused, 0);
    }

    void savedRegistriesAndWindowState()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        AcrEmulator second;
        second.setAnonymousActions({QStringLiteral("*")});
        second.seedDemo();
        QVERIFY(second.listen());

        RegistryProfiles profiles;
        auto withSecret = RegistryProfile::forUrl(m_emu->url().toString());
        QVERIFY(withSecret);
        withSecret->authKind = RegistryProfile::AuthKind::Password;
        withSecret->username = QStringLiteral("u");
        withSecret->displayName = QStringLiteral("first");
        auto anonymous = RegistryProfile::forUrl(second.url().toString());
        QVERIFY(anonymous);
        anonymous->displayName = QStringLiteral("second");
        profiles.insert(*withSecret);
        profiles.insert(*anonymous);
        profiles.save(settings);
        MemoryCredentialStore store;
        QVERIFY(await(
            store.store(withSecret->registryKey(), QStringLiteral("u"), QStringLiteral("p"))));

        int treeWidth = 0;
        {
            MainWindow window;
            loadSaved(window, settings, store);
            RepositoryModel *model = window.repositoryModel();
            QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, Wait);
            QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("first")); // saved order
            QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("second"));
            for (int row = 0; row < 2; ++row)
                QTRY_VERIFY_WITH_TIMEOUT(
                    model->findRepository(model->index(row, 0), QStringLiteral("hello-world"))
                        .isValid(),
                    Wait);
            QVERIFY(window.messageBar()->isHidden());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({200, 900});
            treeWidth
                = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes().value(0);
            window.close(); // saves the state
        }
        QVERIFY(settings.contains(QStringLiteral("window/geometry")));
        {
            MainWindow window;
            window.setSettings(&settings);
            window.restoreWindowState();
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(
                window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes().value(0),
                treeWidth);
        }
        // A missing secret: told, with a Retry; the other registry still comes.
        QVERIFY(await(store.forget(withSecret->registryKey(), QStringLiteral("u"))));
        MainWindow window;
        loadSaved(window, settings, store);
        QTRY_VERIFY_WITH_TIMEOUT(!window.messageBar()->isHidden(), Wait);
        QVERIFY2(window.messageBar()->text().contains(u"first"),
                 qPrintable(window.messageBar()->text()));
        QVERIFY(window.messageBar()->canRetry());
        QTRY_COMPARE_WITH_TIMEOUT(window.repositoryModel()->rowCount(), 1, Wait);
        QCOMPARE(window.repositoryModel()->index(0, 0).data().toString(), QStringLiteral("second"));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
