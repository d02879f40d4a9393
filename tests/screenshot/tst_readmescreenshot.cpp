// The README's screenshot (docs/screenshot.png), taken of the real window in a real X server
// (Xvfb, see CMakeLists.txt) against the emulator seeded with the demo: the multi-arch index
// team/app/api:1.0 selected with its details, and the Transfers dock with a real upload in
// it, in progress. Saved as screenshots/readme.png beside this executable;
// scripts/readme-screenshot.sh copies it to docs/screenshot.png.

#include "../ui/windowtest.h"
#include "models/uploadqueuemodel.h"
#include "ui/manifestview.h"
#include "ui/transferscontroller.h"
#include "ui/translations.h"
#include "ui/uploaddock.h"
#include "ui/uploaddrop.h"
#include "upload/uploadworker.h"

#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QTemporaryDir>

using namespace Berth;
using namespace Berth::Test;

class tst_ReadmeScreenshot : public WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    // One test function: the window is started in it and stopped with the test case.
    void multiArchIndexAndATransfer()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb",
                 "run under Xvfb (ctest -R readmescreenshot)");
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), this); // as berth
        startWindow(0);
        m_window->resize(1280, 800);
        const QString repo = QStringLiteral("team/app/api");
        QVERIFY(openRepository(repo));
        selectTag(QStringLiteral("1.0"));
        QTRY_VERIFY_WITH_TIMEOUT(pane()->details()->isLoaded(), Wait);

        // A real upload to the emulator, taken in progress once a tenth of it is sent.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("model-weights.bin")));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(qint64(256) << 20));
        file.close();
        m_window->transfers()->uploadDropped(m_client, repo, planUpload({file.fileName()}, repo));
        UploadQueueModel *queue = m_window->uploadQueue();
        QCOMPARE(queue->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(queue->status(0).state == UploadState::Sending
                                     && queue->status(0).sent > queue->status(0).total / 10,
                                 Wait);
        QVERIFY(m_window->uploadDock()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Wait);
        // The dock as tall as a few rows: the details keep the room.
        m_window->resizeDocks({m_window->uploadDock()}, {150}, Qt::Vertical);

        const QString saved = saveScreenshot(m_window.get(), QStringLiteral("readme"));
        QVERIFY(!saved.isEmpty());
        QVERIFY(QFileInfo(saved).size() > 20000);
        QCOMPARE(queue->status(0).state, UploadState::Sending); // it was in progress when taken
        queue->worker(0)->cancel(queue->status(0).id);
    }
    void cleanupTestCase() { stopWindow(); }
};

QTEST_MAIN(tst_ReadmeScreenshot)
#include "tst_readmescreenshot.moc"
