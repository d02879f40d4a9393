#include "baselines.h"

#include "models/pagingstate.h"

#include "registry/registryclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QUrlQuery>

namespace Berth::Bench {

namespace {

constexpr int MaxPages = 100000;
constexpr int PeerTimeoutMs = 120000;

template<typename T>
Result<T> await(Job<T> *job)
{
    Result<T> result = std::unexpected(RegistryError{});
    QEventLoop loop;
    QObject::connect(job, &RegistryJob::finished, &loop, [&result, &loop, job] {
        result = job->result();
        loop.quit();
    });
    loop.exec();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return result;
}

template<typename T, typename Next>
ClientOutcome fetchPages(Next next)
{
    ClientOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    QUrl page;
    do {
        const Result<Page<T>> result = await(next(page, outcome.pages));
        if (!result) {
            outcome.error = result.error().toString();
            return outcome;
        }
        if (outcome.pages == 0)
            outcome.firstPageMs = double(clock.nsecsElapsed()) / 1e6;
        ++outcome.pages;
        outcome.items += int(result->items.size());
        page = result->items.isEmpty() ? QUrl() : result->next;
    } while (!page.isEmpty() && outcome.pages < MaxPages);
    outcome.totalMs = double(clock.nsecsElapsed()) / 1e6;
    outcome.ok = true;
    return outcome;
}

// Runs `program` and returns its standard output (empty and `error` set on failure).
QByteArray run(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(PeerTimeoutMs) || !process.waitForFinished(PeerTimeoutMs)) {
        *error = process.errorString();
        process.kill();
        process.waitForFinished(5000);
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return {};
    }
    return process.readAllStandardOutput();
}

} // namespace

ClientOutcome clientRepositories(RegistryClient *client, int pageSize)
{
    return fetchPages<QString>([client, pageSize](const QUrl &page, int pagesRead) {
        return client->repositoryPage(PagingState::pageSizeAfter(pagesRead, pageSize), page);
    });
}

ClientOutcome clientTags(RegistryClient *client, const QString &repo, int pageSize)
{
    return fetchPages<TagInfo>([client, repo, pageSize](const QUrl &page, int pagesRead) {
        ListOptions options;
        options.pageSize = PagingState::pageSizeAfter(pagesRead, pageSize);
        return client->tagPage(repo, options, page);
    });
}

PeerOutcome skopeoListTags(const QUrl &registry, const QString &repo)
{
    PeerOutcome outcome;
    const QString skopeo = QStandardPaths::findExecutable(QStringLiteral("skopeo"));
    const QStringList arguments{
        QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("docker://%1:%2/%3").arg(registry.host()).arg(registry.port()).arg(repo)};
    outcome.command = QStringLiteral("skopeo ") + arguments.join(u' ');
    if (skopeo.isEmpty())
        return outcome;
    outcome.ran = true;
    QElapsedTimer clock;
    clock.start();
    const QByteArray output = run(skopeo, arguments, &outcome.error);
    outcome.ms = double(clock.nsecsElapsed()) / 1e6;
    outcome.items = int(
        QJsonDocument::fromJson(output).object().value(QStringLiteral("Tags")).toArray().size());
    outcome.ok = outcome.error.isEmpty() && outcome.items > 0;
    return outcome;
}

PeerOutcome curlFirstPage(const RawFetch::Challenge &challenge, const QUrl &firstPage)
{
    PeerOutcome outcome;
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    outcome.command = QStringLiteral("curl <token URL>; curl -H 'Authorization: Bearer …' ")
                      + firstPage.toString();
    if (curl.isEmpty() || challenge.realm.isEmpty())
        return outcome;
    outcome.ran = true;
    QUrl tokenUrl(challenge.realm);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), challenge.service);
    query.addQueryItem(QStringLiteral("scope"), challenge.scope);
    tokenUrl.setQuery(query);
    QElapsedTimer clock;
    clock.start();
    const QString token
        = QJsonDocument::fromJson(
              run(curl, {QStringLiteral("-sf"), tokenUrl.toString()}, &outcome.error))
              .object()
              .value(QStringLiteral("access_token"))
              .toString();
    if (token.isEmpty()) {
        outcome.error = QStringLiteral("no token: %1").arg(outcome.error);
        return outcome;
    }
    const QByteArray page
        = run(curl,
              {QStringLiteral("-sf"), QStringLiteral("-H"),
               QStringLiteral("Authorization: Bearer ") + token, firstPage.toString()},
              &outcome.error);
    outcome.ms = double(clock.nsecsElapsed()) / 1e6;
    outcome.items = int(QJsonDocument::fromJson(page)
                            .object()
                            .value(QStringLiteral("repositories"))
                            .toArray()
                            .size());
    outcome.ok = outcome.error.isEmpty() && outcome.items > 0;
    return outcome;
}

} // namespace Berth::Bench
