#include "credentials/savedcredentials.h"

namespace Berth {

namespace {

Credentials credentialsFor(const RegistryProfile &profile, const QString &secret)
{
    switch (profile.authKind) {
    case RegistryProfile::AuthKind::Anonymous:
        break;
    case RegistryProfile::AuthKind::Password:
        return Credentials::password(profile.username, secret);
    case RegistryProfile::AuthKind::RefreshToken:
        return Credentials::password(Credentials::RefreshTokenUser, secret);
    case RegistryProfile::AuthKind::AadToken:
        return Credentials::aadToken(secret, profile.tenant);
    }
    return Credentials::anonymous();
}

} // namespace

Job<Credentials> *resolveSavedCredentials(CredentialStore *store, const RegistryProfile &profile)
{
    auto *job = new Job<Credentials>;
    if (!profile.needsSecret()) {
        job->succeed(Credentials::anonymous());
        return job;
    }
    const QString registry = profile.registryKey();
    if (profile.account().isEmpty()) {
        job->fail(RegistryError::make(
            ErrorCode::Unauthorized,
            QStringLiteral("The saved sign-in for %1 has no user name; sign in again.")
                .arg(registry)));
        return job;
    }
    if (!store) {
        job->fail(RegistryError::make(ErrorCode::Keychain,
                                      QStringLiteral("No keychain (Secret Service) is available: "
                                                     "no credential store was given.")));
        return job;
    }
    chain(job, store->load(registry, profile.account()),
          [profile, registry](const std::optional<QString> &secret) -> Result<Credentials> {
              if (!secret || secret->isEmpty()) {
                  return std::unexpected(RegistryError::make(
                      ErrorCode::Unauthorized,
                      QStringLiteral("No saved secret for %1 at %2; sign in again.")
                          .arg(profile.account(), registry)));
              }
              return credentialsFor(profile, *secret);
          });
    return job;
}

} // namespace Berth
