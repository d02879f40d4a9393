// ACR's metadata API (/acr/v1/): repository, tag and manifest attributes, their listings
// with orderby/digest filters, deletes of repositories and tags. Shapes as in the spec's
// examples (GetRepositoryAttributes.json, GetTagAttributes.json, GetManifestAttributes.json)
// and the recorded service responses.

#include "emulator/emulatorhandler.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Berth::Emu {

namespace {

// Items already sorted; the page after `last`: lexically after it, or (time orders) after
// the item named `last` — nothing when that item is gone.
template<typename T, typename Key>
QList<const T *> takePage(const QList<const T *> &sorted,
                          const QString &last,
                          bool byTime,
                          qsizetype n,
                          Key key,
                          bool &more)
{
    qsizetype begin = 0;
    if (!last.isEmpty()) {
        if (byTime) {
            begin = sorted.size();
            for (qsizetype i = 0; i < sorted.size(); ++i) {
                if (key(sorted[i]) == last) {
                    begin = i + 1;
                    break;
                }
            }
        } else {
            begin = std::partition_point(sorted.begin(), sorted.end(),
                                         [&](const T *item) { return key(item) <= last; })
                    - sorted.begin();
        }
    }
    QList<const T *> page = sorted.mid(begin, n);
    more = begin + page.size() < sorted.size();
    return page;
}

template<typename T>
void sortByTime(QList<const T *> &items, const QString &orderby)
{
    const bool descending = orderby == u"timedesc";
    std::stable_sort(items.begin(), items.end(), [descending](const T *a, const T *b) {
        return descending ? a->updated > b->updated : a->updated < b->updated;
    });
}

bool isTimeOrder(const QString &orderby)
{
    return orderby == u"timedesc" || orderby == u"timeasc";
}

std::optional<QJsonObject> changeableFrom(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

Response invalidAttributes()
{
    return errorResponse(
        400, QStringLiteral("INVALID_REQUEST"),
        QStringLiteral("the request body is not a valid set of changeable attributes"));
}

QString scopeOf(const QString &name, const char *action)
{
    return u"repository:" + name + u':' + QLatin1String(action);
}

} // namespace

QJsonObject Handler::repositoryJson(const Repository &repository) const
{
    return {{QStringLiteral("registry"), m_config.service()},
            {QStringLiteral("imageName"), repository.name},
            {QStringLiteral("createdTime"), Store::formatTime(repository.created)},
            {QStringLiteral("lastUpdateTime"), Store::formatTime(repository.updated)},
            {QStringLiteral("manifestCount"), repository.manifests.size()},
            {QStringLiteral("tagCount"), repository.tags.size()},
            {QStringLiteral("changeableAttributes"), repository.attributes.toJson()}};
}

QJsonObject Handler::tagJson(const TagRecord &tag) const
{
    return {{QStringLiteral("name"), tag.name},
            {QStringLiteral("digest"), tag.digest},
            {QStringLiteral("createdTime"), Store::formatTime(tag.created)},
            {QStringLiteral("lastUpdateTime"), Store::formatTime(tag.updated)},
            {QStringLiteral("signed"), false},
            {QStringLiteral("changeableAttributes"), tag.attributes.toJson()}};
}

QJsonObject Handler::manifestJson(const Repository &repository,
                                  const ManifestRecord &manifest) const
{
    QJsonObject json{{QStringLiteral("digest"), manifest.digest},
                     {QStringLiteral("imageSize"), manifest.imageSize},
                     {QStringLiteral("createdTime"), Store::formatTime(manifest.created)},
                     {QStringLiteral("lastUpdateTime"), Store::formatTime(manifest.updated)},
                     {QStringLiteral("mediaType"), manifest.mediaType},
                     {QStringLiteral("changeableAttributes"), manifest.attributes.toJson()}};
    if (!manifest.architecture.isEmpty())
        json.insert(QStringLiteral("architecture"), manifest.architecture);
    if (!manifest.os.isEmpty())
        json.insert(QStringLiteral("os"), manifest.os);
    if (!manifest.configMediaType.isEmpty())
        json.insert(QStringLiteral("configMediaType"), manifest.configMediaType);
    const QStringList tags = repository.tagsOf(manifest.digest);
    if (!tags.isEmpty())
        json.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    if (manifest.isIndex()) {
        QJsonArray references;
        for (const Platform &platform : manifest.references) {
            references.append(QJsonObject{{QStringLiteral("digest"), platform.digest},
                                          {QStringLiteral("architecture"), platform.architecture},
                                          {QStringLiteral("os"), platform.os}});
        }
        json.insert(QStringLiteral("references"), references);
    }
    return json;
}

Response Handler::acrRepository(const Request &request, const QString &name)
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    const char *action = read                        ? "metadata_read"
                         : request.method == "PATCH" ? "metadata_write"
                                                     : "delete";
    if (!read && request.method != "PATCH" && request.method != "DELETE")
        return unsupported();
    if (auto refused = authorize({{QStringLiteral("repository"), name, QLatin1String(action)}},
                                 {scopeOf(name, action)}))
        return *refused;
    Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return nameUnknown(name);
    if (request.method == "PATCH") {
        const auto changeable = changeableFrom(request.body);
        if (!changeable || !repository->attributes.apply(*changeable))
            return invalidAttributes();
    } else if (request.method == "DELETE") {
        const Attributes &locks = repository->attributes;
        if (!locks.deleteEnabled || !locks.writeEnabled)
            return disallowed();
        for (const ManifestRecord &manifest : repository->manifests) {
            if (!canDeleteManifest(*repository, manifest))
                return disallowed();
        }
        // DeleteRepositoryResult, 202 as recorded from the service.
        const QJsonObject deleted{
            {QStringLiteral("manifestsDeleted"),
             QJsonArray::fromStringList(repository->manifests.keys())},
            {QStringLiteral("tagsDeleted"), QJsonArray::fromStringList(repository->tags.keys())}};
        m_store.removeRepository(name);
        return jsonResponse(202, deleted);
    }
    return jsonResponse(200, repositoryJson(*repository));
}

Response Handler::acrTags(const Request &request, const QString &name)
{
    if (auto refused
        = authorize({{QStringLiteral("repository"), name, QStringLiteral("metadata_read")}},
                    {scopeOf(name, "metadata_read")})) {
        return *refused;
    }
    const Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return nameUnknown(name);
    Page page;
    if (auto bad = parsePage(request, page))
        return *bad;
    const QString digest = request.queryValue(QStringLiteral("digest"));
    QList<const TagRecord *> tags;
    for (const TagRecord &tag : repository->tags) {
        if (tag.attributes.listEnabled && (digest.isEmpty() || tag.digest == digest))
            tags.append(&tag);
    }
    const bool byTime = isTimeOrder(page.orderby);
    if (byTime)
        sortByTime(tags, page.orderby);
    bool more = false;
    const auto selected = takePage(
        tags, page.last, byTime, page.n, [](const TagRecord *t) { return t->name; }, more);
    QJsonArray array;
    for (const TagRecord *tag : selected)
        array.append(tagJson(*tag));
    Response response = jsonResponse(200, {{QStringLiteral("registry"), m_config.service()},
                                           {QStringLiteral("imageName"), name},
                                           {QStringLiteral("tags"), array}});
    if (more)
        addNextLink(response, request, page, selected.last()->name, digest);
    return response;
}

Response Handler::acrTag(const Request &request, const QString &name, const QString &tagName)
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (!read && request.method != "PATCH" && request.method != "DELETE")
        return unsupported();
    const char *action = read                        ? "metadata_read"
                         : request.method == "PATCH" ? "metadata_write"
                                                     : "delete";
    if (auto refused = authorize({{QStringLiteral("repository"), name, QLatin1String(action)}},
                                 {scopeOf(name, action)}))
        return *refused;
    Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return nameUnknown(name);
    const auto it = repository->tags.find(tagName);
    if (it == repository->tags.end())
        return tagUnknown();
    if (request.method == "DELETE") {
        const Attributes &repo = repository->attributes;
        if (!repo.deleteEnabled || !repo.writeEnabled || !it->attributes.deleteEnabled
            || !it->attributes.writeEnabled)
            return disallowed();
        repository->tags.erase(it);
        repository->updated = m_store.now();
        return emptyResponse(202);
    }
    if (request.method == "PATCH") {
        const auto changeable = changeableFrom(request.body);
        if (!changeable || !it->attributes.apply(*changeable))
            return invalidAttributes();
    }
    return jsonResponse(200, {{QStringLiteral("registry"), m_config.service()},
                              {QStringLiteral("imageName"), name},
                              {QStringLiteral("tag"), tagJson(*it)}});
}

Response Handler::acrManifests(const Request &request, const QString &name)
{
    if (auto refused
        = authorize({{QStringLiteral("repository"), name, QStringLiteral("metadata_read")}},
                    {scopeOf(name, "metadata_read")})) {
        return *refused;
    }
    const Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return nameUnknown(name);
    Page page;
    if (auto bad = parsePage(request, page))
        return *bad;
    QList<const ManifestRecord *> manifests;
    for (const ManifestRecord &manifest : repository->manifests) {
        if (manifest.attributes.listEnabled)
            manifests.append(&manifest);
    }
    const bool byTime = isTimeOrder(page.orderby);
    if (byTime)
        sortByTime(manifests, page.orderby);
    bool more = false;
    const auto selected = takePage(
        manifests, page.last, byTime, page.n, [](const ManifestRecord *m) { return m->digest; },
        more);
    QJsonArray array;
    for (const ManifestRecord *manifest : selected)
        array.append(manifestJson(*repository, *manifest));
    Response response = jsonResponse(200, {{QStringLiteral("registry"), m_config.service()},
                                           {QStringLiteral("imageName"), name},
                                           {QStringLiteral("manifests"), array}});
    if (more)
        addNextLink(response, request, page, selected.last()->digest);
    return response;
}

Response Handler::acrManifest(const Request &request, const QString &name, const QString &digest)
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (!read && request.method != "PATCH")
        return unsupported();
    const char *action = read ? "metadata_read" : "metadata_write";
    if (auto refused = authorize({{QStringLiteral("repository"), name, QLatin1String(action)}},
                                 {scopeOf(name, action)}))
        return *refused;
    Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return nameUnknown(name);
    const auto it = repository->manifests.find(digest);
    if (it == repository->manifests.end())
        return manifestUnknown();
    if (request.method == "PATCH") {
        const auto changeable = changeableFrom(request.body);
        if (!changeable || !it->attributes.apply(*changeable))
            return invalidAttributes();
    }
    return jsonResponse(200, {{QStringLiteral("registry"), m_config.service()},
                              {QStringLiteral("imageName"), name},
                              {QStringLiteral("manifest"), manifestJson(*repository, *it)}});
}

} // namespace Berth::Emu
