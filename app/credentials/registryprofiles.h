#pragma once

#include "credentials/registryprofile.h"

#include <QList>

class QSettings;

namespace Berth {

// The registries the user saved, as kept in QSettings (the window and berth-cli share
// them): group "registries", one subgroup per registry holding its URL, display name,
// authentication kind, username, tenant, CA file, plain-http choice and list position.
// Never a secret: a profile has no field for one. At most one profile per registryKey().
class RegistryProfiles
{
public:
    // Reads the "registries" group, in the order saved; entries with a missing or invalid URL or an
    // unknown authentication kind are skipped (with a warning).
    static RegistryProfiles load(QSettings &settings);
    // Replaces the "registries" group with these profiles (keeping their order).
    void save(QSettings &settings) const;

    const QList<RegistryProfile> &profiles() const { return m_profiles; }
    bool isEmpty() const { return m_profiles.isEmpty(); }
    qsizetype size() const { return m_profiles.size(); }

    // The profile whose registryKey() matches `registry` (scheme, host and port; a
    // default port counts as none).
    std::optional<RegistryProfile> find(const QUrl &registry) const;
    // Adds `profile`, or replaces the one with the same registryKey() in place.
    void insert(const RegistryProfile &profile);
    // Removes the profile for `registry`; false when there was none.
    bool remove(const QUrl &registry);

private:
    qsizetype indexOf(const QString &registryKey) const;

    QList<RegistryProfile> m_profiles;
};

} // namespace Berth
