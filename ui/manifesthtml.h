#pragma once

#include "cleanup/imagesize.h"
#include "core/manifest.h"

#include <QJsonObject>
#include <QString>

namespace Berth::ManifestHtml {

// Rich text for the manifest detail view. Everything that comes from the registry is
// HTML-escaped; no colours are set, so the text follows the palette (dark themes too).

// The manifest at a glance: media type, digest, config, sizes, subject and annotations. An
// index's total size is `size` (its platforms' images, shared layers once): "computing" while
// it is null, never the size of its manifest documents.
QString summary(const Manifest &manifest,
                const QString &digest,
                qint64 bodySize,
                const ImageSize *size = nullptr);

// An image configuration made readable: platform, created, entrypoint, cmd, working
// directory, user, ports, environment, labels, and the history with the command that made
// each layer (matched to the manifest's layers, in order, skipping empty layers).
QString configuration(const QJsonObject &config, const Manifest &manifest);

// A command line from an exec-form array: ["sh", "-c", "echo hi"] -> sh -c "echo hi".
QString commandLine(const QJsonValue &value);

} // namespace Berth::ManifestHtml
