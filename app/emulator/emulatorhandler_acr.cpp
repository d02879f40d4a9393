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

// The token action an /acr/v1/ item request of `method` needs; nullptr for a method the route
// does not take (DELETE only where `deletable`).
const char *acrAction(const QByteArray &method, bool deletable)
{
    if (method == "GET" || method == "HEAD")
        return "metadata_read";
    if (method == "PATCH")
        return "metadata_write";
    if (method == "DELETE" && deletable)
        return "delete";
    return nullptr;
}

// A PATCH body (a JSON object of changeable attributes) applied to `attributes`; false when
// it is not one.
bool applyChangeable(const QByteArray &body, Attributes &attributes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    return attributes.apply(document.object());
}

Response invalidAttributes()
{
    return errorResponse(
        400, QStringLiteral("INVALID_REQUEST"),
        QStringLiteral("the request body is not a valid set of changeable attributes"));
}

// One page of a listing: `items` in the order `page` asks for, each made JSON by `toJson`;
// `next` is the key of the last one when another page follows, empty otherwise.
template<typename T, typename Page, typename Key, typename ToJson>
QJsonArray pageOf(QList<const T *> items, const Page &page, Key key, ToJson toJson, QString &next)
{
    const bool byTime = isTimeOrder(page.orderby);
    if (byTime)
        sortByTime(items, page.orderby);
    bool more = false;
    const QList<const T *> selected = takePage(items, page.last, byTime, page.n, key, more);
    QJsonArray array;
    for (const T *item : selected)
        array.append(toJson(*item));
    next = more ? key(selected.last()) : QString();
    return array;
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

QJsonObject
Handler::acrBody(const QString &name, const QString &field, const QJsonValue &value) const
{
    return {{QStringLiteral("registry"), m_config.service()},
            {QStringLiteral("imageName"), name},
            {field, value}};
}

Response Handler::acrRepository(const Request &request, const QString &name)
{
    const char *action = acrAction(request.method, true);
    if (!action)
        return unsupported();
    const auto found = repositoryFor(name, action);
    if (!found)
        return found.error();
    Repository *repository = *found;
    if (request.method == "PATCH") {
        if (!applyChangeable(request.body, repository->attributes))
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
    const auto listed = listing(request, name, "metadata_read");
    if (!listed)
        return listed.error();
    const auto [repository, page] = *listed;
    const QString digest = request.queryValue(QStringLiteral("digest"));
    QList<const TagRecord *> tags;
    for (const TagRecord &tag : repository->tags) {
        if (tag.attributes.listEnabled && (digest.isEmpty() || tag.digest == digest))
            tags.append(&tag);
    }
    QString next;
    const QJsonArray array = pageOf(
        tags, page, [](const TagRecord *t) { return t->name; },
        [this](const TagRecord &t) { return tagJson(t); }, next);
    Response response = jsonResponse(200, acrBody(name, QStringLiteral("tags"), array));
    if (!next.isEmpty())
        addNextLink(response, request, page, next, digest);
    return response;
}

template<typename Items>
std::expected<std::pair<Repository *, typename Items::iterator>, Response>
Handler::acrItem(const Request &request,
                 const QString &name,
                 Items Repository::*items,
                 const QString &key,
                 bool deletable,
                 Response (*unknown)())
{
    const char *action = acrAction(request.method, deletable);
    if (!action)
        return std::unexpected(unsupported());
    const auto found = repositoryFor(name, action);
    if (!found)
        return std::unexpected(found.error());
    const auto it = ((*found)->*items).find(key);
    if (it == ((*found)->*items).end())
        return std::unexpected(unknown());
    return std::pair{*found, it};
}

Response Handler::acrTag(const Request &request, const QString &name, const QString &tagName)
{
    const auto found = acrItem(request, name, &Repository::tags, tagName, true, tagUnknown);
    if (!found)
        return found.error();
    const auto [repository, it] = *found;
    if (request.method == "DELETE") {
        const Attributes &repo = repository->attributes;
        if (!repo.deleteEnabled || !repo.writeEnabled || !it->attributes.deleteEnabled
            || !it->attributes.writeEnabled)
            return disallowed();
        repository->tags.erase(it);
        repository->updated = m_store.now();
        return emptyResponse(202);
    }
    if (request.method == "PATCH" && !applyChangeable(request.body, it->attributes))
        return invalidAttributes();
    return jsonResponse(200, acrBody(name, QStringLiteral("tag"), tagJson(*it)));
}

Response Handler::acrManifests(const Request &request, const QString &name)
{
    const auto listed = listing(request, name, "metadata_read");
    if (!listed)
        return listed.error();
    const Repository *repository = listed->first;
    const Page &page = listed->second;
    QList<const ManifestRecord *> manifests;
    for (const ManifestRecord &manifest : repository->manifests) {
        if (manifest.attributes.listEnabled)
            manifests.append(&manifest);
    }
    QString next;
    const QJsonArray array = pageOf(
        manifests, page, [](const ManifestRecord *m) { return m->digest; },
        [&](const ManifestRecord &m) { return manifestJson(*repository, m); }, next);
    Response response = jsonResponse(200, acrBody(name, QStringLiteral("manifests"), array));
    if (!next.isEmpty())
        addNextLink(response, request, page, next);
    return response;
}

Response Handler::acrManifest(const Request &request, const QString &name, const QString &digest)
{
    const auto found
        = acrItem(request, name, &Repository::manifests, digest, false, manifestUnknown);
    if (!found)
        return found.error();
    const auto [repository, it] = *found;
    if (request.method == "PATCH" && !applyChangeable(request.body, it->attributes))
        return invalidAttributes();
    return jsonResponse(200,
                        acrBody(name, QStringLiteral("manifest"), manifestJson(*repository, *it)));
}

} // namespace Berth::Emu
