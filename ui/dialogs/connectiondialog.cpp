#include "ui/dialogs/connectiondialog.h"

#include "auth/azureclitoken.h"
#include "credentials/savedcredentials.h"
#include "credentials/savedregistries.h"
#include "registry/registryclient.h"
#include "ui/dialogs/dockerimportbutton.h"
#include "ui/dialogs/messagelabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Berth {

namespace {

using AuthKind = RegistryProfile::AuthKind;

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    // Not word-wrapped: QFormLayout (Qt 6.4) under-sizes rows of height-for-width labels and
    // squeezes other rows to nothing. The messages stay short instead (see shortened()).
    QFont font = label->font();
    font.setItalic(true);
    label->setFont(font);
    label->setVisible(false);
    return label;
}

// User input quoted in an inline error, kept short enough for one line.
QString shortened(const QString &text, int max = 48)
{
    return text.size() <= max ? text : text.left(max - 1) + u'…';
}

} // namespace

ConnectionDialog::ConnectionDialog(QSettings *settings, CredentialStore *store, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_store(store)
    , m_azure(new AzureCliToken(this))
{
    setWindowTitle(tr("Connect to a Registry"));
    buildUi();
    connect(m_azure, &AzureCliToken::tokenReady, this, [this](const QString &token) {
        m_azureButton->setEnabled(true);
        m_secret->setText(token);
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("Got an access token from the Azure CLI (it is valid for "
                                  "about an hour)."));
        m_azureMessage = m_message->text();
    });
    connect(m_azure, &AzureCliToken::failed, this, [this](const QString &message) {
        m_azureButton->setEnabled(true);
        m_message->showError(message);
        m_azureMessage = m_message->text();
    });
    updateKind();
    validate();
}

ConnectionDialog::~ConnectionDialog()
{
    abortJobs();
}

void ConnectionDialog::trackPending(RegistryJob *job)
{
    m_pendingJobs.removeIf([](const QPointer<RegistryJob> &j) { return j.isNull(); });
    m_pendingJobs.append(job);
}

void ConnectionDialog::abortJobs()
{
    if (m_testJob)
        m_testJob->abort();
    const QList<QPointer<RegistryJob>> pending = m_pendingJobs;
    m_pendingJobs.clear();
    for (const QPointer<RegistryJob> &job : pending) {
        if (job)
            job->abort();
    }
}

void ConnectionDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    layout->addLayout(m_form);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("myregistry.azurecr.io"));
    m_form->addRow(tr("&Registry:"), m_url);
    m_urlError = errorLabel(QStringLiteral("urlError"), this);
    m_form->addRow(QString(), m_urlError);
    m_import = new DockerImportButton(this);
    m_form->addRow(QString(), m_import);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Optional; the host name if empty"));
    m_form->addRow(tr("&Name:"), m_name);

    m_authKind = new QComboBox(this);
    m_authKind->setObjectName(QStringLiteral("authCombo"));
    m_authKind->addItem(tr("Anonymous"), int(AuthKind::Anonymous));
    m_authKind->addItem(tr("User name and password or token"), int(AuthKind::Password));
    m_authKind->addItem(tr("ACR refresh token"), int(AuthKind::RefreshToken));
    m_authKind->addItem(tr("Azure AD access token"), int(AuthKind::AadToken));
    m_authKind->setCurrentIndex(1);
    m_form->addRow(tr("&Sign in with:"), m_authKind);

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_form->addRow(tr("&User name:"), m_username);

    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData
                                  | Qt::ImhNoAutoUppercase);
    m_secretLabel = new QLabel(this);
    m_secretLabel->setBuddy(m_secret);
    m_form->addRow(m_secretLabel, m_secret);

    m_tenant = new QLineEdit(this);
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_tenant->setPlaceholderText(tr("Optional"));
    m_form->addRow(tr("&Tenant:"), m_tenant);

    m_azureButton = new QPushButton(tr("&Get from Azure CLI"), this);
    m_azureButton->setObjectName(QStringLiteral("azureButton"));
    m_azureButton->setAutoDefault(false);
    m_azureButton->setToolTip(tr("Runs \"az account get-access-token\" (you must have run \"az "
                                 "login\")."));
    m_form->addRow(QString(), m_azureButton);

    auto *caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("Optional: extra trusted CA certificates (PEM)"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("caBrowseButton"));
    browse->setAutoDefault(false);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto *caLabel = new QLabel(tr("&CA file:"), this);
    caLabel->setBuddy(m_caFile);
    m_form->addRow(caLabel, caRow);
    m_caError = errorLabel(QStringLiteral("caError"), this);
    m_form->addRow(QString(), m_caError);

    m_plainHttp = new QCheckBox(tr("Allow plain &http (unencrypted; secrets could be read "
                                   "on the way)"),
                                this);
    m_plainHttp->setObjectName(QStringLiteral("plainHttpCheck"));
    m_form->addRow(QString(), m_plainHttp);
    m_remember = new QCheckBox(tr("R&emember this registry (the secret goes to the system "
                                  "keychain, never to a file)"),
                               this);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_remember->setChecked(m_settings != nullptr);
    m_remember->setEnabled(m_settings != nullptr);
    if (!m_settings) {
        // The demo (--demo) keeps no settings and touches no keychain.
        m_remember->setText(tr("R&emember this registry (not here: this window keeps no "
                               "settings and no secrets, as in the demo)"));
        m_remember->setToolTip(tr("Berth runs without settings (the demo, --demo): it saves "
                                  "nothing and never touches the keychain, so a registry added "
                                  "here lasts until Berth quits."));
    }
    m_form->addRow(QString(), m_remember);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("Test &Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    testRow->addWidget(m_testButton, 0, Qt::AlignLeft | Qt::AlignTop);
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    testRow->addWidget(m_message, 1);
    layout->addLayout(testRow);
    layout->addStretch();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_azureButton, &QPushButton::clicked, this, &ConnectionDialog::fetchAzureToken);
    connect(m_import, &DockerImportButton::started, this, [this](const QString &registry) {
        m_url->setText(registry);
        m_message->showMessage(MessageLabel::Kind::Progress,
                               tr("Reading what Docker and Podman keep for %1…").arg(registry));
    });
    connect(m_import, &DockerImportButton::imported, this, &ConnectionDialog::applyImport);
    connect(m_import, &DockerImportButton::failed, this,
            [this](const QString &registry, const QString &message) {
                m_message->showError(tr("The credentials Docker or Podman keep for %1 could not "
                                        "be read: %2")
                                         .arg(registry, message));
            });
    connect(m_authKind, &QComboBox::currentIndexChanged, this, [this] {
        updateKind();
        validate();
    });
    for (QLineEdit *edit : {m_url, m_username, m_secret, m_caFile})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    connect(m_plainHttp, &QCheckBox::toggled, this, &ConnectionDialog::validate);
    connect(browse, &QPushButton::clicked, this, [this] {
        // Not the static helper: that runs a nested event loop.
        auto *dialog = new QFileDialog(this, tr("CA Certificates"), m_caFile->text(),
                                       tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        dialog->open();
    });
}

RegistryProfile::AuthKind ConnectionDialog::authKind() const
{
    return AuthKind(m_authKind->currentData().toInt());
}

void ConnectionDialog::updateKind()
{
    const AuthKind kind = authKind();
    // Hiding a row's widgets hides the row (QFormLayout::setRowVisible in Qt 6.4 leaves the
    // layout's size hint stale, squeezing other rows).
    const auto showRow = [this](QWidget *field, bool visible) {
        field->setVisible(visible);
        if (QWidget *label = m_form->labelForField(field))
            label->setVisible(visible);
    };
    showRow(m_username, kind == AuthKind::Password);
    showRow(m_secret, kind != AuthKind::Anonymous);
    showRow(m_tenant, kind == AuthKind::AadToken);
    showRow(m_azureButton, kind == AuthKind::AadToken);
    if (kind != AuthKind::AadToken && !m_azureMessage.isEmpty()) {
        // What the Azure CLI said (or is being asked) belongs to that sign-in kind only.
        m_azure->cancel();
        m_azureButton->setEnabled(true);
        if (m_message->text() == m_azureMessage)
            m_message->clear();
        m_azureMessage.clear();
    }
    growToFit(this);
    switch (kind) {
    case AuthKind::Anonymous:
        break;
    case AuthKind::Password:
        m_secretLabel->setText(tr("&Password or token:"));
        break;
    case AuthKind::RefreshToken:
        m_secretLabel->setText(tr("&Refresh token:"));
        break;
    case AuthKind::AadToken:
        m_secretLabel->setText(tr("&Access token:"));
        break;
    }
}

void ConnectionDialog::setProfile(const RegistryProfile &profile)
{
    m_url->setText(profile.registryKey());
    m_name->setText(profile.displayName);
    m_authKind->setCurrentIndex(m_authKind->findData(int(profile.authKind)));
    m_username->setText(profile.authKind == AuthKind::Password ? profile.username : QString());
    m_tenant->setText(profile.tenant);
    m_caFile->setText(profile.caFile);
    m_plainHttp->setChecked(profile.allowPlainHttp);
    m_secret->clear();
    m_savedSecret.clear();
    m_savedProfile = profile;
    validate();
}

void ConnectionDialog::setAzureCliProgram(const QString &program)
{
    m_azure->setProgram(program);
}

void ConnectionDialog::setTestTimeout(int ms)
{
    m_testTimeoutMs = ms;
}

bool ConnectionDialog::savedSecretUsable() const
{
    if (!m_savedProfile || !m_savedProfile->needsSecret() || !m_store)
        return false;
    const RegistryProfile current = profile();
    return current.registryKey() == m_savedProfile->registryKey()
           && current.authKind == m_savedProfile->authKind
           && current.account() == m_savedProfile->account();
}

void ConnectionDialog::validate()
{
    bool valid = true;
    const QString text = m_url->text().trimmed();
    QString urlError;
    if (text.isEmpty()) {
        valid = false; // nothing to complain about yet
    } else if (Result<QUrl> url = normalizeRegistryUrl(text, m_plainHttp->isChecked()); !url) {
        valid = false;
        const QUrl parsed(text.contains(u"://") ? text : u"https://" + text);
        if (url.error().code == ErrorCode::InsecureUrl) {
            urlError = tr("Plain http to %1 is refused: use https, or allow plain http below.")
                           .arg(shortened(parsed.host()));
        } else if (!parsed.userInfo().isEmpty()) {
            urlError = tr("Put the user name and password in the sign-in fields, not in the "
                          "URL.");
        } else {
            urlError = tr("\"%1\" is not a registry address (expected e.g. "
                          "myregistry.azurecr.io).")
                           .arg(shortened(text, 32));
        }
    }
    m_urlError->setText(urlError);
    m_urlError->setVisible(!urlError.isEmpty());

    QString caError;
    if (const QString ca = m_caFile->text().trimmed(); !ca.isEmpty()) {
        const QFileInfo info(ca);
        if (!info.isFile() || !info.isReadable())
            caError = tr("There is no readable file %1.").arg(shortened(ca));
    }
    m_caError->setText(caError);
    m_caError->setVisible(!caError.isEmpty());
    valid = valid && caError.isEmpty();

    const AuthKind kind = authKind();
    if (kind == AuthKind::Password && m_username->text().trimmed().isEmpty())
        valid = false;
    const bool saved = savedSecretUsable();
    if (kind != AuthKind::Anonymous && m_secret->text().isEmpty() && !saved)
        valid = false;
    m_secret->setPlaceholderText(saved ? tr("Saved in the keychain; leave empty to keep it")
                                       : QString());
    m_inputValid = valid;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid && !m_busy);
    m_testButton->setEnabled(valid && !(m_testJob && !m_testJob->isFinished()));
    growToFit(this);
}

RegistryProfile ConnectionDialog::profile() const
{
    Result<RegistryProfile> result
        = RegistryProfile::forUrl(m_url->text(), m_plainHttp->isChecked());
    if (!result)
        return {};
    RegistryProfile p = *result;
    p.displayName = m_name->text().trimmed();
    p.authKind = authKind();
    if (p.authKind == AuthKind::Password)
        p.username = m_username->text().trimmed();
    if (p.authKind == AuthKind::AadToken)
        p.tenant = m_tenant->text().trimmed();
    p.caFile = m_caFile->text().trimmed();
    if (m_savedProfile && m_savedProfile->registryKey() == p.registryKey())
        p.trustedRealms = m_savedProfile->trustedRealms; // approved earlier, same registry
    return p;
}

Credentials ConnectionDialog::credentials() const
{
    const QString secret = m_secret->text().isEmpty() ? m_savedSecret : m_secret->text();
    switch (authKind()) {
    case AuthKind::Anonymous:
        break;
    case AuthKind::Password:
        return Credentials::password(m_username->text().trimmed(), secret);
    case AuthKind::RefreshToken:
        return Credentials::password(Credentials::RefreshTokenUser, secret);
    case AuthKind::AadToken:
        return Credentials::aadToken(secret.trimmed(), m_tenant->text().trimmed());
    }
    return Credentials::anonymous();
}

ConnectionSettings ConnectionDialog::connectionSettings() const
{
    return profile().connectionSettings(credentials());
}

bool ConnectionDialog::remember() const
{
    return m_settings && m_remember->isChecked();
}

void ConnectionDialog::withCredentials(const std::function<void(const Credentials *)> &then)
{
    if (authKind() == AuthKind::Anonymous || !m_secret->text().isEmpty() || !m_savedSecret.isEmpty()
        || !savedSecretUsable()) {
        const Credentials now = credentials();
        then(&now);
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Progress,
                           tr("Reading the saved secret from the keychain…"));
    Job<Credentials> *job = resolveSavedCredentials(m_store, *m_savedProfile);
    trackPending(job);
    onFinished(job, this, [this, then](const Result<Credentials> &r) {
        if (!r) {
            m_message->showError(tr("The saved secret could not be read: %1 Enter it again.")
                                     .arg(r.error().message));
            then(nullptr);
            return;
        }
        m_savedSecret = r->secret;
        const Credentials now = credentials();
        then(&now);
    });
}

void ConnectionDialog::testConnection()
{
    if (!m_inputValid || !m_testButton->isEnabled())
        return;
    m_testButton->setEnabled(false);
    withCredentials([this](const Credentials *credentials) {
        if (credentials)
            runTest(*credentials);
        else
            m_testButton->setEnabled(true);
    });
}

void ConnectionDialog::runTest(const Credentials &credentials)
{
    ConnectionSettings settings = connectionSettings();
    settings.credentials = credentials;
    settings.timeoutMs = m_testTimeoutMs;
    Result<RegistryClient *> client = RegistryClient::create(settings, this);
    if (!client) {
        m_testButton->setEnabled(true);
        const QString text = tr("Cannot connect: %1").arg(client.error().toString());
        m_message->showError(text);
        Q_EMIT testFinished(false, text);
        return;
    }
    m_testClient = *client;
    m_message->showMessage(MessageLabel::Kind::Progress, tr("Testing the connection…"));
    Job<Capabilities> *job = m_testClient->check();
    m_testJob = job;
    onFinished(job, this, [this, client = m_testClient](const Result<Capabilities> &r) {
        m_testButton->setEnabled(m_inputValid);
        if (client)
            client->deleteLater();
        QString text;
        if (r) {
            const QString kind = r->acr ? tr("Azure Container Registry")
                                        : tr("OCI registry (no ACR metadata API)");
            const QString auth = r->auth == Authenticator::Mode::Bearer ? tr("bearer token auth")
                                 : r->auth == Authenticator::Mode::Basic
                                     ? tr("basic auth")
                                     : tr("no sign-in required");
            text = tr("%1, %2").arg(kind, auth);
            m_message->showMessage(MessageLabel::Kind::Success, text);
        } else {
            text = tr("The connection failed: %1").arg(r.error().toString());
            m_message->showError(text);
        }
        Q_EMIT testFinished(bool(r), text);
    });
}

void ConnectionDialog::fetchAzureToken()
{
    m_azureButton->setEnabled(false);
    m_message->showMessage(MessageLabel::Kind::Progress,
                           tr("Asking the Azure CLI for an access token…"));
    m_azureMessage = m_message->text();
    m_azure->start(m_tenant->text());
}

void ConnectionDialog::accept()
{
    if (m_busy || !m_inputValid)
        return;
    setBusy(true);
    withCredentials([this](const Credentials *credentials) {
        if (credentials)
            saveAndAccept();
        else
            setBusy(false);
    });
}

void ConnectionDialog::saveAndAccept()
{
    const RegistryProfile p = profile();
    if (!remember()) {
        setBusy(false);
        QDialog::accept();
        return;
    }
    const bool typedSecret = p.needsSecret() && !m_secret->text().isEmpty();
    if (!typedSecret) {
        SavedRegistries::saveProfile(*m_settings, m_store, p);
        setBusy(false);
        QDialog::accept();
        return;
    }
    if (!m_store) {
        setBusy(false);
        m_message->showError(tr("There is no keychain to keep the secret in. Uncheck Remember "
                                "to connect without saving it."));
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Progress,
                           tr("Saving the secret in the system keychain…"));
    Job<Done> *job = m_store->store(p.registryKey(), p.account(), credentials().secret);
    trackPending(job);
    onFinished(job, this, [this, p](const Result<Done> &r) {
        setBusy(false);
        if (!r) {
            m_message->showError(tr("The secret could not be saved in the system keychain: %1 "
                                    "Uncheck Remember to connect without saving it.")
                                     .arg(r.error().message));
            return;
        }
        SavedRegistries::saveProfile(*m_settings, m_store, p);
        QDialog::accept();
    });
}

void ConnectionDialog::applyImport(const QString &registry,
                                   const std::optional<Credentials> &credentials)
{
    if (!credentials) {
        m_message->showInfo(tr("Docker and Podman keep no credentials for %1.").arg(registry));
        return;
    }
    const bool token = credentials->kind == Credentials::Kind::RefreshToken;
    m_authKind->setCurrentIndex(
        m_authKind->findData(int(token ? AuthKind::RefreshToken : AuthKind::Password)));
    m_username->setText(token ? QString() : credentials->username);
    m_secret->setText(credentials->secret);
    m_remember->setChecked(false); // the keychain only when the user asks
    m_message->showMessage(MessageLabel::Kind::Success,
                           tr("Filled in from Docker/Podman. The secret stays where it is unless "
                              "you tick Remember (then it goes to the system keychain)."));
}

void ConnectionDialog::reject()
{
    m_azure->cancel();
    m_import->cancel();
    abortJobs();
    setBusy(false);
    QDialog::reject();
}

void ConnectionDialog::setBusy(bool busy)
{
    m_busy = busy;
    validate();
}

Job<Done> *ConnectionDialog::forgetRegistry(QSettings &settings,
                                            CredentialStore *store,
                                            const RegistryProfile &profile)
{
    return SavedRegistries::forget(settings, store, profile);
}

} // namespace Berth
