#include "cli/commands.h"

#include "cli/output.h"
#include "core/reference.h"
#include "registry/registryclient.h"

#include <QJsonArray>
#include <QMetaObject>

namespace Berth::Cli {

CommandRunner::CommandRunner(const Arguments &args, RegistryClient *client, QObject *parent)
    : QObject(parent)
    , m_args(args)
    , m_client(client)
{}

void CommandRunner::usageError(const QString &message)
{
    printUsageError(message);
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT done(2); }, Qt::QueuedConnection);
}

bool CommandRunner::operands(int count)
{
    if (m_args.words.size() == count + 2)
        return true;
    usageError(QStringLiteral("\"%1\" takes %2 operand(s).")
                   .arg(m_args.words.mid(0, 2).join(u' '))
                   .arg(count));
    return false;
}

bool CommandRunner::checkRepository(const QString &name)
{
    if (isValidRepositoryName(name))
        return true;
    // The parser's message says what is wrong with it, unless it is a whole reference.
    const Result<Reference> ref = parseReference(name);
    usageError(ref ? tr("\"%1\" is not a repository name: leave out the tag or digest.").arg(name)
                   : ref.error().message);
    return false;
}

bool CommandRunner::checkDigest(const QString &digest)
{
    if (isValidDigest(digest))
        return true;
    usageError(tr("\"%1\" is not a digest (sha256: and 64 lower-case hex digits).").arg(digest));
    return false;
}

bool CommandRunner::checkFrom()
{
    return m_args.from.isEmpty() || checkRepository(m_args.from);
}

std::optional<Reference> CommandRunner::referenceOperand(const QString &text, ReferenceNeeds needs)
{
    const Result<Reference> ref = parseReference(text, needs);
    if (!ref) {
        usageError(ref.error().message);
        return std::nullopt;
    }
    if (needs == ReferenceNeeds::Tag && ref->hasDigest()) {
        usageError(tr("\"%1\" takes REPO:TAG, without a digest.").arg(text));
        return std::nullopt;
    }
    return *ref;
}

void CommandRunner::start()
{
    const QString group = m_args.words.value(0);
    const QString verb = m_args.words.value(1);
    if (group == u"check") {
        if (m_args.words.size() != 1)
            return usageError(QStringLiteral("\"check\" takes no operands."));
        return check();
    }
    if (group == u"repo")
        return repoCommand(verb);
    if (group == u"tag")
        return tagCommand(verb);
    if (group == u"manifest")
        return manifestCommand(verb);
    if (group == u"blob")
        return blobCommand(verb);
    if (group == u"copy")
        return copyCommand();
    if (group == u"purge")
        return purge();
    if (group == u"push") {
        if (m_args.words.size() != 3)
            return usageError(QStringLiteral("\"push\" takes REPO:TAG and PATH."));
        return imagePush();
    }
    if (group == u"pull") {
        if (m_args.words.size() != 3)
            return usageError(QStringLiteral("\"pull\" takes REPO:TAG or REPO@DIGEST, and PATH."));
        return imagePull();
    }
    usageError(QStringLiteral("Unknown command \"%1\".").arg(group));
}

void CommandRunner::check()
{
    whenDone(m_client->check(), [this](const Capabilities &caps) {
        if (m_args.json) {
            printJson(QJsonObject{{QStringLiteral("acr"), caps.acr},
                                  {QStringLiteral("auth"), caps.authName()}});
            return;
        }
        printLine(QStringLiteral("registry: %1").arg(m_client->registry().toString()));
        printLine(QStringLiteral("ACR metadata API: %1").arg(caps.acr ? u"yes" : u"no"));
        printLine(QStringLiteral("auth: %1").arg(caps.authName()));
    });
}

void CommandRunner::repoCommand(const QString &verb)
{
    const QString repo = m_args.words.value(2);
    if (verb == u"list") {
        if (!operands(0))
            return;
        whenDone(m_client->listRepositories(m_args.pageSize), [this](const QStringList &names) {
            if (m_args.json)
                printJson(QJsonArray::fromStringList(names));
            else
                for (const QString &n : names)
                    printLine(n);
        });
    } else if (verb == u"show" || verb == u"update") {
        if (!operands(1) || !checkRepository(repo))
            return;
        if (verb == u"update" && m_args.attributes.isEmpty())
            return usageError(QStringLiteral("repo update needs at least one of --write-enabled, "
                                             "--delete-enabled, --read-enabled, --list-enabled."));
        auto *job = verb == u"show" ? m_client->getRepository(repo)
                                    : m_client->updateRepository(repo, m_args.attributes);
        showWhenDone(job);
    } else if (verb == u"size") {
        if (operands(1) && checkRepository(repo))
            repoSize();
    } else if (verb == u"delete") {
        if (!operands(1) || !checkRepository(repo))
            return;
        whenDone(m_client->deleteRepository(repo), [this, repo](const QJsonObject &body) {
            if (m_args.json)
                printJson(body);
            else
                printLine(QStringLiteral("Deleted repository %1.").arg(repo));
        });
    } else {
        usageError(QStringLiteral("Unknown repo command \"%1\".").arg(verb));
    }
}

template<typename T>
void CommandRunner::listCommand(Job<QList<T>> *(RegistryClient::*list)(const QString &,
                                                                       const ListOptions &),
                                void (*printText)(const QList<T> &))
{
    if (!operands(1) || !checkRepository(m_args.words.at(2)))
        return;
    ListOptions options;
    options.pageSize = m_args.pageSize;
    options.orderBy = m_args.orderBy == u"timedesc"  ? OrderBy::TimeDesc
                      : m_args.orderBy == u"timeasc" ? OrderBy::TimeAsc
                                                     : OrderBy::None;
    whenDone((m_client->*list)(m_args.words.at(2), options),
             [this, printText](const QList<T> &items) {
                 if (!m_args.json)
                     return printText(items);
                 QJsonArray out; // each item's JSON as the registry gave it
                 for (const T &item : items)
                     out.append(item.json);
                 printJson(out);
             });
}

std::optional<Reference>
CommandRunner::itemReference(const QString &verb, const QString &noun, ReferenceNeeds needs)
{
    if (verb != u"show" && verb != u"update" && verb != u"delete") {
        usageError(QStringLiteral("Unknown %1 command \"%2\".").arg(noun, verb));
        return std::nullopt;
    }
    if (!operands(1))
        return std::nullopt;
    return referenceOperand(m_args.words.at(2), needs);
}

void CommandRunner::reportDeleted(Job<Done> *job, const QString &what)
{
    whenDone(job, [this, what](const Done &) {
        if (!m_args.json)
            printLine(QStringLiteral("Deleted %1.").arg(what));
    });
}

void CommandRunner::tagCommand(const QString &verb)
{
    if (verb == u"list")
        return listCommand(&RegistryClient::listTags, printTags);
    if (verb == u"add")
        return tagAdd();
    const std::optional<Reference> ref
        = itemReference(verb, QStringLiteral("tag"), ReferenceNeeds::Tag);
    if (!ref)
        return;
    if (verb == u"delete") {
        reportDeleted(m_client->deleteTag(ref->repository, ref->tag),
                      QStringLiteral("tag %1").arg(ref->toString()));
        return;
    }
    if (verb == u"update" && m_args.attributes.isEmpty())
        return usageError(QStringLiteral("tag update needs at least one lock flag."));
    auto *job = verb == u"show" ? m_client->getTag(ref->repository, ref->tag)
                                : m_client->updateTag(ref->repository, ref->tag, m_args.attributes);
    showWhenDone(job);
}

void CommandRunner::manifestCommand(const QString &verb)
{
    if (verb == u"list")
        return listCommand(&RegistryClient::listManifests, printManifests);
    const std::optional<Reference> ref
        = itemReference(verb, QStringLiteral("manifest"),
                        verb == u"show" ? ReferenceNeeds::TagOrDigest : ReferenceNeeds::Digest);
    if (!ref)
        return;
    if (verb == u"delete") {
        // Unless forced, nothing is deleted while an index lists it as one of its platforms.
        Job<Done> *job = m_args.force
                             ? m_client->deleteManifest(ref->repository, ref->digest)
                             : m_client->deleteUnreferencedManifest(ref->repository, ref->digest);
        reportDeleted(job, QStringLiteral("manifest %1").arg(ref->toString()));
    } else if (verb == u"update") {
        if (m_args.attributes.isEmpty())
            return usageError(QStringLiteral("manifest update needs at least one lock flag."));
        showWhenDone(m_client->updateManifestInfo(ref->repository, ref->digest, m_args.attributes));
    } else if (m_args.raw) {
        whenDone(m_client->getManifest(ref->repository, ref->reference()),
                 [](const ManifestContent &content) { printBytes(content.body); });
    } else if (ref->hasDigest()) {
        // A digest names the attributes directly (ACR's /_manifests/ takes it; elsewhere a
        // HEAD): no GET of the manifest, which needs pull permission a metadata reader lacks.
        showWhenDone(m_client->getManifestInfo(ref->repository, ref->digest));
    } else {
        // A tag: its digest from the tag's attributes, then the manifest's. Both read
        // metadata (one token on ACR; elsewhere each a HEAD of the manifest with pull).
        const QString repo = ref->repository;
        Job<TagInfo> *tag = m_client->getTag(repo, ref->tag);
        connect(tag, &RegistryJob::finished, this, [this, tag, repo] {
            if (!tag->result()) {
                printError(tag->result().error());
                Q_EMIT done(1);
                return;
            }
            showWhenDone(m_client->getManifestInfo(repo, tag->result()->digest));
        });
    }
}

} // namespace Berth::Cli
