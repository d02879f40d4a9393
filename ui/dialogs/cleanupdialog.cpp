// CleanupDialog: the rule, the live preview and its planning. Running the plan is in
// cleanupdialog_run.cpp.

#include "ui/dialogs/cleanupdialog.h"

#include "models/cleanuppreviewmodel.h"
#include "models/format.h"
#include "ui/dialogs/messagelabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Berth {

namespace {
// The pause after a change of the rule before planning starts again (typing is not planning).
constexpr int ReplanDelayMs = 400;
// A column of long reasons or names stays narrow enough to leave the others in view.
constexpr int MaxColumnChars = 48;
} // namespace

CleanupDialog::CleanupDialog(RegistryClient *client,
                             const QString &repositoryRegex,
                             QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_model(new CleanupPreviewModel(this))
    , m_replan(new QTimer(this))
{
    setWindowTitle(tr("Clean Up"));
    m_replan->setSingleShot(true);
    m_replan->setInterval(ReplanDelayMs);
    connect(m_replan, &QTimer::timeout, this, &CleanupDialog::plan);
    buildUi(repositoryRegex);
    plan();
}

CleanupDialog::~CleanupDialog() = default; // the planner and the run are children: aborted

void CleanupDialog::buildUi(const QString &repositoryRegex)
{
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto lineEdit = [this](const char *name, const QString &text, const QString &placeholder) {
        auto *edit = new QLineEdit(text, this);
        edit->setObjectName(QLatin1String(name));
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::textChanged, this, &CleanupDialog::ruleChanged);
        return edit;
    };
    m_repositoryFilter = lineEdit("repositoryFilter", repositoryRegex, {});
    m_repositoryFilter->setToolTip(tr("A regular expression matched against the whole "
                                      "repository name"));
    m_tagFilter = lineEdit("tagFilter", QStringLiteral(".*"), {});
    m_tagFilter->setToolTip(tr("A regular expression matched against the whole tag"));
    m_olderThan = lineEdit("olderThan", {}, tr("any age, or e.g. 30d, 2d3h, 90m"));
    m_olderThan->setToolTip(tr("Only tags last updated longer ago than this"));
    m_keep = new QSpinBox(this);
    m_keep->setObjectName(QStringLiteral("keep"));
    m_keep->setRange(0, 1000000);
    m_keep->setToolTip(tr("The newest matching tags per repository that stay"));
    connect(m_keep, &QSpinBox::valueChanged, this, &CleanupDialog::ruleChanged);
    m_untagged = new QCheckBox(tr("Also delete untagged manifests (never the platforms of an "
                                  "index that stays)"),
                               this);
    m_untagged->setObjectName(QStringLiteral("untagged"));
    connect(m_untagged, &QCheckBox::toggled, this, &CleanupDialog::ruleChanged);
    form->addRow(tr("&Repositories:"), m_repositoryFilter);
    form->addRow(tr("&Tags:"), m_tagFilter);
    form->addRow(tr("&Older than:"), m_olderThan);
    form->addRow(tr("&Keep newest:"), m_keep);
    form->addRow(QString(), m_untagged);
    layout->addLayout(form);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("preview"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setMinimumHeight(fontMetrics().height() * 16);
    layout->addWidget(m_view, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    const ProgressLine line = addProgressLine(layout, this);
    m_progress = line.progress;
    m_message = line.message;

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_runButton = m_buttons->addButton(tr("&Run…"), QDialogButtonBox::ActionRole);
    m_runButton->setObjectName(QStringLiteral("run"));
    m_stopButton = m_buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(QStringLiteral("stop"));
    connect(m_runButton, &QPushButton::clicked, this, &CleanupDialog::confirmRun);
    connect(m_stopButton, &QPushButton::clicked, this, &CleanupDialog::stop);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CleanupDialog::reject);
    layout->addWidget(m_buttons);
    updateButtons();
}

void CleanupDialog::ruleChanged()
{
    if (m_run)
        return;
    discardPlan();
    m_message->showMessage(MessageLabel::Kind::Progress, tr("Planning…"));
    m_replan->start();
}

void CleanupDialog::discardPlan()
{
    if (Job<PurgePlan> *planner = m_planner.data()) {
        m_planner.clear(); // its end is no news
        planner->abort();
        setBusy(false);
    }
    m_plan.reset();
    m_ran = false;
    m_model->clear();
    m_summary->clear();
    updateButtons();
}

void CleanupDialog::plan()
{
    m_replan->stop();
    discardPlan();
    RetentionRule rule;
    for (auto [re, edit] :
         {std::pair{&rule.repository, m_repositoryFilter}, std::pair{&rule.tag, m_tagFilter}}) {
        re->setPattern(QRegularExpression::anchoredPattern(edit->text()));
        if (edit->text().isEmpty() || !re->isValid()) {
            m_message->showError(tr("\"%1\" is not a regular expression: %2")
                                     .arg(edit->text(), edit->text().isEmpty()
                                                            ? tr("it is empty")
                                                            : re->errorString()));
            return updateButtons();
        }
    }
    if (!m_olderThan->text().trimmed().isEmpty()) {
        rule.agoSecs = parseDuration(m_olderThan->text().trimmed());
        if (!rule.agoSecs) {
            m_message->showError(
                tr("\"%1\" is not a duration such as 30d, 2d3h or 90m.").arg(m_olderThan->text()));
            return updateButtons();
        }
    }
    rule.keep = m_keep->value();
    rule.untagged = m_untagged->isChecked();
    auto *planner = new PurgePlanner(m_client, rule, QDateTime::currentDateTimeUtc(), {}, this);
    m_planner = planner;
    onFinished(static_cast<Job<PurgePlan> *>(planner), this,
               [this, planner](const Result<PurgePlan> &r) {
                   if (planner == m_planner.data())
                       planned(r);
               });
    m_message->showMessage(MessageLabel::Kind::Progress, tr("Planning…"));
    setBusy(true);
}

void CleanupDialog::planned(const Result<PurgePlan> &result)
{
    m_planner.clear();
    setBusy(false);
    if (!result) {
        if (result.error().kind() == ErrorKind::Aborted)
            m_message->showInfo(tr("Planning stopped: change the rule to plan again."));
        else
            m_message->showError(result.error().message);
        return updateButtons();
    }
    m_plan = *result;
    m_model->setPlan(*m_plan);
    m_view->resizeColumnsToContents();
    const int widest = fontMetrics().averageCharWidth() * MaxColumnChars;
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_view->setColumnWidth(column, std::min(m_view->columnWidth(column), widest));
    m_summary->setText(planSummary());
    m_message->clear();
    updateButtons();
}

QString CleanupDialog::planSummary() const
{
    using Action = CleanupPreviewModel::Action;
    return tr("Would untag %1 and delete %2, freeing %3; %4 kept.")
        .arg(tr("%n tag(s)", nullptr, m_model->count(Action::Untag)),
             tr("%n manifest(s)", nullptr, m_model->count(Action::Delete)),
             Format::size(m_plan ? m_plan->bytesFreed() : 0),
             tr("%n item(s)", nullptr, m_model->count(Action::Keep)));
}

void CleanupDialog::stop()
{
    if (m_run)
        m_run->abort();
    else if (m_planner)
        m_planner->abort();
}

void CleanupDialog::reject()
{
    m_replan->stop();
    stop();
    QDialog::reject();
}

void CleanupDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progress->setRange(0, 0);
    updateButtons();
}

void CleanupDialog::updateButtons()
{
    using Action = CleanupPreviewModel::Action;
    const bool work
        = m_plan && !m_ran && m_model->count(Action::Untag) + m_model->count(Action::Delete) > 0;
    m_runButton->setEnabled(work && !m_planner && !m_run);
    m_stopButton->setEnabled(m_planner || m_run);
    for (QWidget *w : std::initializer_list<QWidget *>{m_repositoryFilter, m_tagFilter, m_olderThan,
                                                       m_keep, m_untagged})
        w->setEnabled(!m_run);
}

} // namespace Berth
