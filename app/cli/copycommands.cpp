// berth-cli's commands that put an existing image somewhere else: tag add, copy.

#include "cli/commands.h"
#include "cli/output.h"
#include "core/reference.h"
#include "registry/registryclient.h"
#include "registry/retag.h"

#include <QJsonObject>

namespace Berth::Cli {

// tag add REPO:TAG|REPO@DIGEST NEWTAG: prints the digest, which is the source's.
void CommandRunner::tagAdd()
{
    if (!operands(2))
        return;
    const std::optional<Reference> source
        = referenceOperand(m_args.words.at(2), ReferenceNeeds::TagOrDigest);
    if (!source)
        return;
    const QString newTag = m_args.words.at(3);
    if (!isValidTag(newTag))
        return usageError(tr("\"%1\" is not a tag.").arg(newTag));
    const QString repo = source->repository;
    whenDone(retag(m_client, repo, source->reference(), newTag),
             [this, repo, newTag](const QString &digest) {
                 if (m_args.json)
                     printJson(QJsonObject{{QStringLiteral("repository"), repo},
                                           {QStringLiteral("tag"), newTag},
                                           {QStringLiteral("digest"), digest}});
                 else
                     printLine(digest);
             });
}

void CommandRunner::copyCommand()
{
    usageError(QStringLiteral("copy is not available yet."));
}

} // namespace Berth::Cli
