#include "ui/keptselection.h"

#include "models/pagedtablemodel.h"

#include <QHash>
#include <QItemSelectionModel>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace Berth {

KeptSelection::KeptSelection(QTableView *view,
                             QSortFilterProxyModel *proxy,
                             PagedTableModel *source,
                             int keyRole,
                             QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_proxy(proxy)
    , m_source(source)
    , m_keyRole(keyRole)
{
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this, &KeptSelection::keep);
    connect(source, &QAbstractItemModel::modelReset, this, [this] { m_resetting = false; });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_resetting && !m_restoring)
            forget(); // the user chose anew
    });
}

void KeptSelection::keep()
{
    m_resetting = true;
    const QItemSelectionModel *selection = m_view->selectionModel();
    QStringList keys;
    for (const QModelIndex &row : selection->selectedRows())
        keys << m_proxy->mapToSource(row).data(m_keyRole).toString();
    if (keys.isEmpty())
        return; // e.g. a second reset before the rows came back: keep what was kept
    m_keys = keys;
    const QModelIndex current = m_view->currentIndex();
    m_current = current.isValid() && selection->isRowSelected(current.row())
                    ? m_proxy->mapToSource(current).siblingAtColumn(0).data(m_keyRole).toString()
                    : QString();
}

void KeptSelection::restore()
{
    if (m_keys.isEmpty())
        return;
    QHash<QString, int> rows;
    for (int row = 0; row < m_source->rowCount(); ++row)
        rows.insert(m_source->index(row, 0).data(m_keyRole).toString(), row);
    QItemSelection selection;
    QModelIndex current;
    QStringList waiting;
    for (const QString &key : std::as_const(m_keys)) {
        const auto found = rows.constFind(key);
        if (found == rows.cend()) {
            waiting << key;
            continue;
        }
        const QModelIndex index = m_proxy->mapFromSource(m_source->index(*found, 0));
        if (!index.isValid())
            continue; // filtered out
        selection.select(index, index);
        if (key == m_current)
            current = index;
    }
    m_restoring = true;
    QItemSelectionModel *model = m_view->selectionModel();
    model->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (current.isValid())
        model->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    m_restoring = false;
    m_keys = m_source->isComplete() ? QStringList() : waiting;
}

void KeptSelection::forget()
{
    m_keys.clear();
    m_current.clear();
}

} // namespace Berth
