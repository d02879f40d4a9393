#pragma once

#include "core/attributes.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Berth::Cli {

// berth-cli's command line, parsed. Global options may stand anywhere; after the command
// words, `-o` means the output file of `blob get` and the output format everywhere else.
struct Arguments
{
    QString registry; // -r / BERTH_REGISTRY
    QString username; // -u / BERTH_USERNAME
    bool passwordStdin = false;
    bool aadTokenStdin = false;
    QString tenant;
    bool anonymous = false;
    QString caFile;
    bool plainHttp = false;
    bool json = false; // -o json
    bool demo = false;
    int timeoutSecs = 30;
    QStringList trustedRealms; // --trust-realm HOST, repeatable
    int maxPages = 10000;

    QStringList words; // the command and its operands: "tag", "list", "repo"
    // command options
    int pageSize = 100;
    QString orderBy;
    bool raw = false;
    bool force = false; // manifest delete: even if indexes reference it
    QString outputFile;
    qint64 chunkSize = -1; // -1: the default; 0: one streamed PATCH
    QString from;
    QString format;   // pull --format
    QString image;    // push --image NAME: one image of a source holding several
    QString compress; // push --compress gzip|zstd|none (empty: gzip)
    QString platform; // pull, copy: --platform OS/ARCH[/VARIANT]
    ChangeableAttributes attributes;
    // copy
    QString destUsername; // --dest-username
    bool destPasswordStdin = false;
    QString destPassword; // read by main() from stdin, or BERTH_DEST_PASSWORD
    // purge (cli/cleanupcommands.cpp)
    QString filter; // REPO_REGEX:TAG_REGEX
    QString ago;    // a duration: 30d, 2d3h
    int keep = 0;
    bool untagged = false;
    bool dryRun = false;
    int concurrency = 4;
};

// Parses argv (without the program name). On a usage error returns the message.
std::variant<Arguments, QString> parseArguments(const QStringList &args);

QString usage();

} // namespace Berth::Cli
