#pragma once

#include "core/registryerror.h"

#include <QList>
#include <QString>

namespace Berth {

// Texts the lock and delete dialogs share.
namespace DialogText {

// "sha256:0123456789ab" (the algorithm and 12 hex digits) for titles; the full digest
// belongs in a tooltip.
QString shortDigest(const QString &digest);

struct Failure
{
    QString item; // "v1", "sha256:…", a repository name
    RegistryError error;
};

// One line per failure ("v1: <the registry's message> (HTTP 405)"), at most `maxLines`,
// then "… and N more".
QString listFailures(const QList<Failure> &failures, int maxLines = 8);

} // namespace DialogText

} // namespace Berth
