#pragma once

#include "rawfetch.h"

#include <QString>
#include <QUrl>

namespace Berth {
class RegistryClient;
}

namespace Berth::Bench {

// Berth's registry client alone: the same pages through RegistryClient (requests, auth,
// JSON parsing into values), with no model and no view.
struct ClientOutcome
{
    bool ok = false;
    QString error;
    int pages = 0;
    int items = 0;
    double firstPageMs = 0;
    double totalMs = 0;
};
ClientOutcome clientRepositories(RegistryClient *client, int pageSize);
ClientOutcome clientTags(RegistryClient *client, const QString &repo, int pageSize);

// A peer tool, run as its own process; `ran` is false when it is not installed.
struct PeerOutcome
{
    bool ran = false;
    bool ok = false;
    QString command;
    QString error;
    int items = 0;
    double ms = 0;
};
// skopeo list-tags over /v2/<repo>/tags/list (one request: the emulator, like
// distribution, answers without paging when no n is given).
PeerOutcome skopeoListTags(const QUrl &registry, const QString &repo);
// curl: the anonymous token, then the first catalog page (two processes).
PeerOutcome curlFirstPage(const RawFetch::Challenge &challenge, const QUrl &firstPage);

} // namespace Berth::Bench
