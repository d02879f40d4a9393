#include "ui/dialogs/indexreferencesbox.h"

#include "ui/dialogs/dialogtext.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Berth {

IndexReferencesBox::IndexReferencesBox(RegistryClient *client,
                                       const QString &repository,
                                       const QString &digest,
                                       QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_deleteIndexes(new QRadioButton(this))
    , m_breakIndexes(new QRadioButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_text->setObjectName(QStringLiteral("referencesText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deleteIndexes->setObjectName(QStringLiteral("deleteIndexesChoice"));
    m_breakIndexes->setObjectName(QStringLiteral("breakIndexesChoice"));
    // Exclusive, but with nothing checked at first: the user has to pick one.
    auto *group = new QButtonGroup(this);
    group->addButton(m_deleteIndexes);
    group->addButton(m_breakIndexes);
    layout->addWidget(m_text);
    layout->addWidget(m_deleteIndexes);
    layout->addWidget(m_breakIndexes);
    connect(group, &QButtonGroup::buttonToggled, this, &IndexReferencesBox::choiceChanged);
    setVisible(false);

    Job<QList<ReferencingIndex>> *job = client->indexesReferencing(repository, digest);
    m_job = job;
    onFinished(job, this, [this](const Result<QList<ReferencingIndex>> &r) { showResult(r); });
}

IndexReferencesBox::~IndexReferencesBox()
{
    if (m_job)
        m_job->abort();
}

IndexReferencesBox::Choice IndexReferencesBox::choice() const
{
    if (m_deleteIndexes->isChecked())
        return Choice::DeleteIndexes;
    if (m_breakIndexes->isChecked())
        return Choice::BreakIndexes;
    return Choice::None;
}

bool IndexReferencesBox::allowsDelete() const
{
    switch (m_state) {
    case State::Checking:
        return false;
    case State::Unreferenced:
        return true;
    case State::Referenced:
    case State::Unknown:
        return choice() != Choice::None;
    }
    return false;
}

QList<ReferencingIndex> IndexReferencesBox::indexesToDelete() const
{
    return choice() == Choice::DeleteIndexes ? m_indexes : QList<ReferencingIndex>{};
}

void IndexReferencesBox::showResult(const Result<QList<ReferencingIndex>> &result)
{
    if (!result) {
        m_state = State::Unknown;
        m_text->setText(tr("Berth could not check whether an index in this repository lists "
                           "this manifest as one of its platforms, so deleting it may break "
                           "one:\n%1")
                            .arg(result.error().toString()));
        m_deleteIndexes->setVisible(false);
        m_breakIndexes->setText(tr("Delete it &anyway, without knowing"));
    } else if (result->isEmpty()) {
        m_state = State::Unreferenced;
    } else {
        m_state = State::Referenced;
        m_indexes = *result;
        QStringList lines;
        QStringList tags;
        for (const ReferencingIndex &index : std::as_const(m_indexes)) {
            lines << (index.tags.isEmpty()
                          ? tr("%1 (untagged)").arg(DialogText::shortDigest(index.digest))
                          : tr("%1 (tags: %2)")
                                .arg(DialogText::shortDigest(index.digest),
                                     index.tags.join(QStringLiteral(", "))));
            tags += index.tags;
        }
        const int n = int(m_indexes.size());
        m_text->setText(tr("%n index(es) in this repository list this manifest as one of their "
                           "platforms. Deleting only the manifest breaks them: they keep "
                           "listing it, and pulling that platform fails.",
                           nullptr, n)
                        + u'\n' + lines.join(u'\n'));
        m_deleteIndexes->setText(
            tags.isEmpty() ? tr("Also delete the %n index(es)", nullptr, n)
                           : tr("Also delete the %n index(es), with their tags: %1", nullptr, n)
                                 .arg(tags.join(QStringLiteral(", "))));
        m_breakIndexes->setText(
            tr("Delete only this manifest, and leave the %n index(es) broken", nullptr, n));
    }
    setVisible(m_state == State::Referenced || m_state == State::Unknown);
    Q_EMIT checked();
}

} // namespace Berth
