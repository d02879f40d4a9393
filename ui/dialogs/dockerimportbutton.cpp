#include "ui/dialogs/dockerimportbutton.h"

#include "credentials/dockerauth.h"

#include <QMenu>

namespace Berth {

DockerImportButton::DockerImportButton(QWidget *parent)
    : QPushButton(tr("&Import from Docker/Podman…"), parent)
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("importButton"));
    setAutoDefault(false);
    setToolTip(tr("Registries you signed in to with docker, podman, skopeo or buildah. Their "
                  "secrets are read, never copied into Berth's files."));
    m_menu->setObjectName(QStringLiteral("importMenu"));
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &DockerImportButton::fillMenu);
}

DockerImportButton::~DockerImportButton()
{
    cancel();
}

void DockerImportButton::fillMenu()
{
    m_menu->clear();
    const QStringList registries = DockerAuth::registries();
    for (const QString &registry : registries)
        m_menu->addAction(registry, this, [this, registry] { import(registry); });
    if (registries.isEmpty())
        m_menu->addAction(tr("No registries in Docker's or Podman's files"))->setEnabled(false);
}

void DockerImportButton::import(const QString &registry)
{
    cancel();
    Job<std::optional<Credentials>> *job
        = DockerAuth::resolve(registry, DockerAuth::defaultFiles(), m_helperTimeoutMs, this);
    m_lookup = job;
    setEnabled(false);
    Q_EMIT started(registry);
    onFinished(job, this, [this, registry](const Result<std::optional<Credentials>> &r) {
        m_lookup = nullptr;
        setEnabled(true);
        if (r)
            Q_EMIT imported(registry, *r);
        else
            Q_EMIT failed(registry, r.error().message);
    });
}

void DockerImportButton::cancel()
{
    if (RegistryJob *job = m_lookup.data()) {
        m_lookup = nullptr;
        job->disconnect(this);
        job->abort();
        setEnabled(true);
    }
}

} // namespace Berth
