#include "cli/signin.h"

#include "credentials/dockerauth.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/registryprofiles.h"
#include "credentials/savedcredentials.h"

namespace Berth::Cli {

Job<ConnectionSettings> *
savedSignIn(ConnectionSettings settings, QSettings &stored, QObject *parent)
{
    auto *job = new Job<ConnectionSettings>(parent);
    const QUrl url = settings.registry;
    const std::optional<RegistryProfile> saved = RegistryProfiles::load(stored).find(url);
    if (!saved) {
        const QString hostPort
            = url.port() < 0 ? url.host() : url.host() + u':' + QString::number(url.port());
        chain(job, DockerAuth::resolve(hostPort, DockerAuth::defaultFiles(), 10000, job),
              [settings](const std::optional<Credentials> &found) mutable {
                  settings.credentials = found.value_or(Credentials::anonymous());
                  return Result<ConnectionSettings>(settings);
              });
        return job;
    }
    if (settings.caFile.isEmpty())
        settings.caFile = saved->caFile;
    settings.allowPlainHttp = settings.allowPlainHttp || saved->allowPlainHttp;
    settings.trustedRealms += saved->trustedRealms; // approved in the window
    settings.credentials = Credentials::anonymous();
    if (!saved->needsSecret()) {
        job->succeed(settings);
        return job;
    }
    chain(job, resolveSavedCredentials(new KeychainCredentialStore(job), *saved),
          [settings](const Credentials &credentials) mutable {
              settings.credentials = credentials;
              return Result<ConnectionSettings>(settings);
          });
    return job;
}

} // namespace Berth::Cli
