// Files dropped onto the real window (offscreen), uploaded by its real UploadWorker to the
// in-process ACR emulator: drops on a repository of the tree and on the open tag table, the
// offer to tag an uploaded blob, an OCI image layout pushed under the asked tag, the row
// buttons of the Uploads dock, and closing the window while an upload runs.

#include <QTest> // before uploadtest.h, which uses it

#include "../ui/windowwait.h"
#include "../upload/uploadtest.h"
#include "core/manifest.h"
#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/ocilayout.h"
#include "fixtures/podman.h"
#include "fixtures/testutil.h"
#include "models/repositorymodel.h"
#include "models/tagmodel.h"
#include "models/uploadqueuemodel.h"
#include "ui/dialogs/pushimagedialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/repositorypane.h"
#include "ui/transferscontroller.h"
#include "ui/uploaddock.h"
#include "ui/uploaddrop.h"
#include "upload/uploadworker.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRubberBand>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr int Wait = 60000;
const QString Repo = QStringLiteral("hello-world");
} // namespace

class tst_UploadDrop : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_dir;
    RegistryClient *m_client = nullptr; // owned by the window
    QList<QPointer<QDialog>> m_dialogs;

    UploadQueueModel *queue() const { return m_window->uploadQueue(); }
    TagModel *tags() const { return m_window->pane()->tagModel(); }
    QModelIndex registry() const { return m_window->registryIndex(m_client); }
    UploadState state(int row) const
    {
        return UploadState(queue()->index(row, 0).data(UploadQueueModel::StateRole).toInt());
    }

    // Waits for the tree to list `path` and returns its row, scrolled into sight.
    QModelIndex repository(const QString &path)
    {
        const QModelIndex found = waitForRepository(m_window.get(), m_client, path, Wait);
        if (found.isValid())
            m_window->repositoryView()->scrollTo(found);
        return found;
    }

    bool openRepository(const QString &path)
    {
        const QModelIndex found = repository(path);
        if (!found.isValid())
            return false;
        m_window->repositoryView()->setCurrentIndex(found);
        return QTest::qWaitFor([&] { return tags()->repository() == path && !tags()->isLoading(); },
                               Wait);
    }

    // The newest dialog the window opened with `objectName`, waiting for it.
    template<typename T>
    T *dialog(const QString &objectName)
    {
        T *found = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = m_dialogs.size() - 1; i >= 0 && !found; --i) {
                    auto *candidate = qobject_cast<T *>(m_dialogs.at(i).data());
                    if (candidate && candidate->objectName() == objectName
                        && candidate->isVisible())
                        found = candidate;
                }
                return found != nullptr;
            },
            Wait);
        return found;
    }

    static std::unique_ptr<QMimeData> filesMime(const QStringList &paths)
    {
        auto mime = std::make_unique<QMimeData>();
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls << QUrl::fromLocalFile(path);
        mime->setUrls(urls);
        return mime;
    }

    // A drag entering `viewport` at `pos` and moving there: was it accepted?
    static bool dragOver(QWidget *viewport, const QPoint &pos, const QMimeData *mime)
    {
        const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction;
        QDragEnterEvent enter(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDragMoveEvent move(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        return move.isAccepted() && move.dropAction() == Qt::CopyAction;
    }

    // Drags `paths` over `viewport` to `pos` and drops them there: was the drop accepted?
    static bool drop(QWidget *viewport, const QPoint &pos, const QStringList &paths)
    {
        const auto mime = filesMime(paths);
        dragOver(viewport, pos, mime.get());
        QDropEvent dropEvent(QPointF(pos), Qt::CopyAction | Qt::MoveAction, mime.get(),
                             Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &dropEvent);
        return dropEvent.isAccepted() && dropEvent.dropAction() == Qt::CopyAction;
    }

    QPoint centerOf(const QModelIndex &index) const
    {
        return m_window->repositoryView()->visualRect(index).center();
    }

    // A 64 MiB upload in 64 KiB chunks, enqueued straight on the window's worker, running.
    int startLongUpload()
    {
        const QString path = writePatternFile(*m_dir, QStringLiteral("long.bin"), 64 << 20, 9);
        UploadRequest request;
        request.repository = Repo;
        request.path = path;
        request.chunkSize = 64 << 10;
        m_window->transfers()->worker(m_client)->enqueue(request);
        const int row = queue()->rowCount() - 1;
        (void)QTest::qWaitFor([&] { return queue()->status(row).sent > 0; }, Wait);
        return row;
    }

    bool blobIsInTheRegistry(const QString &repo, const QString &path)
    {
        auto client = makeClient(m_emu->url(),
                                 Credentials::password(QStringLiteral("u"), QStringLiteral("p")));
        const auto head = await(client->headBlob(repo, Sha256::digestOf(readAll(path))));
        return head && head->has_value() && **head == QFileInfo(path).size();
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setQuitOnLastWindowClosed(false); }

    void init()
    {
        m_emu = startDemoEmulator(QStringLiteral("u"), QStringLiteral("p"));
        QVERIFY(m_emu);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_window = std::make_unique<MainWindow>();
        m_client = makeClient(m_emu->url(),
                              Credentials::password(QStringLiteral("u"), QStringLiteral("p")))
                       .release();
        m_window->addRegistry(m_client, QStringLiteral("emulator"));
        connect(m_window.get(), &MainWindow::dialogOpened, this,
                [this](QDialog *opened) { m_dialogs << opened; });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_window->uploadDock()->isVisible()); // until the first upload
    }
    void cleanup()
    {
        for (const QPointer<QDialog> &open : std::as_const(m_dialogs))
            delete open.data();
        m_dialogs.clear();
        m_window.reset();
        m_emu.reset();
        m_dir.reset();
    }

    void twoFilesDroppedOnATreeRepositoryAreUploadedAsBlobs()
    {
        const QModelIndex target = repository(Repo);
        QVERIFY(target.isValid());
        QWidget *viewport = m_window->repositoryView()->viewport();
        const QStringList paths{writePatternFile(*m_dir, QStringLiteral("one.bin"), 300000, 1),
                                writePatternFile(*m_dir, QStringLiteral("two.txt"), 5000, 2)};
        const auto mime = filesMime(paths);
        auto *highlight = viewport->findChild<QRubberBand *>(QStringLiteral("uploadDropHighlight"));
        QVERIFY(highlight);

        // Over the registry row: no target, no highlight.
        QVERIFY(!dragOver(viewport, centerOf(registry()), mime.get()));
        QVERIFY(!highlight->isVisible());
        // Over the repository: accepted as a copy, the row highlighted.
        QVERIFY(dragOver(viewport, centerOf(target), mime.get()));
        QVERIFY(highlight->isVisible());
        QVERIFY(highlight->geometry().contains(centerOf(target)));

        QVERIFY(drop(viewport, centerOf(target), paths));
        QVERIFY(!highlight->isVisible());
        QCOMPARE(queue()->rowCount(), 2);
        QVERIFY(m_window->uploadDock()->isVisible());
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(queue()->request(row).kind, UploadRequest::Kind::Blob);
            QCOMPARE(queue()->request(row).repository, Repo);
            QCOMPARE(queue()->request(row).path, paths.at(row));
        }
        QTRY_VERIFY_WITH_TIMEOUT(state(0) == UploadState::Done && state(1) == UploadState::Done,
                                 Wait);
        for (const QString &path : paths)
            QVERIFY2(blobIsInTheRegistry(Repo, path), qPrintable(path));
        QCOMPARE(queue()->index(0, 0).data(UploadQueueModel::DigestRole).toString(),
                 Sha256::digestOf(readAll(paths.at(0))));
        // Each finished blob is offered to be tagged (one offer at a time, not modal).
        auto *offer = dialog<QMessageBox>(QStringLiteral("artifactOffer"));
        QVERIFY(offer);
        QVERIFY(!offer->isModal());
        QVERIFY(!m_window->messageBar()->isVisible());
    }

    void theConcurrencySettingBoundsTheUploadsRunningAtOnce()
    {
        QSettings settings(m_dir->filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("uploads/maxConcurrent"), 1);
        m_window->setSettings(&settings);
        const QModelIndex target = repository(Repo);
        QVERIFY(target.isValid());
        QStringList paths;
        for (int i = 0; i < 3; ++i)
            paths << writePatternFile(*m_dir, QStringLiteral("c%1.bin").arg(i), 3 << 20, 10 + i);
        int most = 0;
        connect(queue(), &QAbstractItemModel::dataChanged, this, [this, &most] {
            int running = 0;
            for (int row = 0; row < queue()->rowCount(); ++row) {
                const UploadState s = state(row);
                running += (s != UploadState::Queued && s != UploadState::Paused && !isFinal(s))
                               ? 1
                               : 0;
            }
            most = qMax(most, running);
        });
        QVERIFY(drop(m_window->repositoryView()->viewport(), centerOf(target), paths));
        QTRY_VERIFY_WITH_TIMEOUT(state(0) == UploadState::Done && state(1) == UploadState::Done
                                     && state(2) == UploadState::Done,
                                 Wait);
        QCOMPARE(most, 1);
        m_window->setSettings(nullptr);
    }

    void aBlobDroppedOnTheTagTableAndTaggedShowsInTheTagTable()
    {
        QVERIFY(openRepository(Repo));
        QVERIFY(tags()->rowOfTag(QStringLiteral("my-notes-v2")) < 0);
        QWidget *viewport = m_window->pane()->tagView()->viewport();
        const QString path
            = writePatternFile(*m_dir, QStringLiteral("My Notes (v2).txt"), 20000, 3);
        QVERIFY(drop(viewport, viewport->rect().center(), {path}));
        QCOMPARE(queue()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(state(0), UploadState::Done, Wait);

        auto *offer = dialog<QMessageBox>(QStringLiteral("artifactOffer"));
        QVERIFY(offer);
        QVERIFY(offer->text().contains(QStringLiteral("My Notes (v2).txt")));
        auto *tagButton = offer->findChild<QPushButton *>(QStringLiteral("tagArtifactButton"));
        QVERIFY(tagButton);
        tagButton->click();
        auto *ask = dialog<QInputDialog>(QStringLiteral("artifactTagDialog"));
        QVERIFY(ask);
        QCOMPARE(ask->textValue(), QStringLiteral("My-Notes-v2")); // the name, made a tag
        ask->setTextValue(QStringLiteral("my-notes-v2"));
        ask->accept();

        QCOMPARE(queue()->rowCount(), 2);
        QCOMPARE(queue()->request(1).kind, UploadRequest::Kind::Artifact);
        QCOMPARE(queue()->request(1).tag, QStringLiteral("my-notes-v2"));
        QTRY_COMPARE_WITH_TIMEOUT(state(1), UploadState::Done, Wait);
        // The tag table was refreshed without asking.
        QTRY_VERIFY_WITH_TIMEOUT(tags()->rowOfTag(QStringLiteral("my-notes-v2")) >= 0, Wait);
        QCOMPARE(tags()->tagAt(tags()->rowOfTag(QStringLiteral("my-notes-v2"))).digest,
                 queue()->index(1, 0).data(UploadQueueModel::DigestRole).toString());
    }

    void anOciLayoutDroppedIsPushedUnderTheAskedTag()
    {
        OciLayoutSpec spec;
        spec.tag = QStringLiteral("from-layout");
        spec.seed = 42;
        const auto layout = buildOciLayout(m_dir->filePath(QStringLiteral("layout")), spec);
        BERTH_VERIFY_EXPECTED(layout);
        const QModelIndex target = repository(Repo);
        QVERIFY(target.isValid());
        QWidget *viewport = m_window->repositoryView()->viewport();
        QVERIFY(drop(viewport, centerOf(target), {layout->path}));

        auto *ask = dialog<PushImageDialog>(QStringLiteral("imageTagDialog"));
        QVERIFY(ask);
        QVERIFY(ask->imageList()->isHidden());               // one image: nothing to choose
        QCOMPARE(ask->tag(), QStringLiteral("from-layout")); // the layout's own tag
        QCOMPARE(queue()->rowCount(), 0);                    // nothing before the answer
        ask->tagEdit()->setText(QStringLiteral("-bad"));
        QVERIFY(!ask->buttons()->button(QDialogButtonBox::Ok)->isEnabled()); // not a tag
        ask->tagEdit()->setText(QStringLiteral("dropped-oci"));
        ask->accept();

        QCOMPARE(queue()->rowCount(), 1);
        QCOMPARE(queue()->request(0).kind, UploadRequest::Kind::Image);
        QTRY_COMPARE_WITH_TIMEOUT(state(0), UploadState::Done, Wait);
        auto client = makeClient(m_emu->url(),
                                 Credentials::password(QStringLiteral("u"), QStringLiteral("p")));
        const auto head = await(client->headManifest(Repo, QStringLiteral("dropped-oci")));
        BERTH_VERIFY_OK(head);
        QVERIFY(head->has_value());
        QCOMPARE((*head)->digest, layout->ref.digest);
        QCOMPARE(queue()->index(0, 0).data(UploadQueueModel::DigestRole).toString(),
                 layout->ref.digest);
    }

    // `podman save -m` of two images, gzipped: taken for an image (not a blob), the dialog lists
    // both names, the second chosen pushes that image under its own tag, its uncompressed
    // layer zstd-compressed as chosen (the config stays podman's: same image ID).
    void aGzippedArchiveOfSeveralImagesIsChosenFromAndCompressed()
    {
        Podman podman;
        QVERIFY(podman.isValid());
        const QString one = QStringLiteral("localhost/app:one");
        const QString two = QStringLiteral("localhost/app:two");
        QVERIFY(podman.build(one, {{QStringLiteral("a"), QByteArray("first\n")}}));
        const auto twoId = podman.build(two, {{QStringLiteral("b"), QByteArray(4096, 'b')}});
        QVERIFY2(twoId, qPrintable(twoId ? QString() : twoId.error()));
        const QString tar = m_dir->filePath(QStringLiteral("multi.tar"));
        const ProcessResult saved = podman.run(
            {QStringLiteral("save"), QStringLiteral("-m"), QStringLiteral("-o"), tar, one, two});
        QVERIFY2(saved.ok(), qPrintable(saved.describe()));
        const ProcessResult gzipped = runProcess(
            {.program = QStringLiteral("gzip"), .arguments = {QStringLiteral("-k"), tar}});
        QVERIFY2(gzipped.ok(), qPrintable(gzipped.describe()));
        const QString archive = tar + QStringLiteral(".gz");
        QCOMPARE(planUpload({archive}, Repo).value(0).kind, UploadDropAction::Kind::PushImage);

        QVERIFY(
            drop(m_window->repositoryView()->viewport(), centerOf(repository(Repo)), {archive}));
        auto *ask = dialog<PushImageDialog>(QStringLiteral("imageTagDialog"));
        QVERIFY(ask);
        QCOMPARE(ask->imageList()->count(), 2);
        QVERIFY(ask->imageList()->isVisibleTo(ask));
        QCOMPARE(ask->tag(), QStringLiteral("one"));          // the first image's own tag
        QCOMPARE(ask->compression(), LayerCompression::Gzip); // berth-cli push's default
        ask->imageList()->setCurrentRow(1);
        QCOMPARE(ask->image(), two);
        QCOMPARE(ask->tag(), QStringLiteral("two"));
        ask->compressionCombo()->setCurrentIndex(1);
        QCOMPARE(ask->compression(), LayerCompression::Zstd);
        // The archive was decompressed once, to list its images: the push reads that copy
        // (with the archive gone it still goes up; decompressing it again would fail).
        QVERIFY(QFile::rename(archive, archive + QStringLiteral(".moved")));
        // The row says it is reading the archive (decompressing, compressing the layers),
        // with progress, before it sends.
        bool readWithProgress = false;
        connect(queue(), &QAbstractItemModel::dataChanged, this, [this, &readWithProgress] {
            const UploadStatus &status = queue()->status(0);
            readWithProgress
                = readWithProgress
                  || (status.state == UploadState::Reading && status.sent > 0 && status.total > 0);
        });
        ask->accept();

        QCOMPARE(queue()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(state(0), UploadState::Done, Wait);
        QVERIFY(readWithProgress);
        disconnect(queue(), &QAbstractItemModel::dataChanged, this, nullptr);
        auto client = makeClient(m_emu->url(),
                                 Credentials::password(QStringLiteral("u"), QStringLiteral("p")));
        const auto pushed = await(client->getManifest(Repo, QStringLiteral("two")));
        BERTH_VERIFY_OK(pushed);
        const Result<Manifest> manifest = parseManifest(pushed->body, pushed->mediaType);
        QVERIFY(manifest);
        QCOMPARE(manifest->config.digest, QStringLiteral("sha256:") + *twoId);
        QCOMPARE(manifest->layers.size(), 1);
        QVERIFY2(manifest->layers.first().mediaType.endsWith(u"+zstd"),
                 qPrintable(manifest->layers.first().mediaType));
    }

    void aDirectoryThatIsNoImageLayoutIsRefusedWithAMessage()
    {
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("plain/sub")));
        const QModelIndex target = repository(Repo);
        QVERIFY(target.isValid());
        QVERIFY(drop(m_window->repositoryView()->viewport(), centerOf(target),
                     {m_dir->filePath(QStringLiteral("plain"))}));
        QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("not an OCI image layout")));
        QCOMPARE(queue()->rowCount(), 0);
    }

    void theCancelButtonOfARunningRowCancelsIt()
    {
        const int row = startLongUpload();
        QVERIFY(queue()->status(row).sent > 0);
        QVERIFY(!isFinal(state(row)));
        UploadDock *dock = m_window->uploadDock();
        QVERIFY(dock->isVisible());
        QToolButton *cancel = dock->rowButton(row, UploadDock::CancelButton);
        QToolButton *retry = dock->rowButton(row, UploadDock::RetryButton);
        QVERIFY(cancel && retry);
        QVERIFY(cancel->isEnabled());
        QVERIFY(!retry->isEnabled());

        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state(row), UploadState::Cancelled, Wait);
        QVERIFY(queue()->status(row).sent < 64 << 20);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(retry->isEnabled()); // a cancelled upload can start again
        QCOMPARE(m_window->transfers()->activeUploads(), 0);
    }

    void thePauseButtonPausesAndResumesARow()
    {
        const int row = startLongUpload();
        QToolButton *pause = m_window->uploadDock()->rowButton(row, UploadDock::PauseResumeButton);
        QVERIFY(pause && pause->isEnabled());
        const QString pauseText = pause->text();
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state(row), UploadState::Paused, Wait);
        QVERIFY(pause->isEnabled());
        QVERIFY(pause->text() != pauseText); // now it resumes
        // The dock's title says what the row does: paused, not running.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->uploadDock()->windowTitle().startsWith(
                                     QStringLiteral("Transfers — 1 paused, ")),
                                 Wait);
        QVERIFY(!m_window->uploadDock()->windowTitle().contains(QStringLiteral("running")));
        const qint64 sentWhilePaused = queue()->status(row).sent;
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(state(row) != UploadState::Paused, Wait);
        QCOMPARE(pause->text(), pauseText);
        // It goes on sending (no need to wait for all 64 MiB).
        QTRY_VERIFY_WITH_TIMEOUT(
            queue()->status(row).sent > sentWhilePaused || state(row) == UploadState::Done, Wait);
    }

    void removingARegistryWithRunningUploadsSaysSoAndCancelsThem()
    {
        const int row = startLongUpload();
        QVERIFY(!isFinal(state(row)));
        m_window->repositoryView()->setCurrentIndex(registry());
        m_window->actions().removeRegistry->trigger();
        QMessageBox *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_dialogs.isEmpty()
                && (question = qobject_cast<QMessageBox *>(m_dialogs.last().data())),
            Wait);
        QVERIFY2(question->informativeText().contains(QStringLiteral("cancelled")),
                 qPrintable(question->informativeText()));
        question->button(QMessageBox::Yes)->click();
        // The registry's worker went with it; its row says so.
        QCOMPARE(state(row), UploadState::Cancelled);
        QCOMPARE(queue()->worker(row), nullptr);
        QVERIFY(!queue()->status(row).message.isEmpty());
        QCOMPARE(m_window->transfers()->activeUploads(), 0);
        QVERIFY(!m_window->uploadDock()->rowButton(row, UploadDock::RetryButton)->isEnabled());
    }

    void closingWithARunningUploadAsksFirst()
    {
        const int row = startLongUpload();
        QVERIFY(!isFinal(state(row)));

        QVERIFY(!m_window->close());
        auto *question = dialog<QMessageBox>(QStringLiteral("cancelTransfersQuestion"));
        QVERIFY(question);
        QVERIFY(question->text().contains(QStringLiteral("still running")));
        question->button(QMessageBox::Cancel)->click();
        QVERIFY(m_window->isVisible()); // kept open, the upload goes on
        QVERIFY(!isFinal(state(row)));

        QVERIFY(!m_window->close());
        question = dialog<QMessageBox>(QStringLiteral("cancelTransfersQuestion"));
        QVERIFY(question);
        question->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(state(row), UploadState::Cancelled, Wait);
    }
};

QTEST_MAIN(tst_UploadDrop)
#include "tst_uploaddrop.moc"
