#include "ui/dialogs/batchdialog.h"

#include "ui/dialogs/messagelabel.h"

#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>

namespace Berth {

BatchDialog::BatchDialog(RegistryClient *client,
                         Target target,
                         const QString &repository,
                         const QString &windowTitle,
                         QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_target(target)
    , m_repository(repository)
    , m_batch(new JobBatch(this))
{
    setWindowTitle(windowTitle);
    connect(m_batch, &JobBatch::progress, this, [this](int done, int total) {
        if (total > 1) {
            m_progress->setRange(0, total);
            m_progress->setValue(done);
            m_progress->setFormat(tr("%1 of %2").arg(done).arg(total));
        } else {
            m_progress->setRange(0, 0); // one request: just busy
        }
    });
    connect(m_batch, &JobBatch::finished, this, [this](bool aborted) { batchFinished(aborted); });
}

QVBoxLayout *BatchDialog::createLayout()
{
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    return new QVBoxLayout(this);
}

void BatchDialog::addProgress(QVBoxLayout *layout)
{
    const ProgressLine line = addProgressLine(layout, this);
    m_progress = line.progress;
    m_message = line.message;
    layout->addStretch();
}

int BatchDialog::itemCount() const
{
    return m_target == Target::Tags ? int(m_tags.size()) : 1;
}

QString BatchDialog::itemName(int item) const
{
    switch (m_target) {
    case Target::Repository:
        return m_repository;
    case Target::Tags:
        return m_tags.at(item).name;
    case Target::Manifest:
        return DialogText::shortDigest(m_manifest.digest);
    }
    return {};
}

bool BatchDialog::isRunning() const
{
    return m_batch->isRunning();
}

void BatchDialog::run(int count,
                      const JobBatch::Starter &starter,
                      int parallel,
                      const QString &message)
{
    m_succeeded.clear();
    m_failures.clear();
    m_message->showMessage(MessageLabel::Kind::Progress, message);
    m_batch->run(count, starter, parallel);
}

void BatchDialog::failed(int item, const RegistryError &error)
{
    m_failures.append({itemName(item), error});
}

bool BatchDialog::anyFailure(ErrorKind kind) const
{
    return std::any_of(
        m_failures.cbegin(), m_failures.cend(),
        [kind](const DialogText::Failure &failure) { return failure.error.kind() == kind; });
}

void BatchDialog::showBusy(bool busy)
{
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_progress->setValue(0);
    }
}

void BatchDialog::reject()
{
    m_batch->abort(); // what already finished is still reported when the batch ends
    QDialog::reject();
}

} // namespace Berth
