// Dragging a tag out of the window onto a file manager under a real X server (Xvfb, the xcb
// platform): the test starts the drag on the tag table as a user would and plays the file
// manager over its own X connection, as Thunar or PCManFM do. Once for real: a folder's
// window (XdndAware) under the pointer accepts the drag, the button goes up over it, and
// after the XdndDrop it reads the suggested name from the XdndDirectSave0 property of the
// drag's source window, writes the URI of a folder there, requests XdndDirectSave0 through
// the XdndSelection and reads Berth's answer. The other cases take a shortcut while Qt's
// drag loop runs: the URI written, the drag's data asked for XdndDirectSave0 directly (what
// Qt does on that request), then Escape ends the drag. Proved: the format offered, the
// answer ('S', 'E', 'F'), the property removed after it, the docker archive in the folder
// (podman loads it: the same image), an existing file kept, one tag only, and the window's
// own drops unaffected by the extra format.

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

#include <algorithm>
#include <array>
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
        return property(window, atom("XdndDirectSave0"));
    }
    void writeUri(xcb_window_t window, const QByteArray &uri) const
    {
        xcb_change_property(m_c, XCB_PROP_MODE_REPLACE, window, atom("XdndDirectSave0"),
                            atom("text/plain"), 8, uint32_t(uri.size()), uri.constData());
        xcb_flush(m_c);
    }

    // A folder's window as a drop target: XdndAware, over the whole screen; pump() answers
    // each XdndPosition with an XdndStatus that accepts a copy and notes the XdndDrop and
    // the answer to the request for XdndDirectSave0.
    void openFolderWindow()
    {
        const xcb_screen_t *screen = xcb_setup_roots_iterator(xcb_get_setup(m_c)).data;
        m_folder = xcb_generate_id(m_c);
        const uint32_t values[] = {1, XCB_EVENT_MASK_PROPERTY_CHANGE};
        xcb_create_window(m_c, XCB_COPY_FROM_PARENT, m_folder, screen->root, 0, 0,
                          screen->width_in_pixels, screen->height_in_pixels, 0,
                          XCB_WINDOW_CLASS_INPUT_OUTPUT, screen->root_visual,
                          XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, values);
        const uint32_t version = 5;
        xcb_change_property(m_c, XCB_PROP_MODE_REPLACE, m_folder, atom("XdndAware"), XCB_ATOM_ATOM,
                            32, 1, &version);
        xcb_map_window(m_c, m_folder);
        sync();
    }
    void pump()
    {
        while (xcb_generic_event_t *event = xcb_poll_for_event(m_c)) {
            const uint8_t type = event->response_type & 0x7f;
            if (type == XCB_CLIENT_MESSAGE) {
                const auto *message = reinterpret_cast<xcb_client_message_event_t *>(event);
                if (message->type == atom("XdndEnter"))
                    m_types = offeredTypes(message);
                else if (message->type == atom("XdndPosition")) {
                    send(message->data.data32[0], "XdndStatus", {m_folder, 1, 0, 0, copy()});
                    ++m_statuses;
                } else if (message->type == atom("XdndDrop")) {
                    m_dropSource = message->data.data32[0];
                    m_dropTime = message->data.data32[2];
                }
            } else if (type == XCB_SELECTION_NOTIFY) {
                const auto *notify = reinterpret_cast<xcb_selection_notify_event_t *>(event);
                m_answered = true;
                if (notify->property != XCB_ATOM_NONE)
                    m_answer = property(m_folder, notify->property).value;
            }
            std::free(event);
        }
    }
    // After the drop, as XDS says: ask the source for XdndDirectSave0, then say finished.
    void requestDirectSave()
    {
        xcb_convert_selection(m_c, m_folder, atom("XdndSelection"), atom("XdndDirectSave0"),
                              atom("BERTH_TEST_XDS_ANSWER"), m_dropTime);
        xcb_flush(m_c);
    }
    void finish() { send(m_dropSource, "XdndFinished", {m_folder, 1, copy(), 0, 0}); }

    int statuses() const { return m_statuses; }
    // Whether the drag offers `type` (a file manager looks there for XdndDirectSave0).
    bool offers(const char *type) const { return m_types.contains(atom(type)); }
    xcb_window_t dropSource() const { return m_dropSource; }
    bool answered() const { return m_answered; }
    QByteArray answer() const { return m_answer; }

private:
    Property property(xcb_window_t window, xcb_atom_t name) const
    {
        std::unique_ptr<xcb_get_property_reply_t, decltype(&std::free)> reply(
            xcb_get_property_reply(
                m_c, xcb_get_property(m_c, 0, window, name, XCB_GET_PROPERTY_TYPE_ANY, 0, 1024),
                nullptr),
            &std::free);
        if (!reply)
            return {};
        return {QByteArray(static_cast<const char *>(xcb_get_property_value(reply.get())),
                           xcb_get_property_value_length(reply.get())),
                reply->type};
    }
    uint32_t copy() const { return atom("XdndActionCopy"); }
    // XdndEnter's three types, or with more of them, the source's XdndTypeList.
    QList<xcb_atom_t> offeredTypes(const xcb_client_message_event_t *enter) const
    {
        if ((enter->data.data32[1] & 1) == 0)
            return {enter->data.data32[2], enter->data.data32[3], enter->data.data32[4]};
        const QByteArray list = property(enter->data.data32[0], atom("XdndTypeList")).value;
        QList<xcb_atom_t> types(list.size() / qsizetype(sizeof(xcb_atom_t)));
        std::memcpy(types.data(), list.constData(), size_t(types.size()) * sizeof(xcb_atom_t));
        return types;
    }
    void send(xcb_window_t to, const char *type, const std::array<uint32_t, 5> &data)
    {
        xcb_client_message_event_t message{};
        message.response_type = XCB_CLIENT_MESSAGE;
        message.format = 32;
        message.window = to;
        message.type = atom(type);
        std::copy(data.begin(), data.end(), message.data.data32);
        xcb_send_event(m_c, 0, to, XCB_EVENT_MASK_NO_EVENT,
                       reinterpret_cast<const char *>(&message));
        sync();
    }
    void sync() const
    {
        std::free(xcb_get_input_focus_reply(m_c, xcb_get_input_focus(m_c), nullptr));
    }

    xcb_connection_t *m_c;
    xcb_window_t m_folder = XCB_WINDOW_NONE;
    int m_statuses = 0;
    QList<xcb_atom_t> m_types;
    xcb_window_t m_dropSource = XCB_WINDOW_NONE;
    xcb_timestamp_t m_dropTime = XCB_CURRENT_TIME;
    bool m_answered = false;
    QByteArray m_answer;
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

    // Dropped for real onto a folder's window (XdndAware, accepting a copy) that names a
    // folder holding hello-world-v1.tar already, asked for XdndDirectSave0 over X after the
    // drop as XDS says: 'S', the property goes, the archive lands beside that file as
    // "hello-world-v1 (2).tar" through the Transfers dock, and podman loads it as the same
    // image; the existing file is untouched.
    void dropOntoAFolderSavesADockerArchive()
    {
        QFile existing(m_dir.filePath(u"hello-world-v1.tar"_s));
        QVERIFY(existing.open(QIODevice::WriteOnly) && existing.write("keep") == 4);
        existing.close();
        FileManager folder;
        QVERIFY(folder.isValid());
        folder.openFolderWindow();
        QTableView *view = pane()->tagView();
        const QPoint at = view->visualRect(tagRow(u"v1"_s)).center();
        const QPoint over = at + QPoint(QApplication::startDragDistance() + 20, 0);
        bool ran = false;
        bool accepted = false;
        QTimer inLoop; // a local: it never fires after this function
        inLoop.setSingleShot(true);
        connect(&inLoop, &QTimer::timeout, this, [&] {
            ran = true;
            // A second XdndPosition comes only once Qt took the first XdndStatus (accepted).
            accepted = QTest::qWaitFor(
                [&] {
                    QTest::mouseMove(view->viewport(), over);
                    folder.pump();
                    return folder.statuses() >= 2;
                },
                Wait);
            QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, over); // the drop
        });
        inLoop.start(0);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseMove(view->viewport(), over); // the drag starts; returns after the drop
        QVERIFY(ran);
        QVERIFY(accepted);
        QTRY_VERIFY_WITH_TIMEOUT((folder.pump(), folder.dropSource() != XCB_WINDOW_NONE), Wait);

        QVERIFY(folder.offers("XdndDirectSave0"));
        QVERIFY(folder.offers(TagsMimeType.toLatin1().constData()));
        const xcb_window_t source = folder.dropSource();
        const FileManager::Property offered = folder.directSave(source);
        QCOMPARE(offered.value, QByteArray("hello-world-v1.tar"));
        QCOMPARE(offered.type, folder.atom("text/plain"));
        folder.writeUri(source, folderUri(QString::fromUtf8(offered.value)));
        folder.requestDirectSave();
        QTRY_VERIFY_WITH_TIMEOUT((folder.pump(), folder.answered()), Wait);
        QCOMPARE(folder.answer(), QByteArray("S"));
        QVERIFY(folder.directSave(source).value.isEmpty()); // the property went
        folder.finish();

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
