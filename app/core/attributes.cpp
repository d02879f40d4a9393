#include "core/attributes.h"

#include "core/jsonfields.h"
#include "core/linkheader.h"

#include <QJsonArray>

#include <climits>
#include <limits>

namespace Berth {

using Json::FieldReader;

namespace {

const QLatin1String ChangeableKey("changeableAttributes");

Result<ChangeableAttributes> attributesAt(const QJsonValue &value, const QString &path)
{
    return Json::readOptionalObject(value, path, [](FieldReader &r) {
        ChangeableAttributes attributes;
        attributes.deleteEnabled = r.boolean(QLatin1String("deleteEnabled"));
        attributes.writeEnabled = r.boolean(QLatin1String("writeEnabled"));
        attributes.readEnabled = r.boolean(QLatin1String("readEnabled"));
        attributes.listEnabled = r.boolean(QLatin1String("listEnabled"));
        return attributes;
    });
}

Result<TagInfo> tagAt(const QJsonValue &value, const QString &path)
{
    return Json::readObject(value, path, [](FieldReader &r) {
        TagInfo tag;
        r.require(QLatin1String("name"));
        tag.name = r.tag(QLatin1String("name"));
        tag.digest = r.digest(QLatin1String("digest"));
        tag.createdTime = r.dateTime(QLatin1String("createdTime"));
        tag.lastUpdateTime = r.dateTime(QLatin1String("lastUpdateTime"));
        tag.isSigned = r.boolean(QLatin1String("signed")).value_or(false);
        tag.attributes = r.parsed<ChangeableAttributes>(ChangeableKey, attributesAt);
        tag.json = r.json();
        return tag;
    });
}

Result<PlatformRef> platformAt(const QJsonValue &value, const QString &path)
{
    return Json::readObject(value, path, [](FieldReader &r) {
        PlatformRef platform;
        platform.digest = r.digest(QLatin1String("digest"));
        platform.architecture = r.string(QLatin1String("architecture"));
        platform.os = r.string(QLatin1String("os"));
        platform.variant = r.string(QLatin1String("variant"));
        return platform;
    });
}

Result<ManifestInfo> manifestAt(const QJsonValue &value, const QString &path)
{
    return Json::readObject(value, path, [](FieldReader &r) {
        ManifestInfo manifest;
        r.require(QLatin1String("digest"));
        manifest.digest = r.digest(QLatin1String("digest"));
        manifest.imageSize
            = r.integer(QLatin1String("imageSize"), -1, 0, std::numeric_limits<qint64>::max());
        manifest.createdTime = r.dateTime(QLatin1String("createdTime"));
        manifest.lastUpdateTime = r.dateTime(QLatin1String("lastUpdateTime"));
        manifest.architecture = r.string(QLatin1String("architecture"));
        manifest.os = r.string(QLatin1String("os"));
        manifest.mediaType = r.string(QLatin1String("mediaType"));
        manifest.configMediaType = r.string(QLatin1String("configMediaType"));
        manifest.tags = r.tags(QLatin1String("tags"));
        manifest.references = r.objects<PlatformRef>(QLatin1String("references"), platformAt);
        manifest.attributes = r.parsed<ChangeableAttributes>(ChangeableKey, attributesAt);
        manifest.json = r.json();
        return manifest;
    });
}

// The body's "link": a Link header value (`</acr/v1/...>; rel="next"`) or a bare URL.
QUrl bodyLink(FieldReader &r)
{
    const QString link = r.string(QLatin1String("link")).trimmed();
    if (link.isEmpty())
        return {};
    if (!link.startsWith(u'<'))
        return QUrl(link);
    QUrl next = parseNextLink(link.toUtf8(), QUrl());
    if (!next.isEmpty())
        return next;
    const qsizetype close = link.indexOf(u'>');
    return close > 1 ? QUrl(link.mid(1, close - 1)) : QUrl();
}

// Reads `key` as an array of objects (absent or null: none) through `parse`.
template<typename T, typename Parse>
Result<Page<T>> objectPage(const QByteArray &body, QLatin1String key, Parse parse)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    Page<T> page;
    const QJsonArray items = r.array(key);
    page.next = bodyLink(r);
    if (!r.ok())
        return std::unexpected(r.error());
    page.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        Result<T> item = parse(items.at(i), Json::indexPath(key, i));
        if (!item)
            return std::unexpected(item.error());
        page.items.append(*item);
    }
    return page;
}

// {"<key>": {...}} around one object, as in the attribute answers.
template<typename T, typename Parse>
Result<T> wrapped(const QByteArray &body, QLatin1String key, Parse parse)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    r.require(key);
    const QJsonObject object = r.object(key);
    if (!r.ok())
        return std::unexpected(r.error());
    return parse(object, QString(key));
}

} // namespace

bool ChangeableAttributes::isEmpty() const
{
    return !deleteEnabled && !writeEnabled && !readEnabled && !listEnabled;
}

QJsonObject ChangeableAttributes::toJson() const
{
    QJsonObject object;
    if (deleteEnabled)
        object.insert(QLatin1String("deleteEnabled"), *deleteEnabled);
    if (writeEnabled)
        object.insert(QLatin1String("writeEnabled"), *writeEnabled);
    if (readEnabled)
        object.insert(QLatin1String("readEnabled"), *readEnabled);
    if (listEnabled)
        object.insert(QLatin1String("listEnabled"), *listEnabled);
    return object;
}

Result<ChangeableAttributes> ChangeableAttributes::fromJson(const QJsonValue &value)
{
    return attributesAt(value, ChangeableKey);
}

Result<Page<QString>> parseRepositoryPage(const QByteArray &body)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    Page<QString> page;
    page.items = r.repositoryNames(QLatin1String("repositories"));
    page.next = bodyLink(r);
    if (!r.ok())
        return std::unexpected(r.error());
    return page;
}

Result<Page<TagInfo>> parseAcrTagPage(const QByteArray &body)
{
    return objectPage<TagInfo>(body, QLatin1String("tags"), tagAt);
}

Result<Page<TagInfo>> parseV2TagList(const QByteArray &body)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    r.string(QLatin1String("name")); // the repository asked for: not used, so not checked
    const QStringList names = r.tags(QLatin1String("tags"));
    if (!r.ok())
        return std::unexpected(r.error());
    Page<TagInfo> page;
    page.items.reserve(names.size());
    for (const QString &name : names) {
        TagInfo tag;
        tag.name = name;
        tag.json.insert(QLatin1String("name"), name);
        page.items.append(tag);
    }
    return page;
}

Result<Page<ManifestInfo>> parseAcrManifestPage(const QByteArray &body)
{
    return objectPage<ManifestInfo>(body, QLatin1String("manifests"), manifestAt);
}

Result<RepositoryInfo> parseRepositoryAttributes(const QByteArray &body)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    RepositoryInfo repository;
    repository.registry = r.string(QLatin1String("registry"));
    repository.name = r.repositoryName(QLatin1String("imageName"));
    repository.createdTime = r.dateTime(QLatin1String("createdTime"));
    repository.lastUpdateTime = r.dateTime(QLatin1String("lastUpdateTime"));
    repository.manifestCount = int(r.integer(QLatin1String("manifestCount"), -1, 0, INT_MAX));
    repository.tagCount = int(r.integer(QLatin1String("tagCount"), -1, 0, INT_MAX));
    repository.attributes = r.parsed<ChangeableAttributes>(ChangeableKey, attributesAt);
    repository.json = *root;
    return r.result(repository);
}

Result<TagInfo> parseTagAttributes(const QByteArray &body)
{
    return wrapped<TagInfo>(body, QLatin1String("tag"), tagAt);
}

Result<ManifestInfo> parseManifestAttributes(const QByteArray &body)
{
    return wrapped<ManifestInfo>(body, QLatin1String("manifest"), manifestAt);
}

} // namespace Berth
