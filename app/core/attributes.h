#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Berth {

// ACR's lock attributes ("changeableAttributes"). Absent values stay unset, so an update
// sends only what the user changed.
struct ChangeableAttributes
{
    std::optional<bool> deleteEnabled;
    std::optional<bool> writeEnabled;
    std::optional<bool> readEnabled;
    std::optional<bool> listEnabled;

    bool isEmpty() const;
    // ACR refuses to delete what has deleteEnabled or writeEnabled false.
    bool blocksDelete() const { return deleteEnabled == false || writeEnabled == false; }
    QJsonObject toJson() const; // only the set values
    // Wrong types (e.g. "writeEnabled":"yes") are an INVALID_RESPONSE error.
    static Result<ChangeableAttributes> fromJson(const QJsonValue &value);
    friend bool operator==(const ChangeableAttributes &, const ChangeableAttributes &) = default;
};

// Every parsed object keeps the registry's own JSON in `json`, for faithful output.
struct RepositoryInfo
{
    QString registry;
    QString name; // "imageName"
    QDateTime createdTime;
    QDateTime lastUpdateTime;
    int manifestCount = -1; // -1: unknown
    int tagCount = -1;
    ChangeableAttributes attributes;
    QJsonObject json;
};

struct TagInfo
{
    QString name;
    QString digest; // may be empty on registries without /acr/v1/
    QDateTime createdTime;
    QDateTime lastUpdateTime;
    bool isSigned = false;
    ChangeableAttributes attributes;
    QJsonObject json;
};

struct PlatformRef
{
    QString digest;
    QString architecture;
    QString os;
    QString variant;
};

struct ManifestInfo
{
    QString digest;
    qint64 imageSize = -1;
    QDateTime createdTime;
    QDateTime lastUpdateTime;
    QString architecture;
    QString os;
    QString mediaType;
    QString configMediaType;
    QStringList tags;
    QList<PlatformRef> references; // the platforms of an index
    ChangeableAttributes attributes;
    QJsonObject json;
};

template<typename T>
struct Page
{
    QList<T> items;
    QUrl next; // from the body's "link" field if present; the caller prefers the Link header
};

// Parsers for /acr/v1/ and /v2/ bodies. Each checks types and gives INVALID_RESPONSE with
// a message naming the field (e.g. "tags[2].createdTime") when the body is not what the API
// describes. Absent or null optional fields are fine (a null list is empty); a tag needs its
// "name" and a manifest its "digest". Values with a grammar must match it (core/reference.h):
// repository names (the catalog, "imageName"), tag names (ACR's and /v2/'s tag lists, a
// manifest's "tags") and digests; so no control or bidi character reaches the window or the
// terminal through them. Times are ISO 8601 with any number of fraction digits; a time
// without an offset is UTC. /v2/ tag lists carry names only, so their TagInfo::json is
// {"name": <tag>}.
Result<Page<QString>> parseRepositoryPage(const QByteArray &body); // {"repositories":[..]|null}
Result<Page<TagInfo>> parseAcrTagPage(const QByteArray &body);     // {"tags":[{...}],"link"}
Result<Page<TagInfo>> parseV2TagList(const QByteArray &body);      // {"name","tags":[..]|null}
Result<Page<ManifestInfo>> parseAcrManifestPage(const QByteArray &body); // {"manifests":[..]}
Result<RepositoryInfo> parseRepositoryAttributes(const QByteArray &body);
Result<TagInfo> parseTagAttributes(const QByteArray &body);           // {"tag":{...}}
Result<ManifestInfo> parseManifestAttributes(const QByteArray &body); // {"manifest":{...}}

} // namespace Berth
