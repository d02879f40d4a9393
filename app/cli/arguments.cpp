#include "cli/arguments.h"

#include <QUrl>

#include <type_traits>
#include <variant>

namespace Berth::Cli {

namespace {

constexpr qint64 MaxTimeoutSecs = qint64(24) * 60 * 60;
constexpr qint64 MaxPages = 10000000;
constexpr qint64 MaxPageSize = 10000;
constexpr qint64 MaxChunkSize = qint64(1) << 40; // 1 TiB

// `text` as an integer from `min` to `max`, else std::nullopt.
std::optional<qint64> integerIn(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.toLower();
    if (t == u"true" || t == u"1" || t == u"yes" || t == u"on")
        return true;
    if (t == u"false" || t == u"0" || t == u"no" || t == u"off")
        return false;
    return std::nullopt;
}

} // namespace

QString usage()
{
    return QStringLiteral(
        "Usage: berth-cli [-r URL] [-u USER] [--password-stdin] [--aad-token-stdin] [--tenant ID]\n"
        "                 [--anonymous] [--ca-file F] [--plain-http] [-o text|json] [--demo]\n"
        "                 [--timeout SECONDS] [--trust-realm HOST[:PORT]]... [--max-pages N]\n"
        "                 COMMAND\n"
        "Commands:\n"
        "  check\n"
        "  repo list [--page-size N] | repo show REPO | repo delete REPO\n"
        "  repo update REPO [--write-enabled B] [--delete-enabled B] [--read-enabled B] "
        "[--list-enabled B]\n"
        "  tag list REPO [--orderby timedesc|timeasc] [--page-size N] | tag show REPO:TAG\n"
        "  tag update REPO:TAG [...lock flags] | tag delete REPO:TAG\n"
        "  tag add REPO:TAG|REPO@DIGEST NEWTAG   (the same manifest, digest unchanged)\n"
        "  manifest list REPO [--orderby timedesc|timeasc] [--page-size N]\n"
        "  manifest show REPO:TAG|REPO@DIGEST [--raw]\n"
        "  manifest update REPO@DIGEST [...lock flags] | manifest delete REPO@DIGEST [--force]\n"
        "    (manifest delete refuses, as MANIFEST_REFERENCED, a manifest that an index in the\n"
        "    repository lists as a platform: deleting it breaks the index. --force deletes it)\n"
        "  blob get REPO DIGEST [-o FILE] | blob push REPO FILE [--chunk-size BYTES] [--from SRC]\n"
        "    (blob get without -o streams to stdout and verifies the digest only at the end: on\n"
        "    a mismatch the bytes are out already, and berth-cli exits 1)\n"
        "  blob mount REPO --from SRC DIGEST | blob delete REPO DIGEST\n"
        "  copy SRC DST [--platform OS/ARCH] [--dest-username U] [--dest-password-stdin]\n"
        "    (SRC, DST: [HOST[:PORT]/]REPO:TAG or ...@DIGEST; a first component with \".\" or\n"
        "    \":\", or localhost, is a registry, else the registry is -r. The destination signs\n"
        "    in with --dest-username and a password on stdin or in BERTH_DEST_PASSWORD, else\n"
        "    with its saved credentials, else anonymously)\n"
        "  push REPO:TAG PATH[:NAME] [--image NAME] [--compress gzip|zstd|none]\n"
        "       [--chunk-size BYTES] [--from SRC]   (an OCI layout or dir: directory, or a\n"
        "       docker/podman save archive, also gzip- or zstd-compressed; NAME picks one image\n"
        "       of several, by name, tag or manifest digest; --compress: how the uncompressed\n"
        "       layers of a legacy docker archive go up, gzip by default as podman does)\n"
        "  pull REPO:TAG|REPO@DIGEST PATH [--format oci|oci-archive|docker-archive]\n"
        "       [--platform OS/ARCH[/VARIANT]]   (oci: an OCI layout directory whose index.json\n"
        "       names the image by its tag; blobs already there are kept; docker-archive: one\n"
        "       platform)\n"
        "  repo size REPO   (bytes of the unique blobs its manifests reference, counts)\n"
        "  purge --filter REPO_REGEX:TAG_REGEX [--ago DURATION] [--keep N] [--untagged]\n"
        "        [--dry-run] [--concurrency N]   (DURATION: 30d, 2d3h, 90m; see the README)\n"
        "Ranges: --timeout 1 to 86400 seconds (default 30), --page-size 1 to 10000,\n"
        "        --chunk-size 0 to 1 TiB, --max-pages 1 to 10000000 (default 10000),\n"
        "        --keep 0 to 1000000, --concurrency 1 to 32 (default 4).\n"
        "--trust-realm lets the password go to a token server on another host that the\n"
        "registry's sign-in names (refused as UNTRUSTED_REALM otherwise; Azure tokens go only\n"
        "to the registry itself).\n"
        "Environment: BERTH_REGISTRY, BERTH_USERNAME, BERTH_PASSWORD, BERTH_AAD_TOKEN,\n"
        "             BERTH_DEST_PASSWORD;\n"
        "             BERTH_CLI_DEBUG=1 (or QT_LOGGING_RULES) lets Qt's diagnostics reach stderr.\n"
        "Exit status: 0 success, 2 bad usage, 1 any other failure.\n");
}

std::variant<Arguments, QString> parseArguments(const QStringList &args)
{
    Arguments a;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString arg = args.at(i);
        auto value = [&](QString *out) -> bool {
            if (i + 1 >= args.size())
                return false;
            *out = args.at(++i);
            return true;
        };
        // The option's value into *out, an integer from `min` to `max`; false if absent or not.
        auto integer = [&](auto *out, qint64 min, qint64 max) {
            QString text;
            const std::optional<qint64> n = value(&text) ? integerIn(text, min, max) : std::nullopt;
            if (n)
                *out = static_cast<std::remove_pointer_t<decltype(out)>>(*n);
            return n.has_value();
        };
        auto missing = [&] {
            return QStringLiteral("%1 needs a value.").arg(arg);
        };
        QString v;
        if (arg == u"-r" || arg == u"--registry") {
            if (!value(&a.registry))
                return missing();
        } else if (arg == u"-u" || arg == u"--username") {
            if (!value(&a.username))
                return missing();
        } else if (arg == u"--password-stdin") {
            a.passwordStdin = true;
        } else if (arg == u"--aad-token-stdin") {
            a.aadTokenStdin = true;
        } else if (arg == u"--tenant") {
            if (!value(&a.tenant))
                return missing();
        } else if (arg == u"--anonymous") {
            a.anonymous = true;
        } else if (arg == u"--ca-file") {
            if (!value(&a.caFile))
                return missing();
        } else if (arg == u"--trust-realm") {
            if (!value(&v))
                return missing();
            const QUrl parsed(u"https://" + v, QUrl::StrictMode);
            if (!parsed.isValid() || parsed.host().isEmpty() || !parsed.path().isEmpty()
                || !parsed.userInfo().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
                return QStringLiteral("--trust-realm takes a host or host:port, not \"%1\".")
                    .arg(v);
            a.trustedRealms << v.toLower();
        } else if (arg == u"--max-pages") {
            if (!integer(&a.maxPages, 1, MaxPages))
                return QStringLiteral("--max-pages takes a number from 1 to %1.").arg(MaxPages);
        } else if (arg == u"--plain-http") {
            a.plainHttp = true;
        } else if (arg == u"--demo") {
            a.demo = true;
        } else if (arg == u"-o" || arg == u"--output") {
            if (!value(&v))
                return missing();
            const bool blobGet
                = a.words.size() >= 2 && a.words.at(0) == u"blob" && a.words.at(1) == u"get";
            if (blobGet && arg == u"-o")
                a.outputFile = v;
            else if (v == u"json" || v == u"text")
                a.json = v == u"json";
            else
                return QStringLiteral("-o takes text or json, not \"%1\".").arg(v);
        } else if (arg == u"--timeout") {
            if (!integer(&a.timeoutSecs, 1, MaxTimeoutSecs))
                return QStringLiteral("--timeout takes a number of seconds from 1 to %1.")
                    .arg(MaxTimeoutSecs);
        } else if (arg == u"--page-size") {
            if (!integer(&a.pageSize, 1, MaxPageSize))
                return QStringLiteral("--page-size takes a number from 1 to %1.").arg(MaxPageSize);
        } else if (arg == u"--orderby") {
            if (!value(&a.orderBy))
                return missing();
            if (a.orderBy != u"timedesc" && a.orderBy != u"timeasc")
                return QStringLiteral("--orderby takes timedesc or timeasc.");
        } else if (arg == u"--raw") {
            a.raw = true;
        } else if (arg == u"--force") {
            a.force = true;
        } else if (arg == u"--chunk-size") {
            if (!integer(&a.chunkSize, 0, MaxChunkSize))
                return QStringLiteral("--chunk-size takes a number of bytes from 0 (one streamed "
                                      "request) to %1 (1 TiB).")
                    .arg(MaxChunkSize);
        } else if (arg == u"--platform") {
            if (!value(&a.platform))
                return missing();
            const QStringList parts = a.platform.split(u'/');
            if (parts.size() < 2 || parts.size() > 3 || parts.contains(QString()))
                return QStringLiteral("--platform takes OS/ARCH or OS/ARCH/VARIANT, not \"%1\".")
                    .arg(a.platform);
        } else if (arg == u"--dest-username") {
            if (!value(&a.destUsername))
                return missing();
        } else if (arg == u"--dest-password-stdin") {
            a.destPasswordStdin = true;
        } else if (arg == u"--from") {
            if (!value(&a.from))
                return missing();
        } else if (arg == u"--format") {
            if (!value(&a.format))
                return missing();
        } else if (arg == u"--image") {
            if (!value(&a.image))
                return missing();
        } else if (arg == u"--compress") {
            if (!value(&a.compress))
                return missing();
            if (a.compress != u"gzip" && a.compress != u"zstd" && a.compress != u"none")
                return QStringLiteral("--compress takes gzip, zstd or none, not \"%1\".")
                    .arg(a.compress);
        } else if (arg == u"--write-enabled" || arg == u"--delete-enabled"
                   || arg == u"--read-enabled" || arg == u"--list-enabled") {
            if (!value(&v))
                return missing();
            const std::optional<bool> b = parseBool(v);
            if (!b)
                return QStringLiteral("%1 takes true or false, not \"%2\".").arg(arg, v);
            if (arg == u"--write-enabled")
                a.attributes.writeEnabled = b;
            else if (arg == u"--delete-enabled")
                a.attributes.deleteEnabled = b;
            else if (arg == u"--read-enabled")
                a.attributes.readEnabled = b;
            else
                a.attributes.listEnabled = b;
        } else if (arg == u"--filter") {
            if (!value(&a.filter))
                return missing();
        } else if (arg == u"--ago") {
            if (!value(&a.ago))
                return missing();
        } else if (arg == u"--keep") {
            if (!integer(&a.keep, 0, 1000000))
                return QStringLiteral("--keep takes a number from 0 to 1000000.");
        } else if (arg == u"--concurrency") {
            if (!integer(&a.concurrency, 1, 32))
                return QStringLiteral("--concurrency takes a number from 1 to 32.");
        } else if (arg == u"--untagged") {
            a.untagged = true;
        } else if (arg == u"--dry-run") {
            a.dryRun = true;
        } else if (arg == u"-h" || arg == u"--help") {
            return usage();
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            return QStringLiteral("Unknown option %1.").arg(arg);
        } else {
            a.words << arg;
        }
    }
    if (a.words.isEmpty())
        return QStringLiteral("No command given.");
    if (a.destPasswordStdin && (a.passwordStdin || a.aadTokenStdin))
        return QStringLiteral("Only one secret can come on stdin.");
    if (a.destPasswordStdin && a.destUsername.isEmpty())
        return QStringLiteral("--dest-password-stdin needs --dest-username.");
    return a;
}

} // namespace Berth::Cli
