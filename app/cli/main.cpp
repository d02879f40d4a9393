// berth-cli: the registry core on the command line.

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/signin.h"
#include "credentials/savedfacts.h"
#include "emulator/acremulator.h"
#include "registry/registryclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>

#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <memory>
#include <optional>
#include <variant>

using namespace Berth;

namespace {

constexpr qint64 MaxStdinSecret = 64 << 10; // passwords and tokens are a few KiB

// The secret on stdin without its line end. Reads no more than MaxStdinSecret + 1 bytes (stdin
// may never end); more is a usage error.
Result<QString> readStdin()
{
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    QByteArray bytes;
    while (bytes.size() <= MaxStdinSecret) { // a pipe gives what it has; empty: the end
        const QByteArray more = in.read(MaxStdinSecret + 1 - bytes.size());
        if (more.isEmpty())
            break;
        bytes += more;
    }
    if (bytes.size() > MaxStdinSecret)
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidArgument,
            QStringLiteral("The secret on stdin is longer than %1 bytes.").arg(MaxStdinSecret)));
    QString text = QString::fromUtf8(bytes);
    while (text.endsWith(u'\n') || text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

// Flags win over the environment; --anonymous ignores both. Nothing given: std::nullopt. A
// secret on stdin that is too long: a usage error.
Result<std::optional<Credentials>> credentialsFrom(const Cli::Arguments &args)
{
    if (args.anonymous)
        return Credentials::anonymous();
    const QString user = args.username.isEmpty() ? env("BERTH_USERNAME") : args.username;
    if (args.aadTokenStdin || args.passwordStdin) {
        const Result<QString> secret = readStdin();
        if (!secret)
            return std::unexpected(secret.error());
        return args.aadTokenStdin ? Credentials::aadToken(*secret, args.tenant)
                                  : Credentials::password(user, *secret);
    }
    if (!env("BERTH_PASSWORD").isEmpty() && !user.isEmpty())
        return Credentials::password(user, env("BERTH_PASSWORD"));
    if (!env("BERTH_AAD_TOKEN").isEmpty())
        return Credentials::aadToken(env("BERTH_AAD_TOKEN"), args.tenant);
    return std::nullopt;
}

// Qt's own messages (a plugin's, a socket's) are not berth-cli's to print: stderr carries its one
// error line only. A fatal one still says why berth-cli aborts.
void dropMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

// Diagnostics on stderr only when asked for: BERTH_CLI_DEBUG=1, or logging rules set.
bool diagnosticsWanted()
{
    return qEnvironmentVariableIntValue("BERTH_CLI_DEBUG") > 0
           || !qEnvironmentVariableIsEmpty("QT_LOGGING_RULES");
}

// Creates the client (owned by `owner`) and starts the command; false (after printing why)
// when it cannot. With `settings`, the client starts from what an earlier run learnt about the
// registry (SavedFacts), and what it learnt is kept when the command is done.
bool startCommand(const Cli::Arguments &args,
                  const ConnectionSettings &connection,
                  QSettings *settings,
                  QObject *owner)
{
    Result<RegistryClient *> client = RegistryClient::create(connection, owner);
    if (!client) {
        Cli::printError(client.error());
        return false;
    }
    if (settings)
        (*client)->assumeFacts(SavedFacts::load(*settings, connection.registry));
    auto *runner = new Cli::CommandRunner(args, *client, owner);
    QObject::connect(runner, &Cli::CommandRunner::done, qApp,
                     [settings, c = *client, registry = connection.registry](int code) {
                         if (settings)
                             SavedFacts::save(*settings, registry, c->facts());
                         QCoreApplication::exit(code);
                     });
    runner->start();
    return true;
}

// Transfers pass through buffers of up to 1 MiB that Qt allocates and frees for every read
// (its HTTP thread's download slices). By default glibc maps each one afresh and trims the
// heap behind it, so every 4 KiB of it costs a page fault, every time. Kept on the heap, a
// copy of 256 MiB took about 8,000 faults instead of 13,000-20,000 and some 12 % less CPU
// (perf stat on bench/run-copy.sh's copy), its peak RSS within 2 MiB of before.
void keepTransferBuffersOnTheHeap()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    keepTransferBuffersOnTheHeap();
    if (!diagnosticsWanted())
        qInstallMessageHandler(dropMessage);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berth-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));

    const auto parsed = Cli::parseArguments(app.arguments().mid(1));
    if (const QString *message = std::get_if<QString>(&parsed)) {
        if (*message == Cli::usage()) {
            std::fputs(qPrintable(*message), stdout);
            return 0;
        }
        Cli::printUsageError(*message);
        return 2;
    }
    Cli::Arguments args = std::get<Cli::Arguments>(parsed);
    // Owns everything below and goes before `app`: the network thread then ends while the
    // application exists. (Ended after it, the thread closes its TLS sockets, and Qt warns
    // that it cannot reach the TLS plugin without an application.)
    QObject session;

    ConnectionSettings settings;
    settings.caFile = args.caFile;
    settings.allowPlainHttp = args.plainHttp;
    settings.timeoutMs = args.timeoutSecs * 1000;
    settings.trustedRealms = args.trustedRealms;
    settings.maxPages = args.maxPages;
    QString registry = args.registry.isEmpty() ? env("BERTH_REGISTRY") : args.registry;
    args.registry = registry; // copy: the destination's registry when DST names none
    if (const QString source = Cli::sourceRegistry(args); !source.isEmpty())
        registry = source; // copy: SRC names its registry

    std::optional<Credentials> given;
    AcrEmulator *demo = nullptr;
    if (args.demo) {
        demo = new AcrEmulator(&session);
        demo->setAnonymousActions({QStringLiteral("*")});
        demo->seedDemo();
        if (!demo->listen()) {
            Cli::printError(RegistryError::make(ErrorCode::Network,
                                                QStringLiteral("Cannot start the demo registry.")));
            return 1;
        }
        registry = demo->url().toString();
        args.registry.clear(); // copy: a DST without a host is on the demo registry too
        settings.credentials = Credentials::anonymous();
    } else {
        if (registry.isEmpty()) {
            Cli::printUsageError(
                QStringLiteral("No registry: pass -r URL, set BERTH_REGISTRY, or use --demo."));
            return 2;
        }
        const Result<std::optional<Credentials>> fromArgs = credentialsFrom(args);
        if (!fromArgs) {
            Cli::printUsageError(fromArgs.error().message);
            return 2;
        }
        given = *fromArgs;
        const Result<QString> destPassword = Cli::destinationPassword(args, readStdin);
        if (!destPassword) {
            Cli::printUsageError(destPassword.error().message);
            return 2;
        }
        args.destPassword = *destPassword;
        settings.credentials = given.value_or(Credentials::anonymous());
    }
    Result<QUrl> url = normalizeRegistryUrl(registry, args.plainHttp);
    if (!url) {
        Cli::printError(url.error());
        return url.error().kind() == ErrorKind::InvalidArgument ? 2 : 1;
    }
    settings.registry = *url;

    // No credentials given: those the window saved for this registry (secret from the
    // keychain), else what docker and podman keep, else anonymous. The demo's registry is new
    // each time: nothing to remember.
    const std::unique_ptr<QSettings> stored = args.demo ? nullptr : Cli::openSettings();
    if (args.demo || given)
        return startCommand(args, settings, stored.get(), &session) ? app.exec() : 1;
    onFinished(Cli::savedSignIn(settings, *stored, &session), &session,
               [&](const Result<ConnectionSettings> &signedIn) {
                   if (!signedIn) {
                       Cli::printError(signedIn.error());
                       QCoreApplication::exit(1);
                       return;
                   }
                   if (!startCommand(args, *signedIn, stored.get(), &session))
                       QCoreApplication::exit(1);
               });
    return app.exec();
}
