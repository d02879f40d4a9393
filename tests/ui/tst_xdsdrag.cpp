// Dragging a tag out of the window onto a file manager under a real X server (Xvfb, the xcb
// platform): the test starts the drag on the tag table as a user would, and while Qt's drag
// loop runs it plays the file manager over its own X connection, as Thunar or PCManFM do:
// it reads the suggested name from the XdndDirectSave0 property of the drag's source window
// (the XdndSelection owner), writes the URI of a folder there and asks the drag's data for
// XdndDirectSave0 (what Qt does when a file manager requests it). Escape then ends the drag.
// Proved: the answer ('S', 'E', 'F'), the property removed after it, the docker archive in
// the folder (podman loads it: the same image), an existing file kept, one tag only, and the
// window's own drops unaffected by the extra format.

#include "fixtures/podman.h"
#include "models/uploadqueuemodel.h"
#include "ui/messagebar.h"
#include "ui/tagdrag.h"
#include "ui/windowtest.h"
#include "ui/xdsdrag.h"

#include <QDrag>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <xcb/xcb.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The file manager's end: its own connection to the X server.
class FileManager
{
public:
    FileManager()
        : m_c(xcb_connect(nullptr, nullptr))
    {}
    ~FileManager() { xcb_disconnect(m_c); }
    FileManager(const FileManager &) = delete;
    FileManager &operator=(const FileManager &) = delete;

    bool isValid() const { return m_c && xcb_connection_has_error(m_c) == 0; }

    xcb_atom_t atom(const char *name) const
    {
        std::unique_ptr<xcb_intern_atom_reply_t, decltype(&std::free)> reply(
            xcb_intern_atom_reply(m_c, xcb_intern_atom(m_c, 0, uint16_t(std::strlen(name)), name),
                                  nullptr),
            &std::free);
        return reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
    }

    // The window drop targets see as the drag's source.
    xcb_window_t source() const
    {
        std::unique_ptr<xcb_get_selection_owner_reply_t, decltype(&std::free)> reply(
            xcb_get_selection_owner_reply(m_c, xcb_get_selection_owner(m_c, atom("XdndSelection")),
                                          nullptr),
            &std::free);
        return reply ? reply->owner : xcb_window_t(XCB_WINDOW_NONE);
    }

    struct Property
    {
        QByteArray value;
        xcb_atom_t type = XCB_ATOM_NONE;
    };
    Property directSave(xcb_window_t window) const
    {
        std::unique_ptr<xcb_get_property_reply_t, decltype(&std::free)> reply(
            xcb_get_property_reply(m_c,
                                   xcb_get_property(m_c, 0, window, atom("XdndDirectSave0"),
                                                    XCB_GET_PROPERTY_TYPE_ANY, 0, 1024),
                                   nullptr),
            &std::free);
        if (!reply)
            return {};
        return {QByteArray(static_cast<const char *>(xcb_get_property_value(reply.get())),
                           xcb_get_property_value_length(reply.get())),
                reply->type};
    }
    void writeUri(xcb_window_t window, const QByteArray &uri) const
    {
        xcb_change_property(m_c, XCB_PROP_MODE_REPLACE, window, atom("XdndDirectSave0"),
                            atom("text/plain"), 8, uint32_t(uri.size()), uri.constData());
        xcb_flush(m_c);
    }

private:
    xcb_connection_t *m_c;
};

} // namespace

class tst_XdsDrag : public WindowTest
{
    Q_OBJECT

    FileManager m_files;
    QTemporaryDir m_dir;

    // Presses on the highlighted tags' first row and moves: the drag starts. While its loop
    // runs, `during` gets the drag's data and its source window (none: no offer seen); then
    // Escape ends the drag. False if the drag loop never ran.
    bool drag(const QString &first,
              const std::function<void(QMimeData *mime, xcb_window_t source)> &during)
    {
        QTableView *view = pane()->tagView();
        const QPoint at = view->visualRect(tagRow(first)).center();
        bool ran = false;
        QTimer inLoop; // a local: it never fires after this function
        inLoop.setSingleShot(true);
        connect(&inLoop, &QTimer::timeout, this, [&] {
            ran = true;
            const QList<QDrag *> drags = view->findChildren<QDrag *>();
            QMimeData *mime = drags.isEmpty() ? nullptr : drags.last()->mimeData();
            xcb_window_t source = XCB_WINDOW_NONE;
            // The offer comes as the loop runs: wait for the name on the source window.
            const bool offered = QTest::qWaitFor(
                [&] {
                    source = m_files.source();
                    return source != XCB_WINDOW_NONE && !m_files.directSave(source).value.isEmpty();
                },
                2000);
            if (!offered)
                qInfo("no direct save offered on the drag's source window");
            if (mime)
                during(mime, source);
            QTest::keyClick(m_window.get(), Qt::Key_Escape); // ends Qt's drag loop
        });
        inLoop.start(0);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseMove(view->viewport(), at + QPoint(QApplication::startDragDistance() + 20, 0));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
        return ran;
    }

    QByteArray folderUri(const QString &name) const
    {
        return QUrl::fromLocalFile(m_dir.filePath(name)).toEncoded();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb",
                 "run under an X server (xvfb-run) with QT_QPA_PLATFORM=xcb");
        QVERIFY(m_files.isValid());
        QVERIFY(XdsMimeData::isAvailable());
        QVERIFY(m_dir.isValid());
    }
    void init()
    {
        startWindow(3);
        QVERIFY(openRepository(u"hello-world"_s));
        selectTag(u"v1"_s);
    }
    void cleanup() { stopWindow(); }

    // The file manager names a folder holding hello-world-v1.tar already: 'S', the property
    // goes, the archive lands beside it as "hello-world-v1 (2).tar" through the Transfers
    // dock, and podman loads it as the same image; the existing file is untouched.
    void dropOntoAFolderSavesADockerArchive()
    {
        QFile existing(m_dir.filePath(u"hello-world-v1.tar"_s));
        QVERIFY(existing.open(QIODevice::WriteOnly) && existing.write("keep") == 4);
        existing.close();
        FileManager::Property offered;
        QByteArray answer;
        FileManager::Property left;
        QStringList formats;
        QVERIFY(drag(u"v1"_s, [&](QMimeData *mime, xcb_window_t source) {
            offered = m_files.directSave(source);
            formats = mime->formats();
            m_files.writeUri(source, folderUri(QString::fromUtf8(offered.value)));
            answer = mime->data(XdsMimeType);
            left = m_files.directSave(source);
        }));
        QCOMPARE(offered.value, QByteArray("hello-world-v1.tar"));
        QCOMPARE(offered.type, m_files.atom("text/plain"));
        QVERIFY(formats.contains(XdsMimeType) && formats.contains(TagsMimeType));
        QCOMPARE(answer, QByteArray("S"));
        QVERIFY(left.value.isEmpty()); // the property went after the answer

        UploadQueueModel *queue = m_window->uploadQueue();
        QCOMPARE(queue->rowCount(), 1);
        QCOMPARE(queue->kind(0), UploadQueueModel::TransferKind::Download);
        QTRY_VERIFY_WITH_TIMEOUT(isFinal(queue->status(0).state), Wait);
        QVERIFY2(queue->status(0).state == UploadState::Done, qPrintable(queue->status(0).message));
        const QString archive = m_dir.filePath(u"hello-world-v1 (2).tar"_s);
        QVERIFY(QFileInfo::exists(archive));
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("keep"));

        const Result<ManifestContent> manifest
            = await(m_client->getManifest(u"hello-world"_s, u"v1"_s));
        QVERIFY(manifest);
        const QString config = QJsonDocument::fromJson(manifest->body)
                                   .object()
                                   .value(u"config")
                                   .toObject()
                                   .value(u"digest")
                                   .toString();
        Podman podman;
        QVERIFY(podman.isValid());
        const ProcessResult loaded = podman.run({u"load"_s, u"-i"_s, archive});
        QVERIFY2(loaded.ok(), qPrintable(loaded.describe()));
        const auto id = podman.imageId(m_client->registryHost() + u"/hello-world:v1"_s);
        QVERIFY2(id, qPrintable(id.error()));
        QCOMPARE(u"sha256:"_s + *id, config);
    }

    // Not a local folder ('F': the file manager may fall back), a folder that does not exist
    // ('E'): nothing is saved, the window says why, the property goes.
    void refusedFolders_data()
    {
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("remote") << QByteArray("sftp://host.invalid/tmp/x.tar") << QByteArray("F");
        QTest::newRow("missing folder")
            << QByteArray("file:///nonexistent-berth-folder/x.tar") << QByteArray("E");
    }
    void refusedFolders()
    {
        QFETCH(QByteArray, uri);
        QFETCH(QByteArray, answer);
        QByteArray answered;
        FileManager::Property left;
        QVERIFY(drag(u"v1"_s, [&](QMimeData *mime, xcb_window_t source) {
            m_files.writeUri(source, uri);
            answered = mime->data(XdsMimeType);
            left = m_files.directSave(source);
        }));
        QCOMPARE(answered, answer);
        QVERIFY(left.value.isEmpty());
        QCOMPARE(m_window->uploadQueue()->rowCount(), 0);
        QVERIFY2(m_window->messageBar()->text().contains(u"hello-world:v1"_s),
                 qPrintable(m_window->messageBar()->text()));
    }

    // Two tags: no direct save offered (one file per drop).
    void twoTagsOfferNoDirectSave()
    {
        QTableView *view = pane()->tagView();
        view->selectionModel()->select(tagRow(u"v2"_s),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(pane()->selectedTags().size(), 2);
        QStringList formats;
        QVERIFY(drag(u"v1"_s, [&](QMimeData *mime, xcb_window_t) { formats = mime->formats(); }));
        QVERIFY(formats.contains(TagsMimeType));
        QVERIFY(!formats.contains(XdsMimeType));
    }

    // The drag's data dropped inside the window: onto its own repository, Add Tag as ever;
    // the direct save was not asked for (the name is still on the source window).
    void theWindowsOwnDropsIgnoreIt()
    {
        QByteArray before;
        QByteArray after;
        bool accepted = false;
        QVERIFY(drag(u"v1"_s, [&](QMimeData *mime, xcb_window_t source) {
            before = m_files.directSave(source).value;
            QTreeView *tree = m_window->repositoryView();
            const QModelIndex own
                = m_window->repositoryModel()->findRepository(registry(), u"hello-world"_s);
            const QPoint pos = tree->visualRect(own).center();
            QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(tree->viewport(), &enter);
            QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(tree->viewport(), &drop);
            accepted = enter.isAccepted() && drop.isAccepted();
            after = m_files.directSave(source).value;
        }));
        QVERIFY(accepted);
        QCOMPARE(before, QByteArray("hello-world-v1.tar"));
        QCOMPARE(after, before);
        auto *ask = qobject_cast<QInputDialog *>(m_dialog.data());
        QVERIFY(ask);
        QCOMPARE(ask->objectName(), u"addTagDialog"_s);
    }
};

QTEST_MAIN(tst_XdsDrag)
#include "tst_xdsdrag.moc"
