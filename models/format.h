#pragma once

#include "core/attributes.h"

#include <QDateTime>
#include <QString>

namespace Berth::Format {

// "1.4 MB" (decimal units, as registries and Docker report sizes); empty for unknown (< 0).
QString size(qint64 bytes);
// "sha256:0123456789ab" -> "0123456789ab" (12 hex digits, as Docker shows them).
QString shortDigest(const QString &digest);
// Local time, "2024-05-01 13:45"; empty for an invalid time.
QString time(const QDateTime &time);

// "linux/amd64, linux/arm64/v8": an index's platforms, or an image's own.
QString platforms(const ManifestInfo &manifest);

} // namespace Berth::Format
