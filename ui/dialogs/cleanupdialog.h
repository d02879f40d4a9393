#pragma once

#include "cleanup/purge.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace Berth {

class CleanupPreviewModel;
class MessageLabel;
class RegistryClient;

// "Clean Up…": a retention rule (cleanup/retention.h) over a registry, a folder or a
// repository, its plan previewed live (what goes, what stays and why, the bytes freed),
// then run after a confirmation. Planning runs in the background (PurgePlanner, from paged
// lists) and starts again, after a short pause, whenever the rule changes; Stop cancels it.
// Run asks first (nothing deleted can be restored), then shows each item's outcome in the
// preview, progress, and a summary; Stop cancels it, Close cancels whatever runs.
//
// Object names, for tests: "repositoryFilter", "tagFilter", "olderThan", "keep", "untagged",
// "preview", "summary", "progress", "message", "buttons", "run", "stop".
class CleanupDialog : public QDialog
{
    Q_OBJECT
public:
    // `repositoryRegex`: the rule's repository filter to start from (".*", "team/.*", …).
    CleanupDialog(RegistryClient *client, const QString &repositoryRegex, QWidget *parent);
    ~CleanupDialog() override;

    CleanupPreviewModel *preview() const { return m_model; }
    bool isPlanning() const { return m_planner; }
    bool isRunning() const { return m_run; }

public Q_SLOTS:
    void reject() override; // stops planning or a run, then closes

Q_SIGNALS:
    // A run ended: the registry changed under the window's views.
    void ranPlan();

private:
    void buildUi(const QString &repositoryRegex);
    void ruleChanged();
    void discardPlan();
    void plan();
    void planned(const Result<PurgePlan> &result);
    void stop();
    void confirmRun();
    void startRun();
    void itemEnded(const PurgeItemResult &result);
    void ranOut(const Result<PurgeOutcome> &result);
    void setBusy(bool busy);
    void updateButtons();
    QString planSummary() const;

    RegistryClient *m_client;
    CleanupPreviewModel *m_model;
    QLineEdit *m_repositoryFilter = nullptr;
    QLineEdit *m_tagFilter = nullptr;
    QLineEdit *m_olderThan = nullptr;
    QSpinBox *m_keep = nullptr;
    QCheckBox *m_untagged = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    MessageLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QTimer *m_replan;
    QPointer<Job<PurgePlan>> m_planner;
    QPointer<Job<PurgeOutcome>> m_run;
    std::optional<PurgePlan> m_plan; // the plan the preview shows
    bool m_ran = false;              // a run ended: the preview shows its outcome
    int m_itemsDone = 0;
};

} // namespace Berth
