#pragma once

#include "core/attributes.h"
#include "registry/registryclient.h"
#include "ui/dialogs/batchdialog.h"

#include <QPointer>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Berth {

class IndexReferencesBox;
class RegistryClient;
class RegistryJob;

// What a DeleteDialog actually deleted, for the views to remove rows.
struct DeletedItems
{
    QString repository;
    bool wholeRepository = false; // the repository itself is gone
    QStringList tags;             // tag names that are gone (a manifest's tags go with it)
    QStringList manifests;        // digests that are gone
};

// Confirms and runs a delete: a whole repository (Delete stays disabled until the user
// has typed the repository's name exactly), one or several tags, or a manifest (listing
// the tags that go with it). Items the dialog knows to be locked are pointed out before;
// the registry decides. Deleting shows progress and disables Delete; when everything was
// deleted the dialog emits `deleted` and accepts. A refusal stays on screen with the
// registry's message and, for a lock, why (deleteEnabled or writeEnabled is off); what
// was deleted anyway is still emitted, what was refused stays for another try. Nothing
// deleted: nothing emitted. Cancel or Esc while deleting aborts the requests not yet
// answered. Never blocks.
//
// A manifest is checked first for indexes that list it as a platform (IndexReferencesBox):
// if there are any (or the check failed), Delete stays disabled until the user chooses to
// delete those indexes too (they go first, the manifest only if they went) or to delete the
// manifest anyway. Delete pressed while the check runs deletes once it found nothing.
//
// On a registry known to lack /acr/v1/, a tag cannot be deleted alone (CNCF distribution
// refuses): the tags dialog says so, looks up the manifest the tag points to and all its
// tags, and offers "Delete manifest (tags: …)" instead — a manifest delete as above.
//
// Object names, for tests: "confirmEdit" (repository only), "deleteButton", "itemList",
// "progress", "message" (a MessageLabel), "lockWarning", "buttons".
class DeleteDialog : public BatchDialog
{
    Q_OBJECT
public:
    DeleteDialog(RegistryClient *client, const QString &repository, QWidget *parent = nullptr);
    DeleteDialog(RegistryClient *client,
                 const QString &repository,
                 const QList<TagInfo> &tags,
                 QWidget *parent = nullptr);
    DeleteDialog(RegistryClient *client,
                 const QString &repository,
                 const ManifestInfo &manifest,
                 QWidget *parent = nullptr);
    ~DeleteDialog() override;

    bool isDeleting() const { return isRunning(); }
    // Says before deleting that the repository itself is locked (write or delete off), so
    // the registry will refuse to delete anything in it.
    void warnLockedRepository();

public Q_SLOTS:
    void accept() override; // deletes; the dialog accepts when everything was deleted

Q_SIGNALS:
    void deleted(const Berth::DeletedItems &items);

private:
    void buildUi(const QString &question, const QStringList &items);
    void setItems(const QStringList &items);
    // Turns the dialog into a delete of `manifest`, `preface` above the question.
    void showManifest(const ManifestInfo &manifest, const QString &preface);
    // Registries without /acr/v1/ (CNCF distribution) cannot delete a tag alone: offers the
    // delete of the manifest the tag points to, with all its tags (deletedialog_untag.cpp).
    void deleteManifestInstead(const QList<TagInfo> &tags);
    void showLockWarning(const QStringList &locked);
    void loadRepositoryInfo();
    void updateDeleteButton();
    int itemCount() const override;
    QString itemName(int item) const override;
    RegistryJob *startDelete(int item);
    void batchFinished(bool aborted) override;
    void referencesChecked();
    RegistryJob *startManifestDelete(int item);
    void setDeleting(bool deleting);

    IndexReferencesBox *m_references = nullptr;
    bool m_deleteWhenChecked = false;
    QList<ReferencingIndex> m_indexesToDelete; // of the running delete, before the manifest
    QStringList m_indexesGone;                 // deleted by an earlier, partly failed attempt

    QLabel *m_question = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_lockWarning = nullptr;
    QLineEdit *m_confirm = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPointer<RegistryJob> m_infoJob;

    DeletedItems m_done; // of the running delete
};

} // namespace Berth
