// berth-acr-emulator: the ACR emulator as a stand-alone server on 127.0.0.1.
// Prints exactly one line, "listening on http://127.0.0.1:<port>", then serves until
// SIGTERM or SIGINT.

#include "emulator/acremulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Berth;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

bool quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[1], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(SIGTERM, &action, nullptr) == 0 && sigaction(SIGINT, &action, nullptr) == 0;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "berth-acr-emulator: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berth-acr-emulator"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("An Azure Container Registry emulator on 127.0.0.1."));
    parser.addHelpOption();
    // name, help, value name (none for a switch), default
    const char *const options[][4] = {
        {"port", "Port to listen on (0 = any free port).", "N", "0"},
        {"user", "Add a user with every permission (repeatable).", "NAME:PASSWORD", ""},
        {"anonymous", "Anonymous access: pull or all (default: none).", "pull|all", ""},
        {"seed", "Initial content: demo or none.", "demo|none", "demo"},
        {"token-lifetime", "Access token lifetime in seconds (default 3600).", "S", ""},
        {"blob-redirect", "Answer blob downloads with 307 to a storage URL.", "", ""},
        {"bulk-repos", "Add N bulk repositories (bulk/repo-NNNNN).", "N", ""},
        {"bulk-tags", "Add a repository big/repo with N tags.", "N", ""},
        {"login-server", "The service name in challenges (default 127.0.0.1:<port>).", "HOST", ""},
    };
    for (const auto &[name, help, valueName, fallback] : options) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                                            QString::fromLatin1(valueName),
                                            QString::fromLatin1(fallback)));
    }
    const QString port = QStringLiteral("port");
    const QString user = QStringLiteral("user");
    const QString anonymous = QStringLiteral("anonymous");
    const QString seed = QStringLiteral("seed");
    const QString lifetime = QStringLiteral("token-lifetime");
    const QString redirect = QStringLiteral("blob-redirect");
    const QString bulkRepos = QStringLiteral("bulk-repos");
    const QString bulkTags = QStringLiteral("bulk-tags");
    const QString loginServer = QStringLiteral("login-server");
    parser.process(app);

    auto number = [&parser](const QString &option, int fallback, bool *ok) {
        if (!parser.isSet(option))
            return fallback;
        bool parsed = false;
        const int value = parser.value(option).toInt(&parsed);
        *ok = *ok && parsed && value >= 0;
        return value;
    };
    bool ok = true;
    const int portNumber = number(port, 0, &ok);
    const int seconds = number(lifetime, 3600, &ok);
    const int repos = number(bulkRepos, 0, &ok);
    const int tags = number(bulkTags, 0, &ok);
    if (!ok || portNumber > 65535 || seconds == 0)
        return fail(
            QStringLiteral("numbers must be non-negative integers (port <= 65535, lifetime > 0)"));

    AcrEmulator emulator;
    for (const QString &entry : parser.values(user)) {
        const qsizetype colon = entry.indexOf(u':');
        if (colon <= 0)
            return fail(QStringLiteral("--user takes NAME:PASSWORD"));
        emulator.addUser(entry.left(colon), entry.mid(colon + 1));
    }
    if (parser.isSet(anonymous)) {
        const QString value = parser.value(anonymous);
        if (value == u"pull")
            emulator.setAnonymousActions({QStringLiteral("pull")});
        else if (value == u"all")
            emulator.setAnonymousActions({QStringLiteral("*")});
        else if (value != u"none")
            return fail(QStringLiteral("--anonymous takes pull or all"));
    }
    const QString seedValue = parser.value(seed);
    if (seedValue == u"demo")
        emulator.seedDemo();
    else if (seedValue != u"none")
        return fail(QStringLiteral("--seed takes demo or none"));
    if (repos > 0 || tags > 0)
        emulator.seedBulk(repos, tags > 0 ? QStringLiteral("big/repo") : QString(), tags);
    emulator.setTokenLifetime(seconds);
    emulator.setBlobRedirect(parser.isSet(redirect));
    if (parser.isSet(loginServer))
        emulator.setLoginServer(parser.value(loginServer));

    if (!quitOnSignals(app))
        return fail(QStringLiteral("cannot install signal handlers"));
    if (!emulator.listen(quint16(portNumber)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(portNumber));
    std::printf("listening on %s\n", qPrintable(emulator.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
