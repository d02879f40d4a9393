#pragma once

#include <QObject>
#include <QStringList>

class QSortFilterProxyModel;
class QTableView;

namespace Berth {

class PagedTableModel;

// Keeps a paged table's highlighted rows across a reset of its source: a sort the registry
// does (orderby), a reload. Before the reset it remembers the rows' keys (the source's
// `keyRole` in column 0: a tag name, a digest) and the current row; as the pages come back
// restore() highlights them again. What has not come back waits for later pages until the
// source has no more. The user selecting anew, or forget() (another repository), drops it.
class KeptSelection : public QObject
{
    Q_OBJECT
public:
    KeptSelection(QTableView *view,
                  QSortFilterProxyModel *proxy,
                  PagedTableModel *source,
                  int keyRole,
                  QObject *parent = nullptr);

    // Rows remembered that have not come back yet.
    bool isPending() const { return !m_keys.isEmpty(); }
    // Highlights the remembered rows that the source has now (call after each page).
    void restore();
    void forget();

private:
    void keep();

    QTableView *m_view;
    QSortFilterProxyModel *m_proxy;
    PagedTableModel *m_source;
    int m_keyRole;
    QStringList m_keys;
    QString m_current;
    bool m_resetting = false;
    bool m_restoring = false;
};

} // namespace Berth
