#include "credentials/savedregistries.h"

#include "credentials/credentialstore.h"
#include "credentials/registryprofiles.h"

#include <QPointer>
#include <QSettings>

namespace Berth::SavedRegistries {

namespace {

void forgetAccounts(Job<Done> *outer,
                    const QPointer<CredentialStore> &store,
                    const QString &registryKey,
                    QStringList accounts)
{
    if (accounts.isEmpty() || !store) {
        outer->succeed({});
        return;
    }
    Job<Done> *inner = store->forget(registryKey, accounts.takeFirst());
    outer->setInner(inner);
    QObject::connect(inner, &RegistryJob::finished, outer,
                     [outer, inner, store, registryKey, accounts] {
                         if (!inner->result()) {
                             outer->fail(inner->result().error());
                             return;
                         }
                         forgetAccounts(outer, store, registryKey, accounts);
                     });
}

} // namespace

void saveProfile(QSettings &settings, CredentialStore *store, const RegistryProfile &profile)
{
    RegistryProfiles profiles = RegistryProfiles::load(settings);
    const std::optional<RegistryProfile> old = profiles.find(profile.url);
    profiles.insert(profile);
    profiles.save(settings);
    settings.sync();
    if (store && old && old->needsSecret() && !old->account().isEmpty()
        && (!profile.needsSecret() || old->account() != profile.account())) {
        store->forget(old->registryKey(), old->account()); // self-deleting; best effort
    }
}

Job<Done> *forget(QSettings &settings, CredentialStore *store, const RegistryProfile &profile)
{
    RegistryProfiles profiles = RegistryProfiles::load(settings);
    const std::optional<RegistryProfile> saved = profiles.find(profile.url);
    if (profiles.remove(profile.url)) {
        profiles.save(settings);
        settings.sync();
    }
    QStringList accounts;
    for (const RegistryProfile &p : {profile, saved.value_or(profile)}) {
        if (p.needsSecret() && !p.account().isEmpty() && !accounts.contains(p.account()))
            accounts.append(p.account());
    }
    auto *job = new Job<Done>;
    forgetAccounts(job, store, profile.registryKey(), accounts);
    return job;
}

} // namespace Berth::SavedRegistries
