#include "models/cleanuppreviewmodel.h"

#include <QBrush>
#include <QPalette>

namespace Berth {

namespace {
constexpr int ShortDigestLength = 12;
} // namespace

CleanupPreviewModel::CleanupPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString CleanupPreviewModel::key(const PlanItem &item, bool isTag)
{
    return (isTag ? u"t:" : u"m:") + item.name();
}

void CleanupPreviewModel::setPlan(const PurgePlan &plan)
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    for (const RepositoryPlan &p : plan.repositories) {
        for (const PlanItem &t : p.tags) {
            m_rowOf.insert(key(t, true), int(m_rows.size()));
            m_rows.append({t, Action::Untag, {}});
        }
        for (const PlanItem &m : p.manifests) {
            m_rowOf.insert(key(m, false), int(m_rows.size()));
            m_rows.append({m, Action::Delete, {}});
        }
    }
    for (const RepositoryPlan &p : plan.repositories) {
        for (const PlanItem &k : p.kept)
            m_rows.append({k, Action::Keep, {}});
    }
    endResetModel();
}

void CleanupPreviewModel::clear()
{
    setPlan({});
}

void CleanupPreviewModel::setOutcome(const PurgeItemResult &result)
{
    const int row = m_rowOf.value(key(result.item, result.isTag), -1);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    r.failed = bool(result.error);
    if (!result.kept.isEmpty())
        r.outcome = tr("kept: %1").arg(result.kept);
    else if (result.error)
        r.outcome = tr("failed: %1").arg(result.error->message);
    else
        r.outcome = result.isTag ? tr("untagged") : tr("deleted");
    Q_EMIT dataChanged(index(row, OutcomeColumn), index(row, OutcomeColumn));
}

int CleanupPreviewModel::count(Action action) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [action](const Row &r) { return r.action == action; }));
}

int CleanupPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CleanupPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CleanupPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn && r.failed)
        return QBrush(Qt::red);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ActionColumn:
        switch (r.action) {
        case Action::Untag:
            return tr("Untag");
        case Action::Delete:
            return r.item.isIndex ? tr("Delete index") : tr("Delete");
        case Action::Keep:
            return tr("Keep");
        }
        return {};
    case ItemColumn:
        if (role == Qt::ToolTipRole || !r.item.tag.isEmpty())
            return r.item.name();
        // "repo@sha256:0123456789ab", as Docker shortens digests; the tooltip has it all.
        return QString(r.item.repository + u'@'
                       + r.item.digest.left(r.item.digest.indexOf(u':') + 1 + ShortDigestLength));
    case ReasonColumn:
        return r.item.reason;
    case OutcomeColumn:
        return r.outcome;
    default:
        return {};
    }
}

QVariant CleanupPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case ItemColumn:
        return tr("Item");
    case ReasonColumn:
        return tr("Reason");
    case OutcomeColumn:
        return tr("Outcome");
    default:
        return {};
    }
}

} // namespace Berth
