#include "emulator/emulatorstore.h"

#include "emulator/emulatormediatypes.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>

namespace Berth::Emu {

namespace {
constexpr Ticks TicksPerMs = 10000;
constexpr Ticks TicksPerSecond = 10000000;
} // namespace

QJsonObject Attributes::toJson() const
{
    return {{QStringLiteral("deleteEnabled"), deleteEnabled},
            {QStringLiteral("writeEnabled"), writeEnabled},
            {QStringLiteral("readEnabled"), readEnabled},
            {QStringLiteral("listEnabled"), listEnabled}};
}

bool Attributes::apply(const QJsonObject &changeable)
{
    Attributes next = *this;
    const std::pair<QString, bool *> fields[] = {
        {QStringLiteral("deleteEnabled"), &next.deleteEnabled},
        {QStringLiteral("writeEnabled"), &next.writeEnabled},
        {QStringLiteral("readEnabled"), &next.readEnabled},
        {QStringLiteral("listEnabled"), &next.listEnabled},
    };
    for (const auto &[key, target] : fields) {
        const QJsonValue value = changeable.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isBool())
            return false;
        *target = value.toBool();
    }
    *this = next;
    return true;
}

bool ManifestRecord::isIndex() const
{
    return mediaType == MediaType::OciIndex || mediaType == MediaType::DockerManifestList;
}

QStringList Repository::tagsOf(const QString &digest) const
{
    QStringList names;
    for (const TagRecord &tag : tags) {
        if (tag.digest == digest)
            names.append(tag.name);
    }
    return names;
}

Ticks Store::now()
{
    const Ticks clock = QDateTime::currentMSecsSinceEpoch() * TicksPerMs;
    m_lastTick = std::max(clock, m_lastTick + 1);
    return m_lastTick;
}

QString Store::formatTime(Ticks ticks)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ticks / TicksPerMs, Qt::UTC);
    QString text = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    // Seven fractional digits without trailing zeros, like .NET's "FFFFFFF" (ACR's format:
    // "2018-09-06T06:17:20.9983915Z", "2021-07-12T19:20:00.913255Z").
    QString fraction = QString::number(ticks % TicksPerSecond).rightJustified(7, u'0');
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    if (!fraction.isEmpty())
        text += u'.' + fraction;
    return text + u'Z';
}

Ticks Store::ticksFromIso(const QString &utc)
{
    return QDateTime::fromString(utc, Qt::ISODate).toMSecsSinceEpoch() * TicksPerMs;
}

QString Store::digestOf(const QByteArray &data, const QString &algorithm)
{
    QCryptographicHash::Algorithm hash = QCryptographicHash::Sha256;
    if (algorithm == u"sha384")
        hash = QCryptographicHash::Sha384;
    else if (algorithm == u"sha512")
        hash = QCryptographicHash::Sha512;
    return algorithm + u':' + QString::fromLatin1(QCryptographicHash::hash(data, hash).toHex());
}

bool Store::isValidDigest(const QString &digest)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$"));
    return pattern.match(digest).hasMatch();
}

bool Store::isValidRepositoryName(const QString &name)
{
    // The distribution reference grammar for a repository path.
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
                       "(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*$"));
    return name.size() <= 255 && pattern.match(name).hasMatch();
}

bool Store::isValidTag(const QString &tag)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    return pattern.match(tag).hasMatch();
}

QString
Store::addBlob(const QString &repository, const QByteArray &data, const QString &knownDigest)
{
    QString digest = knownDigest.isEmpty() ? digestOf(data) : knownDigest;
    if (!m_blobs.contains(digest))
        m_blobs.insert(digest, data);
    link(repository, digest);
    return digest;
}

const QByteArray *Store::blobData(const QString &digest) const
{
    const auto it = m_blobs.constFind(digest);
    return it == m_blobs.constEnd() ? nullptr : &it.value();
}

bool Store::isLinked(const QString &repository, const QString &digest) const
{
    const Repository *repo = this->repository(repository);
    return repo && repo->blobs.contains(digest) && m_blobs.contains(digest);
}

bool Store::link(const QString &repository, const QString &digest)
{
    if (!m_blobs.contains(digest))
        return false;
    ensureRepository(repository).blobs.insert(digest);
    return true;
}

bool Store::unlink(const QString &repository, const QString &digest)
{
    Repository *repo = this->repository(repository);
    return repo && repo->blobs.remove(digest);
}

Repository *Store::repository(const QString &name)
{
    const auto it = m_repositories.find(name);
    return it == m_repositories.end() ? nullptr : &it.value();
}

const Repository *Store::repository(const QString &name) const
{
    const auto it = m_repositories.constFind(name);
    return it == m_repositories.constEnd() ? nullptr : &it.value();
}

Repository *Store::visibleRepository(const QString &name)
{
    Repository *repo = repository(name);
    return repo && repo->visible ? repo : nullptr;
}

Repository &Store::ensureRepository(const QString &name)
{
    auto it = m_repositories.find(name);
    if (it == m_repositories.end()) {
        it = m_repositories.insert(name, Repository());
        it->name = name;
    }
    return it.value();
}

ManifestRecord *Store::resolve(Repository &repository, const QString &reference)
{
    QString digest = reference;
    if (!reference.contains(u':')) {
        const auto tag = repository.tags.constFind(reference);
        if (tag == repository.tags.constEnd())
            return nullptr;
        digest = tag->digest;
    }
    const auto it = repository.manifests.find(digest);
    return it == repository.manifests.end() ? nullptr : &it.value();
}

void Store::storeManifest(Repository &repository,
                          ManifestRecord record,
                          const QString &tag,
                          Ticks at)
{
    const Ticks when = at ? at : now();
    if (!repository.visible) {
        repository.visible = true;
        repository.created = when;
    }
    repository.updated = std::max(repository.updated, when);
    const QString digest = record.digest;
    auto existing = repository.manifests.find(digest);
    if (existing == repository.manifests.end()) {
        record.created = record.updated = when;
        repository.manifests.insert(digest, record);
    } else {
        existing->updated = when;
    }
    if (tag.isEmpty())
        return;
    auto it = repository.tags.find(tag);
    if (it == repository.tags.end()) {
        TagRecord created;
        created.name = tag;
        created.digest = digest;
        created.created = created.updated = when;
        repository.tags.insert(tag, created);
    } else {
        it->digest = digest;
        it->updated = when;
    }
}

QStringList Store::removeManifest(Repository &repository, const QString &digest)
{
    QStringList tags = repository.tagsOf(digest);
    for (const QString &tag : tags)
        repository.tags.remove(tag);
    repository.manifests.remove(digest);
    repository.updated = now();
    return tags;
}

UploadSession &Store::createUpload(const QString &repository)
{
    UploadSession session;
    session.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    session.repository = repository;
    session.started = now();
    return m_uploads.insert(session.uuid, session).value();
}

UploadSession *Store::upload(const QString &uuid)
{
    const auto it = m_uploads.find(uuid);
    return it == m_uploads.end() ? nullptr : &it.value();
}

} // namespace Berth::Emu
