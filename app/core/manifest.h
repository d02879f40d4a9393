#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Berth {

struct Platform
{
    QString architecture;
    QString os;
    QString variant;
    QString osVersion;
    bool isEmpty() const { return architecture.isEmpty() && os.isEmpty(); }
    QString toString() const; // "linux/arm64/v8"
};

struct Descriptor
{
    QString mediaType;
    QString digest;
    qint64 size = -1;
    QString artifactType;
    QStringList urls;
    QJsonObject annotations;
    Platform platform; // set on an index's entries
};

// An image manifest (OCI or Docker v2) or an index (OCI index or Docker manifest list).
struct Manifest
{
    enum class Kind { Image, Index };
    Kind kind = Kind::Image;
    int schemaVersion = 0;
    QString mediaType; // from the body, else from Content-Type
    QString artifactType;
    Descriptor config;           // Image only
    QList<Descriptor> layers;    // Image only
    QList<Descriptor> manifests; // Index only
    std::optional<Descriptor> subject;
    QJsonObject annotations;

    // config + layers for an image; the sum of the entries for an index (saturating).
    qint64 totalSize() const;
};

// Parses and validates a manifest body: schemaVersion 2, digests well formed, sizes
// non-negative integers, field types as the OCI image spec says. The kind comes from the
// media type (the body's, else `contentType`), or from the fields present when that is
// generic. Schema 1 manifests, other schema versions and other media types are
// UNSUPPORTED; anything else malformed is INVALID_RESPONSE with a message naming the field.
Result<Manifest> parseManifest(const QByteArray &body, const QString &contentType);

} // namespace Berth
