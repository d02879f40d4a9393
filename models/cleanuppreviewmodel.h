#pragma once

#include "cleanup/purge.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Berth {

// The clean-up dialog's preview: one row per item of a PurgePlan — the tags it untags, the
// manifests it deletes and what it keeps, each with the reason — then, as a PurgeRun goes,
// each item's outcome (deleted, kept because something changed since planning, failed).
class CleanupPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ActionColumn, ItemColumn, ReasonColumn, OutcomeColumn, ColumnCount };
    enum class Action { Untag, Delete, Keep };

    explicit CleanupPreviewModel(QObject *parent = nullptr);

    void setPlan(const PurgePlan &plan);
    void clear();
    void setOutcome(const PurgeItemResult &result);

    int count(Action action) const;
    Action action(int row) const { return m_rows.at(row).action; }
    QString itemName(int row) const { return m_rows.at(row).item.name(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        PlanItem item;
        Action action = Action::Keep;
        QString outcome;
        bool failed = false;
    };
    static QString key(const PlanItem &item, bool isTag);

    QList<Row> m_rows;
    QHash<QString, int> m_rowOf; // key -> row, for the items that go
};

} // namespace Berth
