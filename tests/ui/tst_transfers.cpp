// Moving images from the window (issue 12 "In the window"), on the real window (offscreen)
// against the ACR emulator: Copy To… another registry (read back there with the same
// digest), Save Image As… an OCI archive (skopeo reads it, same digest), Add Tag… (and a
// lock that refuses it says so), all as rows of the Transfers dock, which shows and raises
// itself.

#include "core/sha256.h"
#include "fixtures/skopeo.h"
#include "models/jobtransfer.h"
#include "models/uploadqueuemodel.h"
#include "ui/dialogs/copytodialog.h"
#include "ui/imagemovecontroller.h"
#include "ui/messagebar.h"
#include "ui/tagdrag.h"
#include "ui/uploaddock.h"
#include "ui/windowtest.h"
#include "ui/xdsdrag.h"

#include <QAction>
#include <QComboBox>
#include <QDropEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QThreadPool>

using namespace Berth;
using namespace Berth::Test;

class tst_Transfers : public WindowTest
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_other; // a second registry, empty
    RegistryClient *m_otherClient = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_queueTester;

    QString tagDigest(const QString &name) const
    {
        const int row = tags()->rowOfTag(name);
        return row < 0 ? QString() : tags()->tagAt(row).digest;
    }

    bool lastRowDone(int timeoutMs = Wait)
    {
        UploadQueueModel *queue = m_window->uploadQueue();
        return QTest::qWaitFor(
            [&] {
                const int last = queue->rowCount() - 1;
                return last >= 0 && isFinal(queue->status(last).state);
            },
            timeoutMs);
    }

    // Opens hello-world, highlights v1 and triggers `action`: the dialog it opened.
    template<typename Dialog>
    Dialog *dialogOnV1(QAction *action)
    {
        if (!openRepository(QStringLiteral("hello-world")))
            return nullptr;
        selectTag(QStringLiteral("v1"));
        action->trigger();
        return qobject_cast<Dialog *>(m_dialog.data());
    }

    // Save Image As… v1 of hello-world as an OCI archive at `path`: the transfer has started.
    bool startSave(const QString &path)
    {
        auto *files = dialogOnV1<QFileDialog>(m_window->actions().saveImageAs);
        if (!files || files->objectName() != u"saveImageDialog" || files->nameFilters().size() != 3)
            return false;
        files->selectNameFilter(files->nameFilters().at(1)); // OCI archive
        Q_EMIT files->fileSelected(path);
        files->close();
        UploadQueueModel *queue = m_window->uploadQueue();
        return queue->rowCount() == 1 && queue->kind(0) == UploadQueueModel::TransferKind::Download;
    }

    // Drops `mime` onto the tree row `at`: was it accepted?
    bool dropOnTree(QMimeData *mime, const QModelIndex &at)
    {
        QWidget *viewport = m_window->repositoryView()->viewport();
        const QPoint pos = m_window->repositoryView()->visualRect(at).center();
        QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        return enter.isAccepted() && drop.isAccepted();
    }

private Q_SLOTS:
    void init()
    {
        startWindow(3);
        m_queueTester = std::make_unique<QAbstractItemModelTester>(
            m_window->uploadQueue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_other = std::make_unique<AcrEmulator>();
        m_other->addUser(QStringLiteral("u2"), QStringLiteral("p2"));
        QVERIFY(m_other->listen());
        m_otherClient = makeClient(m_other->url(), Credentials::password(QStringLiteral("u2"),
                                                                         QStringLiteral("p2")))
                            .release();
        m_window->addRegistry(m_otherClient, QStringLiteral("other"));
    }
    void cleanup()
    {
        m_queueTester.reset();
        stopWindow();
        m_other.reset();
    }

    void menusOfATag()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        const MainWindow::Actions &a = m_window->actions();
        QMenu *registryMenu = nullptr;
        for (QAction *action : m_window->menuBar()->actions()) {
            if (action->text().remove(u'&') == u"Registry")
                registryMenu = action->menu();
        }
        QVERIFY(registryMenu);
        for (QAction *action : {a.addTag, a.copyTo, a.saveImageAs, a.pushFiles, a.pushImage})
            QVERIFY2(registryMenu->actions().contains(action), qPrintable(action->text()));
        QVERIFY(!a.copyTo->isEnabled()); // nothing highlighted
        selectTag(QStringLiteral("v1"));
        QVERIFY(a.addTag->isEnabled() && a.copyTo->isEnabled() && a.saveImageAs->isEnabled());
        QTableView *view = pane()->tagView();
        Q_EMIT view->customContextMenuRequested(view->visualRect(tagRow(u"v1"_qs)).center());
        QMenu *menu = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())); }));
        for (QAction *action : {a.addTag, a.copyTo, a.saveImageAs, a.copyPullCommand})
            QVERIFY2(menu->actions().contains(action), qPrintable(action->text()));
        menu->close();
        // Empty, the Transfers dock says what can be dropped where.
        QVERIFY(m_window->uploadDock()->emptyHint()->text().contains(u"Drag tags onto"));
    }

    // Copy To… another registry: a transfer row, then the same digest there.
    void copyToAnotherRegistry()
    {
        UploadDock *dock = m_window->uploadDock();
        QVERIFY(!dock->isVisible());
        auto *dialog = dialogOnV1<CopyToDialog>(m_window->actions().copyTo);
        QVERIFY(dialog);
        const QString digest = tagDigest(QStringLiteral("v1"));
        QVERIFY(!digest.isEmpty());
        // Pre-filled with the source.
        QCOMPARE(dialog->registry(), m_client);
        QCOMPARE(dialog->repositoryEdit()->text(), QStringLiteral("hello-world"));
        QCOMPARE(dialog->tagEdit()->text(), QStringLiteral("v1"));
        dialog->registryCombo()->setCurrentIndex(dialog->registryCombo()->findText(u"other"_qs));
        QCOMPARE(dialog->registry(), m_otherClient);
        dialog->repositoryEdit()->setText(QStringLiteral("copied/hello"));
        dialog->tagEdit()->setText(QStringLiteral("v9"));
        dialog->accept();

        UploadQueueModel *queue = m_window->uploadQueue();
        QCOMPARE(queue->rowCount(), 1);
        QCOMPARE(queue->kind(0), UploadQueueModel::TransferKind::Copy);
        QTRY_VERIFY(dock->isVisible()); // shown as the transfer starts
        QVERIFY(lastRowDone());
        QCOMPARE(queue->status(0).state, UploadState::Done);
        QCOMPARE(queue->status(0).digest, digest);
        QTRY_COMPARE(dock->windowTitle(), QStringLiteral("Transfers")); // none running
        saveScreenshot(m_window.get(), QStringLiteral("transfers-copy-done"));

        // Read back from the other registry by the core client.
        const Result<ManifestContent> copied
            = await(m_otherClient->getManifest(QStringLiteral("copied/hello"), u"v9"_qs));
        QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().toString()));
        QCOMPARE(Sha256::digestOf(copied->body), digest);
    }

    // Save Image As… an OCI archive: skopeo reads it back, same manifest.
    void saveImageAsOciArchive()
    {
        Skopeo skopeo;
        QVERIFY2(skopeo.isValid(), qPrintable(skopeo.setupError()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hello.tar"));
        QVERIFY(startSave(path));
        const QString digest = tagDigest(QStringLiteral("v1"));
        UploadQueueModel *queue = m_window->uploadQueue();
        QVERIFY(lastRowDone());
        QVERIFY2(queue->status(0).state == UploadState::Done, qPrintable(queue->status(0).message));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(ImageSave::stagingDir(path))); // the staging layout went
        const auto raw = skopeo.inspectRaw(u"oci-archive:"_qs + path);
        QVERIFY2(raw, qPrintable(raw ? QString() : raw.error()));
        QCOMPARE(Sha256::digestOf(*raw), digest);
        saveScreenshot(m_window.get(), QStringLiteral("transfers-save-done"));
    }

    // Cancelled while the archive is packed (on a pool thread): the thread stops, and neither
    // the archive nor its temporary file is left; the staging layout stays for the next save.
    void cancellingASaveWhilePackingLeavesNoArchive()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hello.tar"));
        QVERIFY(startSave(path));
        UploadQueueModel *queue = m_window->uploadQueue();
        JobTransfer *transfer = queue->transfer(0);
        QVERIFY(transfer);
        auto *save = transfer->findChild<ImageSave *>();
        QVERIFY(save);
        bool packing = false;
        connect(save, &ImageSave::packingStarted, transfer, [&packing, transfer] {
            packing = true;
            transfer->cancel();
        });
        QVERIFY(lastRowDone());
        QVERIFY(packing);
        QCOMPARE(queue->status(0).state, UploadState::Cancelled);
        QThreadPool::globalInstance()->waitForDone(); // the packing task has ended
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{QFileInfo(ImageSave::stagingDir(path)).fileName()});
    }

    // Closing while a save runs (not only an upload) asks first, and Yes cancels it.
    void closingWithASaveRunningAsksFirst()
    {
        QTemporaryDir dir;
        QVERIFY(startSave(dir.filePath(QStringLiteral("hello.tar"))));
        QVERIFY(!m_window->close()); // at once: the save has not had an event-loop turn
        auto *question = qobject_cast<QMessageBox *>(m_dialog.data());
        QVERIFY(question);
        QCOMPARE(question->objectName(), QStringLiteral("cancelTransfersQuestion"));
        QVERIFY2(question->text().contains(QStringLiteral("1 transfer")),
                 qPrintable(question->text()));
        question->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->uploadQueue()->status(0).state, UploadState::Cancelled,
                                  Wait);
    }

    // Add Tag…: the same digest under the new tag; a lock that refuses says so.
    void addTagAndALockedTag()
    {
        auto *ask = dialogOnV1<QInputDialog>(m_window->actions().addTag);
        QVERIFY(ask);
        const QString digest = tagDigest(QStringLiteral("v1"));
        QCOMPARE(ask->textValue(), QStringLiteral("v1")); // pre-filled
        ask->setTextValue(QStringLiteral("v1-again"));
        ask->accept();
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowOfTag(u"v1-again"_qs) >= 0, Wait); // reloaded
        QCOMPARE(tagDigest(QStringLiteral("v1-again")), digest);

        // v2 is locked against writes: moving it to v1's image is refused, and said.
        selectTag(QStringLiteral("v1"));
        m_window->actions().addTag->trigger();
        ask = qobject_cast<QInputDialog *>(m_dialog.data());
        QVERIFY(ask);
        ask->setTextValue(QStringLiteral("v2"));
        ask->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->isVisible(), Wait);
        QVERIFY2(m_window->messageBar()->text().contains(u"locked against writes"),
                 qPrintable(m_window->messageBar()->text()));
        QVERIFY(tagDigest(QStringLiteral("v2")) != digest);
        saveScreenshot(m_window.get(), QStringLiteral("transfers-add-tag-locked"));
    }

    // Tags dragged onto another registry in the tree: the Copy To dialog, pre-filled with
    // that registry; onto their own repository: Add Tag.
    void dropTagsOnTheTree()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        const QString digest = tagDigest(QStringLiteral("v1"));
        std::unique_ptr<QMimeData> mime(
            tagsMimeData(m_client, QStringLiteral("hello-world"), {QStringLiteral("v1")}));
        QCOMPARE(mime->text(), m_client->registryHost() + u"/hello-world:v1"_qs);
        QVERIFY(!XdsMimeData::isAvailable()); // offscreen: no drag onto a file manager
        QVERIFY(dropOnTree(mime.get(), m_window->registryIndex(m_otherClient)));
        auto *dialog = qobject_cast<CopyToDialog *>(m_dialog.data());
        QVERIFY(dialog);
        QCOMPARE(dialog->registry(), m_otherClient);
        QCOMPARE(dialog->repositoryEdit()->text(), QStringLiteral("hello-world"));
        QCOMPARE(dialog->tagEdit()->text(), QStringLiteral("v1"));
        dialog->accept();
        QVERIFY(lastRowDone());
        QCOMPARE(m_window->uploadQueue()->status(0).state, UploadState::Done);
        const Result<ManifestContent> copied
            = await(m_otherClient->getManifest(QStringLiteral("hello-world"), u"v1"_qs));
        QVERIFY(copied);
        QCOMPARE(Sha256::digestOf(copied->body), digest);

        // Onto its own repository: a new tag there.
        const QModelIndex own = m_window->repositoryModel()->findRepository(
            registry(), QStringLiteral("hello-world"));
        QVERIFY(dropOnTree(mime.get(), own));
        auto *ask = qobject_cast<QInputDialog *>(m_dialog.data());
        QVERIFY(ask);
        QCOMPARE(ask->objectName(), QStringLiteral("addTagDialog"));
        ask->setTextValue(QStringLiteral("dropped"));
        ask->accept();
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowOfTag(u"dropped"_qs) >= 0, Wait);
        QCOMPARE(tagDigest(QStringLiteral("dropped")), digest);

        // A press on the highlighted rows keeps them (for a drag); a click without a drag
        // then highlights the clicked one only, as before.
        QTableView *view = pane()->tagView();
        view->selectAll();
        QCOMPARE(pane()->selectedTags().size(), 4);
        const QPoint onV1 = view->visualRect(tagRow(u"v1"_qs)).center();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, onV1);
        QCOMPARE(pane()->selectedTags().size(), 4);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, onV1);
        QCOMPARE(pane()->selectedTags().size(), 1);
        QCOMPARE(pane()->selectedTags().first().name, QStringLiteral("v1"));

        // A folder takes nothing.
        const QModelIndex folder = m_window->repositoryModel()->index(0, 0, registry());
        QCOMPARE(m_window->repositoryModel()->kind(folder), RepositoryModel::Kind::Folder);
        QVERIFY(!dropOnTree(mime.get(), folder));
    }
};

QTEST_MAIN(tst_Transfers)
#include "tst_transfers.moc"
