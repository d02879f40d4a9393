#pragma once

#include "auth/credentials.h"
#include "core/job.h"
#include "credentials/registryprofile.h"
#include "registry/connection.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace Berth {

class AzureCliToken;
class DockerImportButton;
class CredentialStore;
class MessageLabel;
class RegistryClient;

// Where and how to connect to a registry: URL (checked as typed with normalizeRegistryUrl;
// an inline error and a disabled OK while it is wrong), sign-in kind (anonymous; user name
// and password or token; ACR refresh token; Azure AD access token with an optional tenant
// and "Get from Azure CLI"), CA file and plain http. "Test Connection" runs
// RegistryClient::check() on a temporary client and says what it found. With "Remember",
// OK saves the profile (never a secret) to `settings` and the secret to `store` (the system
// keychain), and accepts only once both are saved; a keychain failure is shown and the
// dialog stays open. "Import from Docker/Podman…" lists the registries docker and podman
// know of and fills in one's address and credentials, Remember unticked: the secret reaches
// the keychain only when the user ticks it. Nothing here blocks: the keychain, az, the
// credential helpers and the test are asynchronous.
//
// Opened on a saved profile (setProfile), an empty secret field means "use the saved
// secret": OK and Test read it from `store`.
//
// Object names, for tests: "urlEdit", "urlError", "nameEdit", "authCombo" (data: the
// RegistryProfile::AuthKind as int), "usernameEdit", "secretEdit", "tenantEdit",
// "azureButton", "importButton" (its menu "importMenu"), "caFileEdit", "caBrowseButton",
// "caError", "plainHttpCheck", "rememberCheck", "testButton", "message" (a MessageLabel),
// "buttons".
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // `settings` and `store` may be null; without settings there is nothing to remember in.
    ConnectionDialog(QSettings *settings, CredentialStore *store, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setProfile(const RegistryProfile &profile);
    void setAzureCliProgram(const QString &program); // default "az" from PATH
    void setTestTimeout(int ms);                     // default 15 s

    // What the fields say (valid when isInputValid()); after accept(), what to connect with.
    bool isInputValid() const { return m_inputValid; }
    RegistryProfile profile() const;
    Credentials credentials() const;
    ConnectionSettings connectionSettings() const;
    bool remember() const;

    // Removes the saved profile for `profile.url` from `settings` and deletes its secret(s)
    // (the given profile's and the saved one's account) from `store`. The settings change
    // at once; the returned job finishes when the keychain has answered.
    static Job<Done> *
    forgetRegistry(QSettings &settings, CredentialStore *store, const RegistryProfile &profile);

public Q_SLOTS:
    void accept() override; // saves (when remembering), then accepts
    void reject() override; // stops whatever runs (test, az, keychain), then closes
    void testConnection();

Q_SIGNALS:
    // A test finished: `ok`, and the text shown for it.
    void testFinished(bool ok, const QString &summary);

private:
    void buildUi();
    void updateKind();
    void validate();
    bool savedSecretUsable() const;
    RegistryProfile::AuthKind authKind() const;
    // Runs `then` with the credentials to use (the typed secret, or the saved one read from
    // the store), or with null when the saved one could not be read (already shown).
    void withCredentials(const std::function<void(const Credentials *)> &then);
    void trackPending(RegistryJob *job);
    void abortJobs();
    void runTest(const Credentials &credentials);
    void saveAndAccept();
    void fetchAzureToken();
    void applyImport(const QString &registry, const std::optional<Credentials> &credentials);
    void setBusy(bool busy);

    QSettings *m_settings;
    QPointer<CredentialStore> m_store;
    std::optional<RegistryProfile> m_savedProfile;
    QString m_savedSecret; // read from the store for a saved profile; memory only
    int m_testTimeoutMs = 15000;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_authKind = nullptr;
    QLineEdit *m_username = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    QLineEdit *m_tenant = nullptr;
    QPushButton *m_azureButton = nullptr;
    DockerImportButton *m_import = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLabel *m_caError = nullptr;
    QCheckBox *m_plainHttp = nullptr;
    QCheckBox *m_remember = nullptr;
    QPushButton *m_testButton = nullptr;
    MessageLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    AzureCliToken *m_azure = nullptr;
    QPointer<RegistryClient> m_testClient;
    QPointer<RegistryJob> m_testJob;
    QList<QPointer<RegistryJob>> m_pendingJobs; // keychain work of accept() or of a test
    bool m_inputValid = false;
    bool m_busy = false;
    QString m_azureMessage; // what the message line last showed from the Azure CLI
};

} // namespace Berth
