#include "ui/dialogs/deletedialog.h"

#include "registry/registryclient.h"
#include "ui/dialogs/indexreferencesbox.h"
#include "ui/dialogs/messagelabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Berth {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const auto &item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

} // namespace

DeleteDialog::DeleteDialog(RegistryClient *client, const QString &repository, QWidget *parent)
    : BatchDialog(client, Target::Repository, repository, tr("Delete"), parent)
{
    setWindowTitle(tr("Delete Repository"));
    buildUi(tr("Delete the repository %1 with all its tags and manifests? This cannot be "
               "undone.")
                .arg(repository),
            {});
    auto *form = new QFormLayout;
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirm->setPlaceholderText(repository);
    auto *label = new QLabel(tr("&Type the repository's name to confirm:"), this);
    label->setBuddy(m_confirm);
    form->addRow(label, m_confirm);
    // Below the question, above the progress bar.
    static_cast<QVBoxLayout *>(layout())->insertLayout(2, form);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteDialog::updateDeleteButton);
    // No default button at all here: Enter in the name field deletes once the name is
    // right, and otherwise does nothing (it must neither delete nor close the dialog).
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setDefault(false);
    cancel->setAutoDefault(false);
    connect(m_confirm, &QLineEdit::returnPressed, this, [this] {
        if (m_deleteButton->isEnabled())
            accept();
    });
    m_confirm->setFocus();
    updateDeleteButton();
    loadRepositoryInfo();
}

DeleteDialog::DeleteDialog(RegistryClient *client,
                           const QString &repository,
                           const QList<TagInfo> &tags,
                           QWidget *parent)
    : BatchDialog(client, Target::Tags, repository, tr("Delete"), parent)
{
    const std::optional<Capabilities> caps = client->capabilities();
    if (caps && !caps->acr && !tags.isEmpty()) {
        deleteManifestInstead(tags); // the registry cannot untag
        return;
    }
    m_tags = tags;
    setWindowTitle(tags.size() == 1 ? tr("Delete Tag") : tr("Delete Tags"));
    QStringList names;
    QStringList locked;
    for (const TagInfo &tag : tags) {
        names.append(tag.name);
        if (tag.attributes.blocksDelete())
            locked.append(tag.name);
    }
    if (tags.size() == 1) {
        buildUi(tr("Delete the tag %1:%2? The manifest it points to stays.")
                    .arg(repository, tags.first().name),
                {});
    } else {
        buildUi(tr("Delete these %n tags from %1? The manifests they point to stay.", nullptr,
                   int(tags.size()))
                    .arg(repository),
                names);
    }
    showLockWarning(locked);
}

DeleteDialog::DeleteDialog(RegistryClient *client,
                           const QString &repository,
                           const ManifestInfo &manifest,
                           QWidget *parent)
    : BatchDialog(client, Target::Manifest, repository, tr("Delete"), parent)
{
    buildUi({}, {});
    showManifest(manifest, {});
}

void DeleteDialog::showManifest(const ManifestInfo &manifest, const QString &preface)
{
    m_target = Target::Manifest;
    m_manifest = manifest;
    setWindowTitle(tr("Delete Manifest"));
    const QString digest = DialogText::shortDigest(manifest.digest);
    const QString question
        = manifest.tags.isEmpty()
              ? tr("Delete the untagged manifest %1@%2?").arg(m_repository, digest)
              : tr("Delete the manifest %1@%2? These %n tag(s) point to it and will be deleted "
                   "with it:",
                   nullptr, int(manifest.tags.size()))
                    .arg(m_repository, digest);
    m_question->setText(preface.isEmpty() ? question : preface + u"\n\n" + question);
    setItems(manifest.tags);
    m_question->setToolTip(manifest.digest);
    showLockWarning(manifest.attributes.blocksDelete() ? QStringList{digest} : QStringList{});
    m_references = new IndexReferencesBox(m_client, m_repository, manifest.digest, this);
    // Below the lock warning, above the progress bar.
    static_cast<QVBoxLayout *>(layout())->insertWidget(3, m_references);
    connect(m_references, &IndexReferencesBox::checked, this, &DeleteDialog::referencesChecked);
    connect(m_references, &IndexReferencesBox::choiceChanged, this,
            &DeleteDialog::updateDeleteButton);
    updateDeleteButton();
    if (isVisible())
        growToFit(this);
}

DeleteDialog::~DeleteDialog()
{
    if (m_infoJob)
        m_infoJob->abort();
}

void DeleteDialog::buildUi(const QString &question, const QStringList &items)
{
    QVBoxLayout *layout = createLayout();
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("dialog-warning"),
                                     style()->standardIcon(QStyle::SP_MessageBoxWarning))
                        .pixmap(size, size));
    top->addWidget(icon, 0, Qt::AlignTop);
    m_question = new QLabel(question, this);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setWordWrap(true);
    top->addWidget(m_question, 1);
    layout->addLayout(top);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("itemList"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    setItems(items);
    layout->addWidget(m_list);

    m_lockWarning = new QLabel(this);
    m_lockWarning->setObjectName(QStringLiteral("lockWarning"));
    m_lockWarning->setTextFormat(Qt::PlainText);
    m_lockWarning->setWordWrap(true);
    m_lockWarning->setVisible(false);
    layout->addWidget(m_lockWarning);
    addProgress(layout);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_deleteButton = m_buttons->addButton(tr("&Delete"), QDialogButtonBox::AcceptRole);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_deleteButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    // A destructive button is never the default: Enter must not delete by accident.
    m_deleteButton->setAutoDefault(false);
    m_deleteButton->setDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DeleteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DeleteDialog::reject);
    layout->addWidget(m_buttons);
}

void DeleteDialog::setItems(const QStringList &items)
{
    m_list->clear();
    m_list->addItems(items);
    m_list->setVisible(!items.isEmpty());
    if (!items.isEmpty()) {
        const int rows = int(qMin<qsizetype>(items.size(), 8));
        m_list->setMaximumHeight(m_list->sizeHintForRow(0) * rows + 2 * m_list->frameWidth() + 4);
    }
}

void DeleteDialog::showLockWarning(const QStringList &locked)
{
    if (locked.isEmpty()) {
        m_lockWarning->setVisible(false);
        return;
    }
    m_lockWarning->setText(
        tr("Locked (deleteEnabled or writeEnabled is off), so the registry will refuse to "
           "delete it until it is unlocked: %1")
            .arg(locked.join(u", ")));
    m_lockWarning->setVisible(true);
    growToFit(this);
}

void DeleteDialog::loadRepositoryInfo()
{
    Job<RepositoryInfo> *job = m_client->getRepository(m_repository);
    m_infoJob = job;
    onFinished(job, this, [this](const Result<RepositoryInfo> &r) {
        if (!r)
            return; // counts are a courtesy; the delete itself reports real problems
        QString text = tr("Delete the repository %1 with all its tags and manifests? This "
                          "cannot be undone.")
                           .arg(m_repository);
        if (r->tagCount >= 0 && r->manifestCount >= 0) {
            text = tr("Delete the repository %1 with its %2 and %3? This cannot be undone.")
                       .arg(m_repository, tr("%n tag(s)", nullptr, r->tagCount),
                            tr("%n manifest(s)", nullptr, r->manifestCount));
        }
        m_question->setText(text);
        showLockWarning(r->attributes.blocksDelete() ? QStringList{m_repository} : QStringList{});
    });
}

void DeleteDialog::updateDeleteButton()
{
    bool enabled = !isDeleting() && itemCount() > 0;
    if (m_target == Target::Repository)
        enabled = enabled && m_confirm->text() == m_repository;
    if (m_target == Target::Manifest && m_manifest.digest.isEmpty())
        enabled = false; // not known yet
    if (m_references && m_references->state() != IndexReferencesBox::State::Checking)
        enabled = enabled && m_references->allowsDelete();
    m_deleteButton->setEnabled(enabled && !m_deleteWhenChecked);
}

int DeleteDialog::itemCount() const
{
    if (m_target == Target::Manifest)
        return int(m_indexesToDelete.size()) + 1; // the indexes first, the manifest last
    return BatchDialog::itemCount();
}

QString DeleteDialog::itemName(int item) const
{
    if (m_target == Target::Manifest && item < m_indexesToDelete.size())
        return DialogText::shortDigest(m_indexesToDelete.at(item).digest);
    return BatchDialog::itemName(item);
}

void DeleteDialog::accept()
{
    if (isDeleting() || !m_deleteButton->isEnabled())
        return;
    if (m_references && m_references->state() == IndexReferencesBox::State::Checking) {
        m_deleteWhenChecked = true; // referencesChecked() goes on
        updateDeleteButton();
        showBusy(true);
        m_message->showMessage(MessageLabel::Kind::Progress,
                               tr("Checking whether an index lists this manifest…"));
        return;
    }
    if (m_references) {
        m_indexesToDelete = m_references->indexesToDelete();
        m_indexesToDelete.removeIf(
            [this](const ReferencingIndex &index) { return m_indexesGone.contains(index.digest); });
    }
    m_done = DeletedItems{};
    m_done.repository = m_repository;
    setDeleting(true);
    // A manifest's indexes one after the other, so that it goes only once they are gone.
    run(
        itemCount(), [this](int item) { return startDelete(item); },
        m_target == Target::Manifest ? 1 : 4, tr("Deleting…"));
}

RegistryJob *DeleteDialog::startDelete(int item)
{
    switch (m_target) {
    case Target::Repository: {
        Job<QJsonObject> *job = m_client->deleteRepository(m_repository);
        onFinished(job, this, [this, item](const Result<QJsonObject> &r) {
            if (!r)
                return failed(item, r.error());
            m_done.wholeRepository = true;
            m_done.tags = stringList(r->value(QStringLiteral("tagsDeleted")));
            m_done.manifests = stringList(r->value(QStringLiteral("manifestsDeleted")));
            succeeded(item);
        });
        return job;
    }
    case Target::Tags: {
        const QString tag = m_tags.at(item).name;
        Job<Done> *job = m_client->deleteTag(m_repository, tag);
        onFinished(job, this, [this, item, tag](const Result<Done> &r) {
            if (!r)
                return failed(item, r.error());
            m_done.tags.append(tag);
            succeeded(item);
        });
        return job;
    }
    case Target::Manifest:
        return startManifestDelete(item);
    }
    Q_UNREACHABLE();
}

RegistryJob *DeleteDialog::startManifestDelete(int item)
{
    const bool isIndex = item < m_indexesToDelete.size();
    const ReferencingIndex target = isIndex ? m_indexesToDelete.at(item)
                                            : ReferencingIndex{m_manifest.digest, m_manifest.tags};
    Job<Done> *job = nullptr;
    if (!isIndex && !m_failures.isEmpty()) {
        // An index that lists it is still there: deleting it now would break that index.
        job = new Job<Done>(this);
        job->fail(RegistryError::make(ErrorCode::Aborted,
                                      tr("Not deleted, since an index that lists it could not "
                                         "be deleted.")));
    } else {
        job = m_client->deleteManifest(m_repository, target.digest);
    }
    onFinished(job, this, [this, item, isIndex, target](const Result<Done> &r) {
        if (!r)
            return failed(item, r.error());
        if (isIndex)
            m_indexesGone.append(target.digest);
        m_done.manifests.append(target.digest);
        m_done.tags += target.tags;
        succeeded(item);
    });
    return job;
}

void DeleteDialog::referencesChecked()
{
    const bool pending = std::exchange(m_deleteWhenChecked, false);
    if (m_references->isVisible())
        growToFit(this);
    updateDeleteButton();
    if (!pending)
        return;
    showBusy(false);
    if (m_references->allowsDelete()) {
        accept();
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Info,
                           tr("Nothing was deleted. Choose what to do with the index(es) above, "
                              "then Delete."));
    growToFit(this);
}

void DeleteDialog::batchFinished(bool aborted)
{
    const int attempted = itemCount();
    if (m_target == Target::Tags) {
        // What is left to try again: the tags that were not deleted.
        QList<TagInfo> remaining;
        for (int i = 0; i < m_tags.size(); ++i) {
            if (!m_succeeded.contains(i))
                remaining.append(m_tags.at(i));
        }
        m_tags = remaining;
        m_list->clear();
        for (const TagInfo &tag : std::as_const(m_tags))
            m_list->addItem(tag.name);
    }
    setDeleting(false);
    if (!m_succeeded.isEmpty())
        Q_EMIT deleted(m_done);
    if (aborted)
        return; // the dialog is already closing
    if (m_failures.isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Success, tr("Deleted."));
        QDialog::accept();
        return;
    }
    QString text;
    if (anyFailure(ErrorKind::Locked)) {
        text = tr("The registry refused to delete: the item is locked. Its deleteEnabled or "
                  "writeEnabled attribute (or its repository's) is off; unlock it with Lock "
                  "Attributes first, then delete it.");
    } else if (anyFailure(ErrorKind::Permission)) {
        text = tr("The registry refused to delete: these credentials lack the delete "
                  "permission.");
    } else {
        text = tr("The delete failed.");
    }
    if (!m_succeeded.isEmpty()) {
        text += u' '
                + tr("%1 of %2 were deleted; the rest are still listed.")
                      .arg(m_succeeded.size())
                      .arg(attempted);
    }
    m_message->showError(text + u'\n' + tr("The registry said:") + u'\n'
                         + DialogText::listFailures(m_failures));
}

void DeleteDialog::setDeleting(bool deleting)
{
    showBusy(deleting);
    if (m_confirm)
        m_confirm->setEnabled(!deleting);
    if (deleting)
        m_deleteButton->setEnabled(false);
    else
        updateDeleteButton();
}

void DeleteDialog::warnLockedRepository()
{
    m_lockWarning->setText(
        tr("The repository %1 is locked (its deleteEnabled or writeEnabled is off), so the "
           "registry will refuse to delete anything in it until the repository is unlocked.")
            .arg(m_repository));
    m_lockWarning->setVisible(true);
    growToFit(this);
}

} // namespace Berth
