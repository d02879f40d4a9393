// berth: the desktop window.

#include "credentials/keychaincredentialstore.h"
#include "emulator/acremulator.h"
#include "models/tagmodel.h"
#include "registry/registryclient.h"
#include "ui/mainwindow.h"
#include "ui/manifestview.h"
#include "ui/repositorypane.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QLocale>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Berth;

namespace {

constexpr int ScreenshotTimeoutMs = 15000;
constexpr int ScreenshotPollMs = 100;

std::unique_ptr<QSettings> openSettings()
{
    const QString path = qEnvironmentVariable("BERTH_SETTINGS");
    if (path.isEmpty())
        return std::make_unique<QSettings>(QStringLiteral("Berth"), QStringLiteral("Berth"));
    return std::make_unique<QSettings>(path, QSettings::IniFormat);
}

// --screenshot: once the tag table has rows and the manifest details are in, saves the
// window as PNG and quits (1 on timeout or when the file cannot be written).
void scheduleScreenshot(MainWindow *window, const QString &file)
{
    auto *timer = new QTimer(window);
    auto *clock = new QElapsedTimer;
    clock->start();
    QObject::connect(timer, &QTimer::timeout, window, [window, file, timer, clock] {
        const bool ready = window->pane()->tagModel()->rowCount() > 0
                           && window->pane()->details()->isLoaded() && !window->isBusy();
        if (!ready && clock->elapsed() < ScreenshotTimeoutMs)
            return;
        timer->stop();
        const qint64 waited = clock->elapsed();
        delete clock;
        if (!ready) {
            std::fprintf(stderr, "berth: the demo did not finish loading within %d s\n",
                         ScreenshotTimeoutMs / 1000);
            QCoreApplication::exit(1);
            return;
        }
        const bool saved = window->grab().save(file, "PNG");
        if (!saved)
            std::fprintf(stderr, "berth: cannot write %s\n", qPrintable(file));
        else
            std::fprintf(stdout, "berth: saved %s after %lld ms\n", qPrintable(file),
                         static_cast<long long>(waited));
        QCoreApplication::exit(saved ? 0 : 1);
    });
    timer->start(ScreenshotPollMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setApplicationDisplayName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("berth"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("berth"),
                                                 QIcon(QStringLiteral(":/berth/icons/berth.svg"))));
    installTranslations(QLocale(), &app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A desktop browser for container registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Open the built-in demo registry (nothing is saved)."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QApplication::translate("main", "Save a screenshot and quit."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demo);
    parser.addOption(screenshot);
    parser.process(app);

    MainWindow window;
    std::unique_ptr<QSettings> settings;
    AcrEmulator *emulator = nullptr;
    if (parser.isSet(demo)) {
        // The demo touches neither the settings nor the keychain.
        emulator = new AcrEmulator(&app);
        emulator->setAnonymousActions({QStringLiteral("*")});
        emulator->seedDemo();
        if (!emulator->listen()) {
            std::fputs("berth: cannot start the demo registry\n", stderr);
            return 1;
        }
        ConnectionSettings connection;
        connection.registry = emulator->url();
        Result<RegistryClient *> client = RegistryClient::create(connection);
        if (!client) {
            std::fprintf(stderr, "berth: %s\n", qPrintable(client.error().toString()));
            return 1;
        }
        window.addRegistry(*client, QApplication::translate("main", "Demo registry"));
        window.openRepository(*client, QStringLiteral("hello-world"));
    } else {
        settings = openSettings();
        window.setSettings(settings.get());
        window.setCredentialStore(new KeychainCredentialStore(&window));
        window.restoreWindowState();
        window.loadSavedRegistries();
    }

    if (parser.isSet(screenshot)) {
        if (!emulator) {
            std::fputs("berth: --screenshot needs --demo\n", stderr);
            return 2;
        }
        scheduleScreenshot(&window, parser.value(screenshot));
    }
    window.show();
    return app.exec();
}
