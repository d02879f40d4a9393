#include "ui/dialogs/copytodialog.h"

#include "core/reference.h"
#include "registry/registryclient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Berth {

CopyToDialog::CopyToDialog(const QList<Registry> &registries,
                           RegistryClient *current,
                           const QString &what,
                           const QString &repository,
                           const QString &tag,
                           int count,
                           QWidget *parent)
    : QDialog(parent)
    , m_registries(registries)
    , m_registry(new QComboBox(this))
    , m_repository(new QLineEdit(repository, this))
    , m_tag(new QLineEdit(tag, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("copyToDialog"));
    setWindowTitle(tr("Copy To"));
    m_registry->setObjectName(QStringLiteral("registryCombo"));
    m_repository->setObjectName(QStringLiteral("repositoryEdit"));
    m_tag->setObjectName(QStringLiteral("tagEdit"));
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Copy"));
    for (const Registry &registry : registries) {
        m_registry->addItem(registry.name);
        if (registry.client == current)
            m_registry->setCurrentIndex(m_registry->count() - 1);
    }

    auto *intro = new QLabel(tr("Copy %1 to:").arg(what), this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    auto *form = new QFormLayout;
    form->addRow(tr("&Registry:"), m_registry);
    form->addRow(tr("Re&pository:"), m_repository);
    form->addRow(tr("&Tag:"), m_tag);
    if (count > 1) {
        m_tag->hide();
        form->labelForField(m_tag)->hide();
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_repository, &QLineEdit::textChanged, this, &CopyToDialog::validate);
    connect(m_tag, &QLineEdit::textChanged, this, &CopyToDialog::validate);
    validate();
    resize(qMax(sizeHint().width(), 420), sizeHint().height());
}

RegistryClient *CopyToDialog::registry() const
{
    const int at = m_registry->currentIndex();
    return at < 0 ? nullptr : m_registries.at(at).client.data();
}

QString CopyToDialog::repository() const
{
    return m_repository->text().trimmed();
}

QString CopyToDialog::tag() const
{
    return m_tag->text().trimmed();
}

void CopyToDialog::validate()
{
    const bool tagOk = m_tag->isHidden() || isValidTag(tag());
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_registry->count() > 0 && isValidRepositoryName(repository()) && tagOk);
}

} // namespace Berth
