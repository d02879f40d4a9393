#pragma once

#include "core/attributes.h"
#include "registry/jobbatch.h"
#include "ui/dialogs/dialogtext.h"

#include <QDialog>
#include <QList>

class QProgressBar;
class QVBoxLayout;

namespace Berth {

class MessageLabel;
class RegistryClient;

// The skeleton the lock and delete dialogs share: one registry request per item of a
// repository, a manifest or a selection of tags, run a few at a time as a JobBatch, with a
// progress bar and a MessageLabel below the dialog's own widgets. Cancel or Esc while the
// batch runs aborts it; what finished before is still reported when it ends
// (batchFinished). Object names, for tests: "progress", "message".
class BatchDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Target { Repository, Tags, Manifest };

    Target target() const { return m_target; }
    QString repository() const { return m_repository; }

public Q_SLOTS:
    void reject() override; // aborts a running batch, then closes

protected:
    BatchDialog(RegistryClient *client,
                Target target,
                const QString &repository,
                const QString &windowTitle,
                QWidget *parent);

    // The dialog's layout, at the dialog's usual width.
    QVBoxLayout *createLayout();
    // Adds the progress bar, the message line and a stretch to `layout`.
    void addProgress(QVBoxLayout *layout);
    bool isRunning() const;
    // Runs `count` items, `parallel` at a time, from a fresh outcome, saying `message`
    // meanwhile (showBusy(true) first); the item starters note their outcome with
    // succeeded() and failed().
    void run(int count, const JobBatch::Starter &starter, int parallel, const QString &message);
    void succeeded(int item) { m_succeeded.append(item); }
    void failed(int item, const RegistryError &error);
    // Whether any failure of the last run is of `kind` (a lock, a permission refusal, …).
    bool anyFailure(ErrorKind kind) const;
    // The progress bar while the batch runs, busy until it counts.
    void showBusy(bool busy);

    // The items: the repository, the tags, or the manifest.
    virtual int itemCount() const;
    virtual QString itemName(int item) const;
    // The batch ended; `aborted` when the dialog is closing.
    virtual void batchFinished(bool aborted) = 0;

    RegistryClient *m_client;
    Target m_target;
    QString m_repository;
    QList<TagInfo> m_tags;   // Target::Tags
    ManifestInfo m_manifest; // Target::Manifest
    QProgressBar *m_progress = nullptr;
    MessageLabel *m_message = nullptr;
    // The outcome of the last run: the items that succeeded, and those that failed.
    QList<int> m_succeeded;
    QList<DialogText::Failure> m_failures;

private:
    JobBatch *m_batch;
};

} // namespace Berth
