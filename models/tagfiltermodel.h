#pragma once

#include <QCollator>
#include <QList>
#include <QSortFilterProxyModel>

namespace Berth {

// The filter and sort layer between a paged table (TagModel, ManifestModel) and its view.
//
// Sorting: a click on a time column asks the source to sort (the registry orders the
// pages: orderby=timedesc|timeasc) and keeps the source's order here; any other column is
// sorted locally over the rows loaded so far, with natural order for text ("1.9" < "1.10")
// and the source's Qt::UserRole sort keys where it gives them (sizes, times).
//
// Filtering: a case-insensitive substring of the filter columns (default: column 0, the
// tag name). While a filter is active the model keeps asking its source for pages until
// the source has no more, so that a filter finds tags that were not loaded yet.
class TagFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TagFilterModel(QObject *parent = nullptr);

    // Columns the server sorts (default: TagModel's Created and Updated).
    void setServerSortColumns(const QList<int> &columns) { m_serverColumns = columns; }
    // Columns whose text the filter matches (default: {0}).
    void setFilterColumns(const QList<int> &columns);
    // Also match the source's full digest (Roles::Digest), e.g. for the manifest table.
    void setFilterMatchesDigest(bool on);

    bool isFiltering() const { return !m_text.isEmpty(); }

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

public Q_SLOTS:
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    // With a filter active: asks the source for its next page when it can take the request.
    void keepLoading();

    QString m_text;
    QList<int> m_serverColumns;
    QList<int> m_filterColumns{0};
    bool m_matchDigest = false;
    QCollator m_collator;
    QMetaObject::Connection m_pageConnection;
};

} // namespace Berth
