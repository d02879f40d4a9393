#pragma once

#include "credentials/credentialstore.h"
#include "credentials/registryprofile.h"
#include "ui/windowcontroller.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QSettings;

namespace Berth {

struct Credentials;
class RegistryClient;

// The registries in the window: the saved ones (profiles from the settings, signing in
// with the secret from the credential store, resolved asynchronously and added in their
// saved order), the connection dialog (add, edit), removing a registry (and forgetting its
// saved connection), and the question whether a password may go to another sign-in server.
//
// In: addRegistry(), loadSavedRegistries() and the slots of the registry actions.
// Out: registryAdded() after a registry's row came, registryRemoved() before its client
// goes, cancelUploadsFirst() when a reconnect would cancel running uploads.
class RegistriesController : public WindowController
{
    Q_OBJECT
public:
    // How many uploads to `client`'s registry are running (0 when the window has none).
    using UploadCount = std::function<int(const RegistryClient *client)>;

    RegistriesController(const WindowParts &parts, QObject *parent);

    // Where the saved registries are (not owned; nullptr keeps nothing).
    void setSettings(QSettings *settings) { m_settings = settings; }
    // Keeps what the saved registries' clients learnt (RegistryFacts) in the settings, for the
    // next session; also done as a saved registry is removed.
    void saveFacts() const;
    // Where saved secrets live (not owned). Without one, only anonymous profiles connect.
    void setCredentialStore(CredentialStore *store) { m_store = store; }
    void setUploadCount(UploadCount count) { m_uploadCount = std::move(count); }

    // Adds `client`'s registry to the tree; the window takes ownership of the client.
    QModelIndex addRegistry(RegistryClient *client, const QString &displayName);
    // Adds every saved registry as its credentials resolve; failures go to the message bar
    // with a Retry. Says noSavedRegistries() when there are none.
    void loadSavedRegistries();
    // Credential look-ups on their way.
    bool isResolving() const { return m_resolving > 0; }

public Q_SLOTS:
    void addRegistryWithDialog();
    // Opens the connection dialog on the current registry's settings; OK reconnects it.
    void editCurrentRegistry();
    // Asks, then removes the tree's current registry.
    void removeCurrentRegistry();

Q_SIGNALS:
    void registryAdded(const QModelIndex &registry);
    // `client`'s row is going; the client is deleted later.
    void registryRemoved(Berth::RegistryClient *client);
    void noSavedRegistries();
    void resolvingChanged();
    // `count` uploads would be cancelled: `then` once the user agreed to `question`.
    void cancelUploadsFirst(int count, const QString &question, const std::function<void()> &then);

private:
    struct PendingRegistry
    {
        RegistryProfile profile;
        QPointer<RegistryClient> client;
        bool done = false;
    };

    QString uniqueName(const QString &name) const;
    void resolveProfile(qsizetype slot);
    void addResolvedRegistries();
    RegistryClient *connectProfile(const RegistryProfile &profile, const Credentials &credentials);
    void openConnectionDialog(const std::optional<RegistryProfile> &profile);
    void connectChosen(const RegistryProfile &chosen,
                       const ConnectionSettings &settings,
                       bool remember,
                       const QList<QPersistentModelIndex> &replaced);
    void removeRegistryRow(const QModelIndex &registry);
    void askToTrustRealm(RegistryClient *client, const QString &realm);
    void trustRealm(RegistryClient *client, const QString &realm);

    QSettings *m_settings = nullptr;
    QPointer<CredentialStore> m_store;
    UploadCount m_uploadCount;
    QList<PendingRegistry> m_pending; // saved registries in their saved order
    qsizetype m_nextPending = 0;      // the first of m_pending not in the tree yet
    QHash<const RegistryClient *, RegistryProfile> m_profiles; // clients from saved profiles
    QSet<QString> m_realmQuestions; // "registry realm" pairs being asked about
    int m_resolving = 0;            // credential look-ups on their way
};

} // namespace Berth
