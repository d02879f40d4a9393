#pragma once

// In-memory content of the ACR emulator: blobs (content-addressed, registry-wide, linked
// per repository so that cross-repository mounts work), repositories, manifests, tags,
// their changeable attributes (locks) and open upload sessions.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Berth::Emu {

// Time in 100 ns ticks since the Unix epoch: ACR prints seven fractional digits.
using Ticks = qint64;

struct Attributes
{
    bool deleteEnabled = true;
    bool writeEnabled = true;
    bool readEnabled = true;
    bool listEnabled = true;

    QJsonObject toJson() const;
    // Applies the known boolean keys; returns false (and changes nothing) when a known key
    // holds something else than a boolean.
    bool apply(const QJsonObject &changeable);
};

struct Platform
{
    QString digest;
    QString architecture;
    QString os;
};

struct ManifestRecord
{
    QString digest;
    QByteArray body;
    QString mediaType;
    QString configMediaType;
    QString architecture;
    QString os;
    qint64 imageSize = 0;
    QList<Platform> references; // the platforms of an index / manifest list
    Ticks created = 0;
    Ticks updated = 0;
    Attributes attributes;

    bool isIndex() const;
};

struct TagRecord
{
    QString name;
    QString digest;
    Ticks created = 0;
    Ticks updated = 0;
    Attributes attributes;
};

struct Repository
{
    QString name;
    bool visible = false; // a manifest was pushed: the repository is listed and has metadata
    Ticks created = 0;
    Ticks updated = 0;
    Attributes attributes;
    QMap<QString, TagRecord> tags;           // by name, lexical
    QMap<QString, ManifestRecord> manifests; // by digest
    QSet<QString> blobs;                     // digests linked into this repository

    QStringList tagsOf(const QString &digest) const;
};

struct UploadSession
{
    QString uuid;
    QString repository;
    QByteArray data;
    Ticks started = 0;
};

class Store
{
public:
    // A strictly increasing clock, so that no two changes share a timestamp.
    Ticks now();
    static QString formatTime(Ticks ticks);
    static Ticks ticksFromIso(const QString &utc); // "2024-03-01T09:00:00Z"

    static QString digestOf(const QByteArray &data,
                            const QString &algorithm = QStringLiteral("sha256"));
    static bool isValidDigest(const QString &digest);
    static bool isValidRepositoryName(const QString &name);
    static bool isValidTag(const QString &tag);

    // Blobs.
    // Stores (once, registry-wide) and links into `repository`; `digest` when the caller
    // already computed it (for another algorithm than sha256, say).
    QString addBlob(const QString &repository, const QByteArray &data, const QString &digest = {});
    bool hasBlobData(const QString &digest) const { return m_blobs.contains(digest); }
    const QByteArray *blobData(const QString &digest) const;
    bool isLinked(const QString &repository, const QString &digest) const;
    bool link(const QString &repository, const QString &digest);
    bool unlink(const QString &repository, const QString &digest);

    // Repositories.
    Repository *repository(const QString &name);
    const Repository *repository(const QString &name) const;
    Repository *visibleRepository(const QString &name);
    Repository &ensureRepository(const QString &name);
    const QMap<QString, Repository> &repositories() const { return m_repositories; }
    void removeRepository(const QString &name) { m_repositories.remove(name); }

    // Manifests: resolves a tag or digest; nullptr when unknown.
    static ManifestRecord *resolve(Repository &repository, const QString &reference);
    // Stores an analysed manifest (times, tag) into a repository and makes it visible.
    void
    storeManifest(Repository &repository, ManifestRecord record, const QString &tag, Ticks at = 0);
    // Removes a manifest and the tags pointing at it; returns the removed tag names.
    QStringList removeManifest(Repository &repository, const QString &digest);

    // Upload sessions.
    UploadSession &createUpload(const QString &repository);
    UploadSession *upload(const QString &uuid);
    void removeUpload(const QString &uuid) { m_uploads.remove(uuid); }

private:
    QHash<QString, QByteArray> m_blobs;
    QMap<QString, Repository> m_repositories;
    QHash<QString, UploadSession> m_uploads;
    Ticks m_lastTick = 0;
};

} // namespace Berth::Emu
