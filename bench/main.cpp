// berth-bench-browse: how Berth's browsing feels with 20,000 repositories and a repository
// with 20,000 tags. Starts the ACR emulator (a separate process by default), measures the
// real models and views against a bare-HTTP floor and peer tools, prints a table and one
// JSON line. Targets are reported, never enforced: the exit code is 0 unless something
// broke (the emulator did not start, a phase did not finish).

#include "baselines.h"
#include "browsebench.h"
#include "emulatorrunner.h"
#include "listeningprocess.h"
#include "memory.h"
#include "rawfetch.h"
#include "report.h"
#include "stallprobe.h"

#include "registry/registryclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThread>
#include <QUrlQuery>

#include <cstdio>
#include <memory>

using namespace Berth;
using namespace Berth::Bench;

namespace {

constexpr int ModelPageSize = 100; // RepositoryModel's and TagModel's default page size

int fail(const QString &message)
{
    std::fprintf(stderr, "berth-bench-browse: %s\n", qPrintable(message));
    return 1;
}

std::unique_ptr<RegistryClient> makeClient(const QUrl &url, QString *error)
{
    const Result<QUrl> registry = normalizeRegistryUrl(url.toString(), false);
    if (!registry) {
        *error = registry.error().toString();
        return {};
    }
    ConnectionSettings settings;
    settings.registry = *registry;
    Result<RegistryClient *> client = RegistryClient::create(settings);
    if (!client) {
        *error = client.error().toString();
        return {};
    }
    return std::unique_ptr<RegistryClient>(*client);
}

QUrl withQuery(QUrl url, const QString &path, int pageSize)
{
    url.setPath(path);
    url.setQuery(QStringLiteral("n=%1").arg(pageSize));
    return url;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berth-bench-browse"));
    // Per-request debug lines on stderr would be measured as Berth's own cost.
    QLoggingCategory::setFilterRules(QStringLiteral("berth.*.debug=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures browsing a large registry with Berth's models and views."));
    parser.addHelpOption();
    const QCommandLineOption reposOption(QStringLiteral("repos"),
                                         QStringLiteral("Bulk repositories (default 20000)."),
                                         QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption tagsOption(QStringLiteral("tags"),
                                        QStringLiteral("Tags of big/repo (default 20000)."),
                                        QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption emulatorOption(
        QStringLiteral("emulator"),
        QStringLiteral("Where the emulator runs: process (default) or thread."),
        QStringLiteral("process|thread"), QStringLiteral("process"));
    const QCommandLineOption binaryOption(
        QStringLiteral("emulator-binary"), QStringLiteral("The berth-acr-emulator to start."),
        QStringLiteral("PATH"), QStringLiteral(BERTH_EMULATOR_PATH));
    const QCommandLineOption repoPageOption(
        QStringLiteral("repo-page-size"),
        QStringLiteral("Repositories per page (default: the model's, 100)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption tagPageOption(
        QStringLiteral("tag-page-size"),
        QStringLiteral("Tags per page (default: the model's, 100)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption plainTreeOption(
        QStringLiteral("plain-tree"),
        QStringLiteral("A QTreeView with Qt's defaults (no uniform row heights) instead of "
                       "the window's set-up."));
    const QCommandLineOption noPeersOption(QStringLiteral("no-peers"),
                                           QStringLiteral("Skip skopeo and curl."));
    const QCommandLineOption latencyOption(
        QStringLiteral("latency-ms"),
        QStringLiteral("Reach the emulator through berth-latency-proxy, delaying each way."),
        QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOptions({reposOption, tagsOption, emulatorOption, binaryOption, repoPageOption,
                       tagPageOption, plainTreeOption, noPeersOption, latencyOption});
    parser.process(app);

    const int repos = parser.value(reposOption).toInt();
    const int tags = parser.value(tagsOption).toInt();
    const int repoPageSize = parser.value(repoPageOption).toInt();
    const int tagPageSize = parser.value(tagPageOption).toInt();
    const QString mode = parser.value(emulatorOption);
    if (repos < 1 || tags < 1 || repoPageSize < 0 || tagPageSize < 0
        || (mode != u"process" && mode != u"thread"))
        return fail(QStringLiteral("--repos and --tags take positive numbers, page sizes "
                                   "non-negative ones, --emulator process or thread"));

    Report report;
    report.repositories = repos;
    report.tags = tags;
    report.emulatorMode = mode == u"process" ? QStringLiteral("separate process")
                                             : QStringLiteral("thread of this process");
    report.cpus = QThread::idealThreadCount();
    report.treeSetup = parser.isSet(plainTreeOption)
                           ? QStringLiteral("plain QTreeView (Qt's defaults)")
                           : QStringLiteral("as the window sets it up (uniform row heights)");

    StallProbe probe;
    probe.start();
    probe.setPhase(QStringLiteral("setup"));

    EmulatorRunner emulator;
    if (!emulator.start(mode == u"process" ? EmulatorRunner::Mode::Process
                                           : EmulatorRunner::Mode::Thread,
                        parser.value(binaryOption), repos, tags))
        return fail(emulator.errorString());
    std::printf("emulator listening on %s\n", qPrintable(emulator.url().toString()));
    // Every phase (the floor, the client, Berth, the peers) goes through the same proxy.
    QUrl registry = emulator.url();
    QProcess proxy;
    report.latencyMs = parser.value(latencyOption).toInt();
    if (report.latencyMs > 0) {
        QString proxyError;
        const QString port
            = startListening(&proxy, QStringLiteral(BERTH_LATENCY_PROXY_PATH),
                             {QStringLiteral("--target-port"), QString::number(registry.port()),
                              QStringLiteral("--delay-ms"), QString::number(report.latencyMs),
                              QStringLiteral("--max-seconds"), QStringLiteral("1800")},
                             &proxyError);
        if (port.isEmpty())
            return fail(proxyError);
        registry.setPort(port.toInt());
        std::printf("through berth-latency-proxy on port %s, %d ms each way\n", qPrintable(port),
                    report.latencyMs);
    }
    std::fflush(stdout);

    // The floor: the same pages over bare HTTP, then through Berth's client alone. They also
    // warm the emulator up, so Berth is not charged for its first requests.
    probe.setPhase(QStringLiteral("baselines"));
    const int repoPage = repoPageSize > 0 ? repoPageSize : ModelPageSize;
    const int tagPage = tagPageSize > 0 ? tagPageSize : ModelPageSize;
    report.repoPageSize = repoPage;
    report.tagPageSize = tagPage;
    RawFetch raw;
    const QUrl firstCatalogPage = withQuery(registry, QStringLiteral("/acr/v1/_catalog"), repoPage);
    report.rawRepos = raw.fetchAll(firstCatalogPage, repoPage, 100000);
    const RawFetch::Challenge catalogChallenge = raw.lastChallenge();
    report.rawTags = raw.fetchAll(
        withQuery(registry, QStringLiteral("/acr/v1/big/repo/_tags"), tagPage), tagPage, 100000);
    if (!report.rawRepos.ok || !report.rawTags.ok)
        return fail(
            QStringLiteral("raw fetch: %1%2").arg(report.rawRepos.error, report.rawTags.error));
    {
        QString error;
        const std::unique_ptr<RegistryClient> client = makeClient(registry, &error);
        if (!client)
            return fail(error);
        report.clientRepos = clientRepositories(client.get(), repoPage);
        report.clientTags = clientTags(client.get(), QStringLiteral("big/repo"), tagPage);
    }

    // Berth: a fresh client, as when the window connects.
    QString error;
    const std::unique_ptr<RegistryClient> client = makeClient(registry, &error);
    if (!client)
        return fail(error);
    BrowseOptions options;
    options.repoPageSize = repoPageSize;
    options.tagPageSize = tagPageSize;
    options.plainTree = parser.isSet(plainTreeOption);
    // Many, some, one and no matches over t00001..t20000 (and "latest").
    options.filters = {QStringLiteral("t1"),   QStringLiteral("T0"),     QStringLiteral("t05"),
                       QStringLiteral("t000"), QStringLiteral("t19999"), QStringLiteral("zzz"),
                       QStringLiteral("lat")};
    report.browse = runBrowse(client.get(), &probe, options);
    report.afterBrowse = currentMemory();
    report.stallFirstRows = probe.stats(QStringLiteral("first-rows"));
    report.stallRepos = probe.stats(QStringLiteral("repositories"));
    report.stallTags = probe.stats(QStringLiteral("tags"));
    report.stallFilter = probe.stats(QStringLiteral("filter"));
    if (!report.browse.ok)
        return fail(report.browse.error);

    probe.setPhase(QStringLiteral("peers"));
    if (!parser.isSet(noPeersOption)) {
        report.skopeo = skopeoListTags(registry, QStringLiteral("big/repo"));
        report.curl = curlFirstPage(catalogChallenge, firstCatalogPage);
    }
    probe.stop();
    if (emulator.processId() > 0)
        report.emulator = currentMemory(emulator.processId());
    stopProcess(&proxy);
    emulator.stop();
    report.atEnd = currentMemory();

    std::printf("\n%s\n", qPrintable(report.table()));
    std::printf("%s\n", QJsonDocument(report.json()).toJson(QJsonDocument::Compact).constData());
    return 0;
}
