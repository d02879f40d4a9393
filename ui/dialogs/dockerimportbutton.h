#pragma once

#include "auth/credentials.h"

#include <QPointer>
#include <QPushButton>

class QMenu;

namespace Berth {

class RegistryJob;

// "Import from Docker/Podman…": a button whose menu lists the registries docker's and
// podman's files know of (DockerAuth::registries: hosts only, read when the menu opens).
// Choosing one asks for its credentials without blocking (DockerAuth::resolve: a plain entry,
// else a credential helper, bounded in time) and ends with exactly one of the signals. Nothing
// is written anywhere. Object names, for tests: "importButton", its menu "importMenu".
class DockerImportButton : public QPushButton
{
    Q_OBJECT
public:
    explicit DockerImportButton(QWidget *parent = nullptr);
    ~DockerImportButton() override;

    void setHelperTimeout(int ms) { m_helperTimeoutMs = ms; } // default 10 s
    void cancel(); // stops a lookup that runs; emits nothing

Q_SIGNALS:
    void started(const QString &registry);
    // `credentials` std::nullopt: the files name the registry but hold nothing to sign in with.
    void imported(const QString &registry, const std::optional<Credentials> &credentials);
    void failed(const QString &registry, const QString &message);

private:
    void fillMenu();
    void import(const QString &registry);

    QMenu *m_menu;
    QPointer<RegistryJob> m_lookup;
    int m_helperTimeoutMs = 10000;
};

} // namespace Berth
