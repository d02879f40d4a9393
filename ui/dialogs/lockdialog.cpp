#include "ui/dialogs/lockdialog.h"

#include "registry/jobbatch.h"
#include "registry/registryclient.h"
#include "ui/dialogs/messagelabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Berth {

namespace {

constexpr std::array<Lock, 4> Locks{Lock::Write, Lock::Delete, Lock::Read, Lock::List};

int indexOf(Lock lock)
{
    return int(lock);
}

// Only what the user asked for that differs from `current` (an unknown value is sent).
ChangeableAttributes neededChanges(const ChangeableAttributes &current,
                                   const ChangeableAttributes &wanted)
{
    ChangeableAttributes patch;
    for (Lock lock : Locks) {
        const std::optional<bool> want = lockValue(wanted, lock);
        if (want && lockValue(current, lock) != want)
            setLockValue(patch, lock, *want);
    }
    return patch;
}

} // namespace

LockDialog::LockDialog(RegistryClient *client, const RepositoryInfo &repository, QWidget *parent)
    : BatchDialog(client, Target::Repository, repository.name, tr("Lock Attributes"), parent)
{
    m_repositoryInfo = repository;
    buildUi(tr("Lock attributes of the repository %1").arg(repository.name));
}

LockDialog::LockDialog(RegistryClient *client,
                       const QString &repository,
                       const QList<TagInfo> &tags,
                       QWidget *parent)
    : BatchDialog(client, Target::Tags, repository, tr("Lock Attributes"), parent)
{
    m_tags = tags;
    if (tags.size() == 1) {
        buildUi(tr("Lock attributes of the tag %1:%2").arg(repository, tags.first().name));
    } else {
        QStringList names;
        for (const TagInfo &tag : tags)
            names.append(tag.name);
        buildUi(tr("Lock attributes of %n tags in %1", nullptr, int(tags.size())).arg(repository),
                names.join(u", "));
    }
}

LockDialog::LockDialog(RegistryClient *client,
                       const QString &repository,
                       const ManifestInfo &manifest,
                       QWidget *parent)
    : BatchDialog(client, Target::Manifest, repository, tr("Lock Attributes"), parent)
{
    m_manifest = manifest;
    buildUi(tr("Lock attributes of the manifest %1@%2")
                .arg(repository, DialogText::shortDigest(manifest.digest)),
            manifest.digest);
}

LockDialog::~LockDialog() = default; // m_batch (a child) aborts a running apply

void LockDialog::buildUi(const QString &heading, const QString &headingToolTip)
{
    QVBoxLayout *layout = createLayout();
    auto *title = new QLabel(heading, this);
    title->setTextFormat(Qt::PlainText);
    title->setWordWrap(true);
    title->setToolTip(headingToolTip);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);

    const std::array<QString, 4> texts{tr("&Write enabled"), tr("&Delete enabled"),
                                       tr("&Read enabled"), tr("&List enabled")};
    const std::array<QString, 4> names{QStringLiteral("writeCheck"), QStringLiteral("deleteCheck"),
                                       QStringLiteral("readCheck"), QStringLiteral("listCheck")};
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    bool mixed = false;
    for (Lock lock : Locks) {
        const int i = indexOf(lock);
        // Every item agrees on a known value: that value; otherwise "mixed".
        // (A plain bool pair: g++ 12 at -O2 misreads a reset std::optional<bool> as
        // uninitialized.)
        const std::optional<bool> first = lockValue(itemAttributes(0), lock);
        bool agreed = first.has_value();
        const bool value = first.value_or(false);
        for (int item = 1; item < itemCount() && agreed; ++item) {
            if (lockValue(itemAttributes(item), lock) != first)
                agreed = false;
        }
        auto *check = new QCheckBox(texts.at(i), this);
        check->setObjectName(names.at(i));
        check->setToolTip(lockMeaning(lock));
        check->setAccessibleDescription(lockMeaning(lock));
        if (agreed) {
            check->setCheckState(value ? Qt::Checked : Qt::Unchecked);
        } else {
            check->setTristate(true); // the user can cycle back to "mixed"
            check->setCheckState(Qt::PartiallyChecked);
            mixed = true;
        }
        m_initial.at(i) = check->checkState();
        m_checks.at(i) = check;
        auto *meaning = new QLabel(lockMeaning(lock), this);
        meaning->setWordWrap(true);
        meaning->setTextFormat(Qt::PlainText);
        grid->addWidget(check, i, 0, Qt::AlignTop);
        grid->addWidget(meaning, i, 1);
    }
    layout->addLayout(grid);

    m_mixedNote = new QLabel(m_target == Target::Tags && itemCount() > 1
                                 ? tr("A partly checked box means the selected tags differ; "
                                      "left that way, each keeps its own value.")
                                 : tr("A partly checked box means the registry did not say; "
                                      "left that way, it is not changed."),
                             this);
    m_mixedNote->setWordWrap(true);
    m_mixedNote->setVisible(mixed);
    layout->addWidget(m_mixedNote);
    addProgress(layout);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LockDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LockDialog::reject);
    layout->addWidget(m_buttons);
}

ChangeableAttributes LockDialog::itemAttributes(int item) const
{
    switch (m_target) {
    case Target::Repository:
        return m_repositoryInfo.attributes;
    case Target::Tags:
        return item < m_tags.size() ? m_tags.at(item).attributes : ChangeableAttributes{};
    case Target::Manifest:
        return m_manifest.attributes;
    }
    return {};
}

ChangeableAttributes LockDialog::changes() const
{
    ChangeableAttributes wanted;
    for (Lock lock : Locks) {
        const Qt::CheckState state = m_checks.at(indexOf(lock))->checkState();
        if (state != Qt::PartiallyChecked && state != m_initial.at(indexOf(lock)))
            setLockValue(wanted, lock, state == Qt::Checked);
    }
    return wanted;
}

void LockDialog::accept()
{
    if (isApplying())
        return;
    const ChangeableAttributes wanted = changes();
    m_work.clear();
    for (int item = 0; item < itemCount(); ++item) {
        const ChangeableAttributes patch = neededChanges(itemAttributes(item), wanted);
        if (!patch.isEmpty())
            m_work.append({item, patch});
    }
    if (m_work.isEmpty()) {
        QDialog::accept(); // nothing to change
        return;
    }
    setApplying(true);
    run(
        int(m_work.size()),
        [this](int k) { return startPatch(m_work.at(k).first, m_work.at(k).second); }, 4,
        tr("Applying the change to %n item(s)…", nullptr, int(m_work.size())));
}

RegistryJob *LockDialog::startPatch(int item, const ChangeableAttributes &patch)
{
    switch (m_target) {
    case Target::Repository:
        return whenPatched(m_client->updateRepository(m_repository, patch), item,
                           [this](const RepositoryInfo &info) { m_repositoryInfo = info; });
    case Target::Tags:
        return whenPatched(m_client->updateTag(m_repository, m_tags.at(item).name, patch), item,
                           [this, item](const TagInfo &tag) { m_tags[item] = tag; });
    case Target::Manifest:
        return whenPatched(m_client->updateManifestInfo(m_repository, m_manifest.digest, patch),
                           item, [this](const ManifestInfo &manifest) { m_manifest = manifest; });
    }
    Q_UNREACHABLE();
}

template<typename T, typename Store>
RegistryJob *LockDialog::whenPatched(Job<T> *job, int item, Store store)
{
    onFinished(job, this, [this, item, store](const Result<T> &r) {
        if (!r)
            return failed(item, r.error());
        store(*r);
        succeeded(item);
    });
    return job;
}

void LockDialog::batchFinished(bool aborted)
{
    setApplying(false);
    if (!m_succeeded.isEmpty()) {
        switch (m_target) {
        case Target::Repository:
            Q_EMIT repositoryUpdated(m_repositoryInfo);
            break;
        case Target::Tags: {
            QList<TagInfo> updated;
            for (int item : std::as_const(m_succeeded))
                updated.append(m_tags.at(item));
            Q_EMIT tagsUpdated(updated);
            break;
        }
        case Target::Manifest:
            Q_EMIT manifestUpdated(m_manifest);
            break;
        }
    }
    if (aborted)
        return; // the dialog is already closing
    if (m_failures.isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("The lock attributes were changed."));
        QDialog::accept();
        return;
    }
    const bool permission = anyFailure(ErrorKind::Permission);
    const bool locked = anyFailure(ErrorKind::Locked);
    QString text = permission ? tr("The registry refused the change: these credentials may not "
                                   "change lock attributes (that needs the metadata_write "
                                   "permission).")
                   : locked   ? tr("The registry refused the change: the item is locked.")
                              : tr("The change failed.");
    if (!m_succeeded.isEmpty()) {
        text += u' '
                + tr("%1 of %n item(s) were changed; Apply tries the others again.", nullptr,
                     int(m_work.size()))
                      .arg(m_succeeded.size());
    }
    m_message->showError(text + u'\n' + DialogText::listFailures(m_failures));
}

void LockDialog::setApplying(bool applying)
{
    showBusy(applying);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!applying);
    for (QCheckBox *check : m_checks)
        check->setEnabled(!applying);
}

} // namespace Berth
