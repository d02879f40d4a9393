#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;

namespace Berth {

class RegistryTree;
class RepositoryModel;

// The search box over the tree: with text in it, the tree shows only the repositories whose
// path contains the text (any part, case-insensitive), with the folders above them opened,
// and a line under the box says "N of M repositories". While the box has text, the rest of
// every registry's catalog loads in the background, a page at a time as the last page comes
// in (the tree stays usable meanwhile): a repository not listed yet is found too. Rows are
// hidden in the view (QTreeView::setRowHidden), so the tree's indexes stay the model's own.
// Escape clears the box.
class RepositorySearch : public QWidget
{
    Q_OBJECT
public:
    RepositorySearch(RegistryTree *tree, RepositoryModel *repositories, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QLabel *countLabel() const { return m_count; }
    // Puts the focus in the box with its text selected (Ctrl+Shift+F).
    void focusSearch();

private:
    bool isSearching() const;
    void apply();
    // Hides the rows under `parent` that neither match nor hold a match; the matches below.
    int filterRows(const QModelIndex &parent, int &repositories);
    void keepLoading();
    void updateCount();
    bool isLoadingMore() const;

    RegistryTree *m_tree;
    RepositoryModel *m_repositories;
    QLineEdit *m_edit;
    QLabel *m_count;
    QTimer m_applyTimer; // coalesces the inserts of a page (one per folder)
    QString m_text;
    int m_matches = 0;
    int m_total = 0;
    bool m_hidesRows = false; // some row is hidden now
};

} // namespace Berth
