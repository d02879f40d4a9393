// CleanupDialog: running the plan the preview shows, after a confirmation.

#include "ui/dialogs/cleanupdialog.h"

#include "models/cleanuppreviewmodel.h"
#include "models/format.h"
#include "ui/dialogs/messagelabel.h"

#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>

namespace Berth {

namespace {
constexpr int Parallel = 4;
} // namespace

void CleanupDialog::confirmRun()
{
    if (!m_plan || m_planner || m_run)
        return;
    using Action = CleanupPreviewModel::Action;
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Clean Up"),
                          tr("Untag %1 and delete %2, freeing %3? %4 stay.")
                              .arg(tr("%n tag(s)", nullptr, m_model->count(Action::Untag)),
                                   tr("%n manifest(s)", nullptr, m_model->count(Action::Delete)),
                                   Format::size(m_plan->bytesFreed()),
                                   tr("%n item(s)", nullptr, m_model->count(Action::Keep))),
                          QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmation"));
    box->setInformativeText(tr("This cannot be undone: most registries keep no copy of what "
                               "is deleted. An item that changed since the preview (tagged, "
                               "moved, locked, or listed by a new index) is kept."));
    QPushButton *run = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    run->setObjectName(QStringLiteral("confirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(run, &QPushButton::clicked, this, &CleanupDialog::startRun);
    box->open();
}

void CleanupDialog::startRun()
{
    if (!m_plan || m_planner || m_run)
        return;
    m_itemsDone = 0;
    int total = 0;
    for (const RepositoryPlan &p : std::as_const(m_plan->repositories))
        total += int(p.tags.size() + p.manifests.size());
    auto *run = new PurgeRun(
        m_client, *m_plan, Parallel, [this](const PurgeItemResult &r) { itemEnded(r); }, this);
    m_run = run;
    onFinished(static_cast<Job<PurgeOutcome> *>(run), this,
               [this](const Result<PurgeOutcome> &r) { ranOut(r); });
    m_progress->setVisible(true);
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_message->showMessage(MessageLabel::Kind::Progress, tr("Deleting…"));
    updateButtons();
}

void CleanupDialog::itemEnded(const PurgeItemResult &result)
{
    m_model->setOutcome(result);
    m_progress->setValue(++m_itemsDone);
}

void CleanupDialog::ranOut(const Result<PurgeOutcome> &result)
{
    m_run.clear();
    m_ran = true;
    m_progress->setVisible(false);
    updateButtons();
    Q_EMIT ranPlan();
    if (!result) {
        m_message->showError(result.error().kind() == ErrorKind::Aborted
                                 ? tr("Stopped: what finished before is shown in the list; "
                                      "plan again to go on.")
                                 : result.error().message);
        return;
    }
    int tags = 0, manifests = 0, kept = 0, failed = 0;
    for (const PurgeItemResult &r : result->results) {
        if (!r.kept.isEmpty())
            ++kept;
        else if (r.error)
            ++failed;
        else
            ++(r.isTag ? tags : manifests);
    }
    kept += m_model->count(CleanupPreviewModel::Action::Keep);
    const QString text
        = tr("Untagged %1 and deleted %2, freeing %3; %4 kept, %5 failed.")
              .arg(tr("%n tag(s)", nullptr, tags), tr("%n manifest(s)", nullptr, manifests),
                   Format::size(result->bytesFreed), tr("%n item(s)", nullptr, kept),
                   QString::number(failed));
    m_summary->setText(text);
    m_message->showMessage(failed ? MessageLabel::Kind::Error : MessageLabel::Kind::Success,
                           failed ? tr("Some items could not be deleted: see the Outcome column.")
                                  : tr("Done."));
}

} // namespace Berth
