#include "credentials/registryprofiles.h"

#include "credentials/credentialslog.h"
#include "registry/connection.h"

#include <QSettings>

#include <algorithm>

namespace Berth {

namespace {

const QString Group = QStringLiteral("registries");

// A subgroup name that QSettings keeps readable ("https_myreg.azurecr.io_8443"). Only
// needs to be unique per registry key: loading reads the URL from the entry itself.
QString groupName(const RegistryProfile &profile)
{
    const QUrl key(profile.registryKey());
    QString name = key.scheme() + u'_' + key.host();
    if (key.port() != -1)
        name += u'_' + QString::number(key.port());
    return name;
}

std::optional<RegistryProfile> readProfile(QSettings &settings)
{
    const QString urlText = settings.value(QStringLiteral("url")).toString();
    const bool plainHttp = settings.value(QStringLiteral("allowPlainHttp"), false).toBool();
    Result<RegistryProfile> profile = RegistryProfile::forUrl(urlText, plainHttp);
    if (!profile) {
        qCInfo(lcCredentials) << "skipping saved registry" << settings.group() << ":"
                              << profile.error().message;
        return std::nullopt;
    }
    const QString kindName = settings.value(QStringLiteral("authKind")).toString();
    const std::optional<RegistryProfile::AuthKind> kind
        = kindName.isEmpty() ? std::optional(RegistryProfile::AuthKind::Anonymous)
                             : RegistryProfile::authKindFromName(kindName);
    if (!kind) {
        qCInfo(lcCredentials) << "skipping saved registry" << urlText
                              << ": unknown authentication kind" << kindName;
        return std::nullopt;
    }
    profile->authKind = *kind;
    profile->displayName = settings.value(QStringLiteral("displayName")).toString();
    profile->username = settings.value(QStringLiteral("username")).toString();
    profile->tenant = settings.value(QStringLiteral("tenant")).toString();
    profile->caFile = settings.value(QStringLiteral("caFile")).toString();
    profile->trustedRealms = settings.value(QStringLiteral("trustedRealms")).toStringList();
    return *profile;
}

} // namespace

RegistryProfiles RegistryProfiles::load(QSettings &settings)
{
    QList<std::pair<int, RegistryProfile>> read;
    settings.beginGroup(Group);
    const QStringList groups = settings.childGroups();
    for (const QString &group : groups) {
        settings.beginGroup(group);
        if (std::optional<RegistryProfile> profile = readProfile(settings)) {
            const int position = settings.value(QStringLiteral("position"), 0).toInt();
            read.append({position, *profile});
        }
        settings.endGroup();
    }
    settings.endGroup();
    // In the order they were saved (groups come back sorted by name).
    std::stable_sort(read.begin(), read.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    RegistryProfiles result;
    for (const auto &entry : std::as_const(read))
        result.insert(entry.second);
    return result;
}

void RegistryProfiles::save(QSettings &settings) const
{
    settings.remove(Group);
    settings.beginGroup(Group);
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        const RegistryProfile &p = m_profiles.at(i);
        settings.beginGroup(groupName(p));
        settings.setValue(QStringLiteral("position"), int(i));
        settings.setValue(QStringLiteral("url"), p.registryKey());
        settings.setValue(QStringLiteral("displayName"), p.displayName);
        settings.setValue(QStringLiteral("authKind"), RegistryProfile::authKindName(p.authKind));
        settings.setValue(QStringLiteral("username"), p.username);
        settings.setValue(QStringLiteral("tenant"), p.tenant);
        settings.setValue(QStringLiteral("caFile"), p.caFile);
        settings.setValue(QStringLiteral("allowPlainHttp"), p.allowPlainHttp);
        if (p.trustedRealms.isEmpty())
            settings.remove(QStringLiteral("trustedRealms"));
        else
            settings.setValue(QStringLiteral("trustedRealms"), p.trustedRealms);
        settings.endGroup();
    }
    settings.endGroup();
}

qsizetype RegistryProfiles::indexOf(const QString &registryKey) const
{
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).registryKey() == registryKey)
            return i;
    }
    return -1;
}

std::optional<RegistryProfile> RegistryProfiles::find(const QUrl &registry) const
{
    const qsizetype i = indexOf(RegistryProfile::keyFor(registry));
    return i < 0 ? std::nullopt : std::optional<RegistryProfile>(m_profiles.at(i));
}

void RegistryProfiles::insert(const RegistryProfile &profile)
{
    const qsizetype i = indexOf(profile.registryKey());
    if (i < 0)
        m_profiles.append(profile);
    else
        m_profiles[i] = profile;
}

bool RegistryProfiles::remove(const QUrl &registry)
{
    const qsizetype i = indexOf(RegistryProfile::keyFor(registry));
    if (i < 0)
        return false;
    m_profiles.removeAt(i);
    return true;
}

} // namespace Berth
