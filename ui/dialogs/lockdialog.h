#pragma once

#include "core/attributes.h"
#include "models/lockcolumns.h"
#include "ui/dialogs/batchdialog.h"

#include <QList>

#include <array>

class QCheckBox;
class QDialogButtonBox;
class QLabel;

namespace Berth {

class RegistryClient;
class RegistryJob;

// Shows and changes the four lock attributes (write, delete, read, list) of a repository,
// a manifest, or one or several tags. Each toggle starts at the item's current value; when
// a selection disagrees it starts partially checked ("mixed": each item keeps its own).
// OK sends one PATCH per item holding only the attributes the user changed that differ
// from the item's value (items already as asked are skipped), a few at a time, with a
// progress bar; OK is disabled meanwhile. When all succeed the dialog emits the updated
// objects and accepts. A refusal (permission, lock, UNSUPPORTED on registries without the
// ACR API) is shown with the registry's message; the items that did succeed are emitted
// anyway and a second OK retries the rest. Cancel or Esc while applying aborts the jobs
// (what finished before still gets emitted). Never blocks.
//
// Object names, for tests: "writeCheck", "deleteCheck", "readCheck", "listCheck",
// "progress", "message" (a MessageLabel), "buttons" (the QDialogButtonBox).
class LockDialog : public BatchDialog
{
    Q_OBJECT
public:
    LockDialog(RegistryClient *client, const RepositoryInfo &repository, QWidget *parent = nullptr);
    // One tag or a selection of several tags of `repository`.
    LockDialog(RegistryClient *client,
               const QString &repository,
               const QList<TagInfo> &tags,
               QWidget *parent = nullptr);
    LockDialog(RegistryClient *client,
               const QString &repository,
               const ManifestInfo &manifest,
               QWidget *parent = nullptr);
    ~LockDialog() override;

    bool isApplying() const { return isRunning(); }
    // The attributes the user changed (unset: left alone, including "mixed").
    ChangeableAttributes changes() const;

public Q_SLOTS:
    void accept() override; // applies; the dialog accepts when every PATCH succeeded

Q_SIGNALS:
    void repositoryUpdated(const Berth::RepositoryInfo &repository);
    void tagsUpdated(const QList<Berth::TagInfo> &tags);
    void manifestUpdated(const Berth::ManifestInfo &manifest);

private:
    void buildUi(const QString &heading, const QString &headingToolTip = {});
    ChangeableAttributes itemAttributes(int item) const;
    RegistryJob *startPatch(int item, const ChangeableAttributes &patch);
    // Counts `job` as `item` of the batch; its new value goes to `store` on success.
    template<typename T, typename Store>
    RegistryJob *whenPatched(Job<T> *job, int item, Store store);
    void batchFinished(bool aborted) override;
    void setApplying(bool applying);

    RepositoryInfo m_repositoryInfo;

    std::array<QCheckBox *, 4> m_checks{}; // indexed by Lock
    std::array<Qt::CheckState, 4> m_initial{};
    QLabel *m_mixedNote = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // The running apply: the items being patched, with their patches.
    QList<std::pair<int, ChangeableAttributes>> m_work;
};

} // namespace Berth
