#include "credentials/savedfacts.h"

#include "auth/realmtrust.h"
#include "credentials/registryprofile.h"

#include <QSettings>

namespace Berth::SavedFacts {

namespace {

QString group(const QUrl &registry)
{
    return QStringLiteral("registryFacts/")
           + QString::fromLatin1(QUrl::toPercentEncoding(RegistryProfile::keyFor(registry)));
}

QString key(const QUrl &registry, const char *name)
{
    return group(registry) + u'/' + QLatin1StringView(name);
}

} // namespace

RegistryFacts load(const QSettings &settings, const QUrl &registry)
{
    RegistryFacts facts;
    const QVariant acr = settings.value(key(registry, "acr"));
    if (acr.isValid())
        facts.acr = acr.toBool();
    const QString scheme = settings.value(key(registry, "authScheme")).toString();
    const QUrl realm(settings.value(key(registry, "realm")).toString(), QUrl::StrictMode);
    if (scheme == u"basic") {
        facts.challenge.scheme = scheme;
    } else if (scheme == u"bearer" && isUsableRealm(realm)) {
        facts.challenge.scheme = scheme;
        facts.challenge.params.insert(QStringLiteral("realm"), realm.toString());
        const QString service = settings.value(key(registry, "service")).toString();
        if (!service.isEmpty())
            facts.challenge.params.insert(QStringLiteral("service"), service);
    }
    return facts;
}

void save(QSettings &settings, const QUrl &registry, const RegistryFacts &facts)
{
    if (load(settings, registry) == facts)
        return;
    settings.remove(group(registry));
    if (facts.acr)
        settings.setValue(key(registry, "acr"), *facts.acr);
    if (facts.challenge.scheme.isEmpty())
        return;
    const QUrl realm(facts.challenge.realm(), QUrl::StrictMode);
    if (facts.challenge.scheme == u"bearer" && !isUsableRealm(realm))
        return; // nothing Berth would go to
    settings.setValue(key(registry, "authScheme"), facts.challenge.scheme);
    if (!facts.challenge.realm().isEmpty())
        settings.setValue(key(registry, "realm"), facts.challenge.realm());
    if (!facts.challenge.service().isEmpty())
        settings.setValue(key(registry, "service"), facts.challenge.service());
}

} // namespace Berth::SavedFacts
