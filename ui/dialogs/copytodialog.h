#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Berth {

class RegistryClient;

// Where to copy an image: a registry among the connected ones, a repository and a tag,
// pre-filled with the source's (another registry, or another repository, makes it a copy).
// Copy is enabled while the repository and the tag are valid names. With several images
// (`count` > 1) the tag field is hidden: each keeps its own tag.
//
// Object names, for tests: "registryCombo", "repositoryEdit", "tagEdit", "buttons".
class CopyToDialog : public QDialog
{
    Q_OBJECT
public:
    struct Registry
    {
        QPointer<RegistryClient> client;
        QString name;
    };

    CopyToDialog(const QList<Registry> &registries,
                 RegistryClient *current,
                 const QString &what,
                 const QString &repository,
                 const QString &tag,
                 int count,
                 QWidget *parent = nullptr);

    RegistryClient *registry() const;
    QString repository() const;
    QString tag() const;

    QComboBox *registryCombo() const { return m_registry; }
    QLineEdit *repositoryEdit() const { return m_repository; }
    QLineEdit *tagEdit() const { return m_tag; }

private:
    void validate();

    QList<Registry> m_registries;
    QComboBox *m_registry;
    QLineEdit *m_repository;
    QLineEdit *m_tag;
    QDialogButtonBox *m_buttons;
};

} // namespace Berth
