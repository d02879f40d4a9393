#include "ui/registriescontroller.h"

#include "auth/authenticator.h"
#include "credentials/registryprofiles.h"
#include "credentials/savedcredentials.h"
#include "credentials/savedfacts.h"
#include "credentials/savedregistries.h"
#include "models/repositorymodel.h"
#include "registry/registryclient.h"
#include "ui/dialogs/connectiondialog.h"
#include "ui/messagebar.h"
#include "ui/registrytree.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace Berth {

RegistriesController::RegistriesController(const WindowParts &parts, QObject *parent)
    : WindowController(parts, parent)
    , m_uploadCount([](const RegistryClient *) { return 0; })
{}

QModelIndex RegistriesController::addRegistry(RegistryClient *client, const QString &displayName)
{
    client->setParent(m_window); // it goes after the views that point to it
    connect(client->connection()->authenticator(), &Authenticator::realmRefused, this,
            [this, guarded = QPointer(client)](const QString &realm, bool approvable) {
                if (guarded && approvable)
                    askToTrustRealm(guarded, realm);
            });
    const QModelIndex index = m_repositories->addRegistry(client, uniqueName(displayName));
    Q_EMIT registryAdded(index);
    return index;
}

// `name`, or "name (2)", "name (3)"… when the tree has a registry called that already.
QString RegistriesController::uniqueName(const QString &name) const
{
    QStringList taken;
    for (int row = 0; row < m_repositories->rowCount(); ++row)
        taken << m_repositories->index(row, 0).data().toString();
    QString unique = name;
    for (int n = 2; taken.contains(unique); ++n)
        unique = tr("%1 (%2)").arg(name).arg(n);
    return unique;
}

void RegistriesController::loadSavedRegistries()
{
    if (!m_settings)
        return;
    const RegistryProfiles profiles = RegistryProfiles::load(*m_settings);
    if (profiles.isEmpty()) {
        Q_EMIT noSavedRegistries();
        return;
    }
    const qsizetype first = m_pending.size();
    for (const RegistryProfile &profile : profiles.profiles())
        m_pending << PendingRegistry{profile, nullptr, false};
    for (qsizetype slot = first; slot < m_pending.size(); ++slot)
        resolveProfile(slot);
}

// Looks the profile's secret up (asynchronously; anonymous ones need none) and connects.
void RegistriesController::resolveProfile(qsizetype slot)
{
    const RegistryProfile profile = m_pending.at(slot).profile;
    ++m_resolving;
    Q_EMIT resolvingChanged();
    onFinished(resolveSavedCredentials(m_store, profile), this,
               [this, slot, profile](const Result<Credentials> &credentials) {
                   --m_resolving;
                   PendingRegistry &pending = m_pending[slot];
                   pending.done = true;
                   if (credentials) {
                       pending.client = connectProfile(profile, *credentials);
                   } else {
                       m_messageBar->showError(
                           tr("Could not sign in to %1").arg(profile.title()), credentials.error(),
                           [this, profile] {
                               m_pending << PendingRegistry{profile, nullptr, false};
                               resolveProfile(m_pending.size() - 1);
                           });
                   }
                   addResolvedRegistries();
                   Q_EMIT resolvingChanged();
               });
}

// Adds the registries whose credentials are in, keeping the saved order.
void RegistriesController::addResolvedRegistries()
{
    while (m_nextPending < m_pending.size() && m_pending.at(m_nextPending).done) {
        const PendingRegistry &pending = m_pending.at(m_nextPending++);
        if (pending.client) {
            m_profiles.insert(pending.client, pending.profile);
            addRegistry(pending.client, pending.profile.title());
        }
    }
}

RegistryClient *RegistriesController::connectProfile(const RegistryProfile &profile,
                                                     const Credentials &credentials)
{
    Result<RegistryClient *> client
        = RegistryClient::create(profile.connectionSettings(credentials), this);
    if (!client) {
        m_messageBar->showError(tr("Could not connect to %1").arg(profile.title()), client.error());
        return nullptr;
    }
    if (m_settings) // what an earlier session learnt: no 401 before the first token
        (*client)->assumeFacts(SavedFacts::load(*m_settings, profile.url));
    return *client;
}

void RegistriesController::saveFacts() const
{
    if (!m_settings)
        return;
    for (auto it = m_profiles.cbegin(); it != m_profiles.cend(); ++it)
        SavedFacts::save(*m_settings, it.value().url, it.key()->facts());
}

void RegistriesController::addRegistryWithDialog()
{
    openConnectionDialog(std::nullopt);
}

void RegistriesController::editCurrentRegistry()
{
    const QModelIndex registry = m_repositories->registryOf(m_tree->currentRow());
    const RegistryClient *client = m_repositories->client(registry);
    if (!client)
        return;
    if (m_profiles.contains(client)) {
        openConnectionDialog(m_profiles.value(client));
        return;
    }
    Result<RegistryProfile> profile = RegistryProfile::forUrl(
        client->registry().toString(), client->connection()->settings().allowPlainHttp);
    if (profile)
        profile->displayName = registry.data().toString();
    openConnectionDialog(profile ? std::optional(*profile) : std::nullopt);
}

void RegistriesController::openConnectionDialog(const std::optional<RegistryProfile> &profile)
{
    auto *dialog = new ConnectionDialog(m_settings, m_store, m_window);
    if (profile)
        dialog->setProfile(*profile);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const RegistryProfile chosen = dialog->profile();
        const ConnectionSettings settings = dialog->connectionSettings();
        const bool remember = dialog->remember();
        // One row per registry: a new connection to the same registry replaces the old one
        // (and its uploads: ask first while some are running).
        QList<QPersistentModelIndex> replaced;
        int running = 0;
        for (int row = 0; row < m_repositories->rowCount(); ++row) {
            const QModelIndex index = m_repositories->index(row, 0);
            const RegistryClient *old = m_repositories->client(index);
            if (old && RegistryProfile::keyFor(old->registry()) == chosen.registryKey()) {
                replaced << index;
                running += m_uploadCount(old);
            }
        }
        if (running == 0) {
            connectChosen(chosen, settings, remember, replaced);
            return;
        }
        Q_EMIT cancelUploadsFirst(running, tr("Reconnect and cancel them?"),
                                  [this, chosen, settings, remember, replaced] {
                                      connectChosen(chosen, settings, remember, replaced);
                                  });
    });
    openDialog(dialog);
}

void RegistriesController::connectChosen(const RegistryProfile &chosen,
                                         const ConnectionSettings &settings,
                                         bool remember,
                                         const QList<QPersistentModelIndex> &replaced)
{
    Result<RegistryClient *> client = RegistryClient::create(settings, this);
    if (!client) {
        m_messageBar->showError(tr("Could not connect to %1").arg(chosen.title()), client.error());
        return;
    }
    for (const QPersistentModelIndex &index : replaced) {
        if (index.isValid())
            removeRegistryRow(index);
    }
    if (remember)
        m_profiles.insert(*client, chosen);
    m_tree->setCurrentIndex(addRegistry(*client, chosen.title()));
}

void RegistriesController::removeRegistryRow(const QModelIndex &registry)
{
    RegistryClient *client = m_repositories->client(registry);
    if (m_settings && m_profiles.contains(client))
        SavedFacts::save(*m_settings, m_profiles.value(client).url, client->facts());
    m_repositories->removeRegistry(registry);
    m_profiles.remove(client);
    Q_EMIT registryRemoved(client); // the views let go of it, its uploads are cancelled
    if (client)
        client->deleteLater(); // its jobs end with it
}

void RegistriesController::removeCurrentRegistry()
{
    const QModelIndex registry = m_repositories->registryOf(m_tree->currentRow());
    if (!registry.isValid())
        return;
    const RegistryClient *client = m_repositories->client(registry);
    const bool saved = m_settings && m_profiles.contains(client);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Registry"),
                                tr("Remove %1 from the list?").arg(registry.data().toString()),
                                QMessageBox::Yes | QMessageBox::Cancel, m_window);
    box->setDefaultButton(QMessageBox::Cancel);
    QStringList notes;
    if (saved)
        notes << tr("Its saved connection is forgotten and its secret deleted from the keychain.");
    if (const int running = m_uploadCount(client))
        notes << tr("Its %n running upload(s) will be cancelled.", nullptr, running);
    if (!notes.isEmpty())
        box->setInformativeText(notes.join(u' '));
    const QPersistentModelIndex target(registry);
    connect(box, &QMessageBox::finished, this, [this, box, target, saved] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes || !target.isValid())
            return;
        const RegistryClient *removed = m_repositories->client(target);
        if (saved && m_settings && m_profiles.contains(removed)) {
            const RegistryProfile profile = m_profiles.value(removed);
            onFinished(
                ConnectionDialog::forgetRegistry(*m_settings, m_store, profile), this,
                [this, profile](const Result<Done> &done) {
                    if (!done)
                        m_messageBar->showError(
                            tr("Could not delete the saved secret of %1").arg(profile.title()),
                            done.error());
                });
        }
        removeRegistryRow(target);
    });
    openDialog(box);
}

// The registry's challenge sends the password's sign-in to another host: ask once whether
// that host may have it; if so, remember it in the profile and retry what failed.
void RegistriesController::askToTrustRealm(RegistryClient *client, const QString &realm)
{
    const QString key = client->registry().toString() + u' ' + realm;
    if (m_realmQuestions.contains(key))
        return;
    m_realmQuestions.insert(key);
    const QString registryName = m_repositories->registryIndex(client).data().toString();
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Trust Sign-in Server"),
        tr("%1 asks you to sign in at another server, %2.")
            .arg(registryName.isEmpty() ? client->registry().host() : registryName, realm),
        QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("trustRealmBox"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(
        tr("Berth sends your username and password to %1 only if you trust it. Trust it only "
           "if it belongs to whoever runs this registry, such as its documented token "
           "service. The choice is kept with the registry's saved connection.")
            .arg(realm));
    QPushButton *trust = box->addButton(tr("Trust %1").arg(realm), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this,
            [this, box, trust, key, realm, guarded = QPointer(client)] {
                m_realmQuestions.remove(key);
                if (box->clickedButton() == static_cast<QAbstractButton *>(trust) && guarded)
                    trustRealm(guarded, realm);
            });
    openDialog(box);
}

void RegistriesController::trustRealm(RegistryClient *client, const QString &realm)
{
    client->connection()->trustRealm(realm);
    if (m_settings && m_profiles.contains(client)) {
        RegistryProfile &profile = m_profiles[client];
        if (!profile.trustedRealms.contains(realm, Qt::CaseInsensitive))
            profile.trustedRealms << realm;
        SavedRegistries::saveProfile(*m_settings, m_store, profile);
    }
    if (m_messageBar->canRetry())
        m_messageBar->retry();
}

} // namespace Berth
